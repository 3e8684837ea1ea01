"""Each kind's own tables in the document's "content": the fields of version 1, listed here."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from apps.department_evaluations import models as dept
from apps.project_evaluations import models as proj

from . import fields
from .reference import category_path, restamp, rubric_key
from .resolve import Resolved
from .schema import FormatError, dump, items, need, values


@dataclass(frozen=True)
class Table:
    """A table of a kind's rows: refs table name, document key, model, related name, fields."""

    name: str
    key: str
    model: type[models.Model]
    related: str
    fields: tuple[str, ...]
    foreign: str = ""  # "category" (IndicatorCategory by path) or "unit" (Department by code)


@dataclass(frozen=True)
class Kind:
    evaluation: type[models.Model]
    related: str  # Filing -> evaluation
    fields: tuple[str, ...]
    tables: tuple[Table, ...]


PROJECT = Kind(
    evaluation=proj.ProjectEvaluation,
    related="project_evaluation",
    fields=fields.PROJECT_EVALUATION,
    tables=(
        Table(
            "row",
            "rows",
            proj.IndicatorRow,
            "rows",
            (
                *fields.INDICATOR[:-2],
                "not_applicable",
                "not_applicable_reason",
                *fields.INDICATOR[-2:],
            ),
            "category",
        ),
    ),
)
DEPARTMENT = Kind(
    evaluation=dept.DepartmentEvaluation,
    related="department_evaluation",
    fields=fields.DEPARTMENT_EVALUATION,
    tables=(
        Table("finance", "finance", dept.FinanceRow, "finance_rows", fields.FINANCE, "unit"),
        Table(
            "goal",
            "goals",
            dept.QualitativeGoal,
            "goals",
            ("position", "period", "expected", "achieved"),
        ),
        Table(
            "task",
            "tasks",
            dept.KeyTask,
            "tasks",
            fields.TASK,
        ),
        Table(
            "output",
            "outputs",
            dept.OutputItem,
            "outputs",
            ("section", "position", "name", "plan", "actual"),
        ),
        Table(
            "evaluator",
            "evaluators",
            dept.Evaluator,
            "evaluators",
            ("position", "name", "title", "unit"),
        ),
        Table(
            "indicator",
            "indicators",
            dept.DepartmentIndicator,
            "indicators",
            fields.INDICATOR,
            "category",
        ),
    ),
)
KINDS = {proj.KIND: PROJECT, dept.KIND: DEPARTMENT}


def kind_of(name: str, path: str) -> Kind:
    if name not in KINDS:
        raise FormatError(path, _("“%(kind)s” is not a kind this version knows") % {"kind": name})
    return KINDS[name]


def own_ids(filing, kind: Kind) -> dict[str, list[int]]:
    """The ids of the filing's current rows, by table."""
    evaluation = getattr(filing, kind.related, None)
    if evaluation is None:
        return {}
    return {
        t.name: list(getattr(evaluation, t.related).values_list("pk", flat=True))
        for t in kind.tables
    }


def _foreign(table: Table, row: Any) -> Any:
    if table.foreign == "category":
        return category_path(row.category)
    if table.foreign == "unit":
        return row.unit.budget_code if row.unit_id else None
    return None


def content_export(filing, kind: Kind, ids: dict[str, dict[str, str]]) -> dict[str, Any] | None:
    """The kind's tables of a filing; rows carry their refs (ids[table][str(pk)])."""
    evaluation = getattr(filing, kind.related, None)
    if evaluation is None:
        return None
    content: dict[str, Any] = {"evaluation": dump(evaluation, kind.fields)}
    if kind is DEPARTMENT:
        rubric = evaluation.rubric
        content["evaluation"]["rubric"] = None
        if rubric is not None:
            content["evaluation"]["rubric"] = rubric_key(rubric)
        content["rubric_scores"] = [
            {"item": ids["rubric"][str(score.item_id)], **dump(score, fields.RUBRIC_SCORE)}
            for score in evaluation.rubric_scores.order_by("item__position", "item_id")
        ]
    else:
        content["funding_lines"] = [
            dump(line, fields.FUNDING) for line in evaluation.funding_lines.order_by("id")
        ]
    for table in kind.tables:
        rows = getattr(evaluation, table.related).order_by("pk")
        content[table.key] = [
            {
                "ref": ids[table.name][str(row.pk)],
                **({table.foreign: _foreign(table, row)} if table.foreign else {}),
                **dump(row, table.fields),
            }
            for row in rows
        ]
    return content


def pinned_rubric(evaluation: Any, resolved: Resolved, path: str) -> tuple[Any, list]:
    """The scoring sheet a department filing pins, with its rows, or (None, [])."""
    key = need(evaluation, "rubric", path)
    if key is None:
        return None, []
    return resolved.rubric(key, f"{path}.rubric")


def row_refs(content: Any, kind: Kind, path: str) -> dict[str, dict[str, tuple[str, Any]]]:
    """The document's current rows by table and ref, each with its path."""
    found: dict[str, dict[str, tuple[str, Any]]] = {}
    for table in kind.tables:
        rows = found.setdefault(table.name, {})
        for row_path, row in items(content, table.key, path):
            ref = need(row, "ref", row_path)
            if not isinstance(ref, str) or not ref.startswith("#") or not ref[1:].isdigit():
                raise FormatError(f"{row_path}.ref", _("a row ref is “#” and a number"))
            if ref in rows:
                raise FormatError(f"{row_path}.ref", _("a second row with this ref"))
            rows[ref] = (row_path, row)
    return found


def _placeholder(table: Table, evaluation: models.Model, resolved: Resolved) -> models.Model:
    """A row that only takes an id, for a ref the history mentions and no current row has."""
    extra: dict[str, Any] = {}
    if table.foreign == "category":
        extra["category"] = next(iter(resolved.categories.values()))
    return table.model(evaluation=evaluation, position=0, **extra)


def content_import(filing, kind: Kind, content: Any, resolved: Resolved, refs, path: str) -> dict:
    """Write the kind's tables; returns {table: {"#n": str(new id)}} for the history."""
    record = need(content, "evaluation", path)
    data = values(kind.evaluation, record, kind.fields, f"{path}.evaluation")
    extra: dict[str, Any] = {}
    rubric_rows: list = []
    if kind is DEPARTMENT:
        extra["rubric"], rubric_rows = pinned_rubric(record, resolved, f"{path}.evaluation")
    evaluation: Any = kind.evaluation._default_manager.create(filing=filing, **data, **extra)
    restamp(evaluation, record)
    current = row_refs(content, kind, path)
    mapping: dict[str, dict[str, str]] = {}
    for table in kind.tables:
        wanted = {int(ref[1:]) for ref in current[table.name]} | {
            int(ref[1:]) for ref in refs.get(table.name, ())
        }
        if len(wanted) != max(wanted, default=0):
            raise FormatError(
                path, _("the refs of %(table)s are not #1 to #n") % {"table": table.key}
            )
        made: list[tuple[str, models.Model, Any]] = []
        for number in range(1, max(wanted, default=0) + 1):
            ref = f"#{number}"
            if ref not in current[table.name]:
                made.append((ref, _placeholder(table, evaluation, resolved), None))
                continue
            row_path, row = current[table.name][ref]
            found = values(table.model, row, table.fields, row_path)
            if table.foreign == "category":
                found["category"] = resolved.category(
                    need(row, "category", row_path), f"{row_path}.category"
                )
            elif table.foreign == "unit":
                code = need(row, "unit", row_path)
                found["unit"] = (
                    None if code is None else resolved.department(code, f"{row_path}.unit")
                )
            made.append((ref, table.model(evaluation=evaluation, **found), row))
        # One insert in ref order, so the new ids keep the order of the old ones.
        table.model._default_manager.bulk_create([obj for _ref, obj, _row in made])
        mapping[table.name] = {ref: str(obj.pk) for ref, obj, _row in made}
        for _ref, obj, row in made:
            if row is None:
                obj.delete()
            else:
                restamp(obj, row)
    mapping["rubric"] = {f"#{place}": str(item.pk) for place, item in enumerate(rubric_rows, 1)}
    if kind is DEPARTMENT:
        for score_path, score in items(content, "rubric_scores", path):
            item = mapping["rubric"].get(need(score, "item", score_path))
            if item is None:
                raise FormatError(
                    f"{score_path}.item", _("no such row in the pinned scoring sheet")
                )
            made_score = dept.RubricScore.objects.create(
                evaluation=evaluation,
                item_id=int(item),
                **values(dept.RubricScore, score, fields.RUBRIC_SCORE, score_path),
            )
            restamp(made_score, score)
    else:
        for line_path, line in items(content, "funding_lines", path):
            made_line = proj.FundingLine.objects.create(
                evaluation=evaluation, **values(proj.FundingLine, line, fields.FUNDING, line_path)
            )
            restamp(made_line, line)
    return mapping

"""Writes of the department self-evaluation: start it, save it (through the generic save)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.filings.services import ConflictError, Summary, filing_create, filing_save
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from apps.organizations.models import Department

from . import bounds, selectors
from .bounds import FINANCE_COLUMNS
from .compute import BASIS_DECLARED, Computed, department_compute
from .data import Context, DepartmentData, FinanceData
from .models import (
    KIND,
    DepartmentEvaluation,
    DepartmentIndicator,
    Evaluator,
    FinanceRow,
    KeyTask,
    OutputItem,
    QualitativeGoal,
    RubricScore,
)

__all__ = ["ConflictError", "SaveResult", "department_create", "department_save"]


@dataclass(frozen=True)
class SaveResult:
    filing: Filing
    computed: Computed


def department_units(department: Department) -> list[Department]:
    """The institutions a 收支情况 row may stand for: the department and its units."""
    return [department, *department.units.order_by("budget_code")]


@transaction.atomic
def department_create(
    *, department: Department, fiscal_year: FiscalYear, by: User | None
) -> Filing:
    """Start the department's self-evaluation of the year, with its own 收支情况 row."""
    if department.bureau_id != fiscal_year.bureau_id:
        raise ApplicationError(_("The fiscal year belongs to another finance bureau."))
    policy = scoring_policy_ensure(fiscal_year=fiscal_year, framework=Framework.DEPARTMENT)
    taxonomy_ensure_standard(bureau=fiscal_year.bureau, framework=Framework.DEPARTMENT)
    filing = filing_create(
        kind=KIND,
        department=department,
        fiscal_year=fiscal_year,
        create_detail=lambda filing: DepartmentEvaluation.objects.create(
            filing=filing, rubric=policy.rubric
        ),
    )
    data = DepartmentData(
        evaluation_method="部门（单位）绩效自评",
        evaluation_agency="部门（单位）评价组",
        contact_person=department.contact_person,
        contact_phone=department.contact_phone,
        authorized_headcount=department.authorized_headcount or None,
        finance=(FinanceData(name=department.name, unit_id=department.pk),),
    )
    return department_save(filing=filing, by=by, base_version=0, data=data).filing


def _sync(model, evaluation, existing, rows, fields, extra=None) -> None:
    """Make the evaluation's rows of a section those given, in order; keep ids of kept rows.

    existing is the section's stored rows, read under the filing's lock. A fixed number of
    queries however many rows: the removed rows deleted in one query, every kept row marked
    saved in one, the cells that changed written in bulk, the new rows inserted in bulk
    (Django splits a bulk write at the database's limit of parameters, 999 on SQLite).
    A row id given twice (a tampered post) keeps its row once and adds the other.
    """
    stored = {row.pk: row for row in existing}
    kept, changed, added = [], [], []
    written: dict[str, None] = {}
    for position, data in enumerate(rows):
        values = {"position": position, **{name: getattr(data, name) for name in fields}}
        values |= extra(data) if extra else {}
        instance = stored.pop(data.row_id, None) if data.row_id else None
        if instance is None:
            added.append(model(evaluation=evaluation, **values))
            continue
        kept.append(instance.pk)
        differ = [name for name, value in values.items() if getattr(instance, name) != value]
        for name in differ:
            setattr(instance, name, values[name])
            written[name] = None
        if differ:
            changed.append(instance)
    _store(model, evaluation, stored.values(), kept, changed, list(written), added)


def _store(model, evaluation, removed, kept: list, changed: list, written: list, added) -> None:
    if removed:
        model.objects.filter(evaluation=evaluation, pk__in=[row.pk for row in removed]).delete()
    if kept:  # each kept row is saved again, as a save of each row did
        model.objects.filter(pk__in=kept).update(updated_at=timezone.now())
    if changed:
        model.objects.bulk_update(changed, written)
    model.objects.bulk_create(added)


GOAL_FIELDS = ("period", "expected", "achieved")
OUTPUT_FIELDS = ("section", "name", "plan", "actual")
EVALUATOR_FIELDS = ("name", "title", "unit")


def _refusal(filing: Filing, data: DepartmentData, context: Context) -> str:
    """Why these rows cannot be stored at all (a tampered post): "" when they can."""
    sections = (
        data.finance,
        data.goals,
        data.tasks,
        data.indicators,
        data.outputs,
        data.evaluators,
    )
    if any(len(rows) > bounds.MAX_ROWS for rows in sections):
        return _("A section holds at most %(max)s rows.") % {"max": bounds.MAX_ROWS}
    units = {d.pk for d in department_units(filing.department)}
    if any(row.unit_id is not None and row.unit_id not in units for row in data.finance):
        return _("A row of 收支情况 names a unit that is not this department's.")
    categories = set(
        IndicatorCategory.objects.filter(
            bureau_id=filing.fiscal_year.bureau_id, framework=Framework.DEPARTMENT, level=2
        ).values_list("pk", flat=True)
    )
    if any(row.category_id not in categories for row in data.indicators):
        return _("An indicator row names a level-2 indicator that does not exist.")
    items = {item.item_id for item in context.rubric}
    if any(line.item_id not in items for line in data.rubric):
        return _("A score names a row that is not on this filing's scoring sheet.")
    return ""


def _write(evaluation: DepartmentEvaluation, data: DepartmentData, computed: Computed) -> None:
    """Store the data on the evaluation (its rows as prefetched by with_detail, under the
    filing's lock): a fixed number of queries however many rows it holds."""
    for name in selectors.SCALARS:
        setattr(evaluation, name, getattr(data, name))
    evaluation.full_clean(exclude=["filing", "rubric"])
    evaluation.save()
    _sync(
        FinanceRow,
        evaluation,
        evaluation.finance_rows.all(),
        data.finance,
        ("name",),
        lambda row: {"unit_id": row.unit_id, **{c: row.get(c) for c in FINANCE_COLUMNS}},
    )
    _sync(QualitativeGoal, evaluation, evaluation.goals.all(), data.goals, GOAL_FIELDS)
    _sync(KeyTask, evaluation, evaluation.tasks.all(), data.tasks, selectors.TASK_FIELDS)
    scores = computed.scores.indicator_scores
    by_row = dict(zip([id(row) for row in data.indicators], scores, strict=True))
    _sync(
        DepartmentIndicator,
        evaluation,
        evaluation.indicators.all(),
        data.indicators,
        selectors.INDICATOR_FIELDS,
        lambda row: {"category_id": row.category_id, "score": by_row[id(row)]},
    )
    _sync(OutputItem, evaluation, evaluation.outputs.all(), data.outputs, OUTPUT_FIELDS)
    _sync(Evaluator, evaluation, evaluation.evaluators.all(), data.evaluators, EVALUATOR_FIELDS)
    _write_rubric(evaluation, data, computed)


def _write_rubric(evaluation: DepartmentEvaluation, data: DepartmentData, computed) -> None:
    """The 自评打分 as the department states it; where the system computes the row, the page
    states the computed value, and a different stated one (an import, a print) is flagged."""
    lines = {line.item_id: line for line in data.rubric}
    existing = {score.item_id: score for score in evaluation.rubric_scores.all()}
    kept, changed, added = [], [], []
    for item_id in computed.scores.rubric:
        line = lines.get(item_id)
        score, note = (line.score, line.note) if line else (None, "")
        stored = existing.pop(item_id, None)
        if stored is None:
            added.append(
                RubricScore(evaluation=evaluation, item_id=item_id, score=score, note=note)
            )
            continue
        kept.append(stored.pk)
        if (stored.score, stored.note) != (score, note):
            stored.score, stored.note = score, note
            changed.append(stored)
    fields = ["score", "note"]
    _store(RubricScore, evaluation, existing.values(), kept, changed, fields, added)


@transaction.atomic
def department_save(
    *,
    filing: Filing,
    by: User | None,
    base_version: int,
    data: DepartmentData,
    policy: ScoringPolicy | None = None,
) -> SaveResult:
    """Save the filing, even with findings; computed 打分表 rows count the system's value."""
    results: list[Computed] = []

    def write(locked: Filing) -> Summary:
        used = policy or scoring_policy_ensure(
            fiscal_year=locked.fiscal_year, framework=Framework.DEPARTMENT
        )
        fresh = selectors.with_detail(Filing.objects.get(pk=locked.pk))
        evaluation = selectors.evaluation_of(fresh)
        if evaluation.rubric_id is None and used.rubric_id is not None:
            evaluation.rubric = used.rubric  # a 打分表 set after the filing was started
            evaluation.save(update_fields=["rubric", "updated_at"])
        context = selectors.context_of(fresh, used)
        problem = _refusal(locked, data, context)
        if problem:
            raise ApplicationError(problem)
        computed = department_compute(data, context)
        _write(evaluation, data, computed)
        results.append(computed)
        from .checks import summarize
        from .shown import findings_shown

        errors, warnings = summarize(findings_shown(computed.findings, used))
        declared = used.department_basis == BASIS_DECLARED
        scores = computed.scores
        return Summary(
            total_score=data.declared_score if declared else scores.total,
            grade=data.declared_grade if declared else scores.grade,
            execution_rate=scores.figures["execution_rate"].value,
            error_count=errors,
            warning_count=warnings,
        )

    saved = filing_save(filing=filing, by=by, base_version=base_version, write=write)
    return SaveResult(filing=saved, computed=results[0])

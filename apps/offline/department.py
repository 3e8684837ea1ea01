"""The department self-evaluation's offline codec (`CODEC`): its workbook in the bureau's
layout, read back as the page would post it, checked and saved as the page does.

The page posts only what the layout shows and keeps the stored value of every other cell
(`keep_hidden`); the reader does the same. A 打分表 row the system computes posts the computed
value (department.js): so does the reader. The outcome is the page's own computation
(`parse_state`, `department_compute`, `computed_json`); the save is `department_save` with
its version check.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.department_evaluations import selectors
from apps.department_evaluations.compute import BASIS_DECLARED, department_compute
from apps.department_evaluations.data import Context, DepartmentData
from apps.department_evaluations.forms import FormState, state_from_data
from apps.department_evaluations.layout import department_layout
from apps.department_evaluations.models import KIND
from apps.department_evaluations.parse import parse_state
from apps.department_evaluations.selectors import SCALARS
from apps.department_evaluations.services import department_save, department_units
from apps.department_evaluations.shown import Shown, keep_hidden, shown
from apps.department_evaluations.snapshots import cells_of
from apps.department_evaluations.views.form import computed_json, levels_of
from apps.exchange.reading import Problem, UploadRefused, stamp_of
from apps.filings.models import Filing
from apps.indicators.layouts import DepartmentLayout
from apps.indicators.models import ScoringPolicy

from . import department_workbook as write
from .codecs import Outcome
from .department_reading import Lookup, OfflineState, read_general, read_rows, read_rubric
from .department_sheets import GENERAL, Spec, spec_of

ROW_PREFIXES = {
    "finance": "finance",
    "goals": "goal",
    "tasks": "task",
    "indicators": "indicator",
    "outputs": "output",
    "evaluators": "evaluator",
}


@dataclass(frozen=True)
class Setting:
    """The filing with what its page reads: policy, layout, context, levels, saved data."""

    filing: Filing
    policy: ScoringPolicy
    layout: DepartmentLayout
    context: Context
    seen: Shown
    levels: dict[int, tuple[str, str]]
    data: DepartmentData
    stored: FormState
    spec: Spec


def setting_of(filing: Filing) -> Setting:
    fresh = selectors.with_detail(
        Filing.objects.select_related("fiscal_year__bureau", "department").get(pk=filing.pk)
    )
    policy = selectors.department_policy(fresh)
    context = selectors.context_of(fresh, policy)
    layout = department_layout(policy)
    seen = shown(layout, context.basis)
    levels, _tree = levels_of(fresh.fiscal_year.bureau_id)
    data = selectors.data_of(selectors.evaluation_of(fresh))
    stored = state_from_data(data, version=fresh.version, unit=policy.amount_unit)
    spec = spec_of(layout, seen, context)
    return Setting(fresh, policy, layout, context, seen, levels, data, stored, spec)


def _with_new_ids(data: DepartmentData) -> DepartmentData:
    """The rows a save would create given ids no saved row has ("new1", …), for the cells."""
    count = 0

    def named(rows: tuple) -> tuple:
        nonlocal count
        result = []
        for row in rows:
            if row.row_id is None:
                count += 1
                row = replace(row, row_id=f"new{count}")
            result.append(row)
        return tuple(result)

    renamed: dict[str, Any] = {section: named(getattr(data, section)) for section in ROW_PREFIXES}
    return replace(data, **renamed)


class DepartmentCodec:
    """部门整体支出绩效自评 offline (see apps/offline/codecs.py for the contract)."""

    kind = KIND

    def workbook(self, filing: Filing) -> Workbook:
        setting = setting_of(filing)
        fresh, context, spec = setting.filing, setting.context, setting.spec
        computed = department_compute(setting.data, context)
        payload = computed_json(setting.data, context, computed, {}, setting.seen)
        names = {"year": fresh.fiscal_year.year, "title": setting.layout.title}
        names |= {"department": fresh.department.name, "unit": context.amount_unit}
        book = Workbook()
        book.remove(book.active)  # type: ignore[arg-type]
        if spec.general:
            heading = write.heading_lines(setting.layout, names)
            write.general_sheet(book, spec, setting.stored, computed.scores.figures, heading)
        note = write.unit_note(context)
        for sheet in spec.sheets:
            rows = [dict(cells) for cells in setting.stored.sections.get(sheet.section, [])]
            total = None
            if sheet.section == "finance":
                unit = context.amount_unit
                total = {k: write.in_unit(v, unit) for k, v in computed.scores.total_row.items()}
            elif sheet.section == "tasks":
                for cells, rate in zip(rows, payload["task_rates"], strict=False):
                    cells["rate"] = rate
            elif sheet.section == "indicators":
                for cells, score in zip(rows, payload["indicator_scores"], strict=False):
                    category = cells.get("category", "")
                    names_of = setting.levels.get(int(category)) if category.isdigit() else None
                    cells["level1"], cells["level2"] = names_of or ("", "")
                    cells["score"] = score
            write.rows_sheet(book, sheet, rows, note, total)
        if spec.rubric is not None:
            write.rubric_sheet(book, spec.rubric, context, setting.stored, payload)
        return book

    def read(self, filing: Filing, workbook: Workbook) -> OfflineState:
        setting = setting_of(filing)
        spec, context = setting.spec, setting.context
        lookup = Lookup(
            saved={
                section: {row["id"]: row for row in rows if row.get("id")}
                for section, rows in setting.stored.sections.items()
            },
            levels=setting.levels,
            units={unit.name: unit.pk for unit in department_units(setting.filing.department)},
            computed_items=_computed_items(setting.data, context),
        )
        posted = OfflineState()
        problems: list[Problem] = []
        if spec.general:
            problems += read_general(workbook, spec, posted).problems
        for sheet in spec.sheets:
            rows, reader = read_rows(workbook, sheet, lookup, posted)
            posted.sections[sheet.section] = rows
            problems += reader.problems
        if spec.rubric is not None:
            problems += read_rubric(workbook, spec.rubric, context, lookup, posted).problems
        if problems:
            raise UploadRefused(problems)
        posted.scalars = {name: posted.scalars.get(name, "") for name in SCALARS}
        for item in context.rubric:
            posted.rubric.setdefault(item.item_id, {"score": "", "note": ""})
        version = stamp_of(workbook).get("version", "")
        posted.version = int(version) if version.isascii() and version.isdigit() else 0
        state = keep_hidden(posted, setting.stored, setting.seen)
        assert isinstance(state, OfflineState)
        if "rubric" in setting.seen.parts:
            _computed_scores(state, setting, lookup.computed_items)
        return state

    def outcome(self, filing: Filing, state: Any) -> Outcome:
        setting = setting_of(filing)
        context = setting.context
        parsed = parse_state(state, context, setting.levels)
        computed = department_compute(parsed.data, context)
        payload = computed_json(parsed.data, context, computed, parsed.errors, setting.seen)
        score, grade = payload["total"], payload["grade"]
        if context.basis == BASIS_DECLARED:  # the filing records the score it states
            declared = parsed.data.declared_score
            score = "" if declared is None else f"{declared:.2f}"
            grade = parsed.data.declared_grade
        return Outcome(
            state=state,
            errors=dict(parsed.errors),
            findings=payload["findings"],
            score=score,
            grade=grade,
            cells=cells_of(_with_new_ids(parsed.data), context, computed),
            places=_places(state, setting.spec, payload["findings"]),
        )

    def save(self, filing: Filing, state: Any, *, by: User, base_version: int) -> None:
        setting = setting_of(filing)
        parsed = parse_state(state, setting.context, setting.levels)
        if parsed.errors:
            raise ApplicationError(
                _("The workbook has cells the form cannot take; fix them and upload it again.")
            )
        department_save(
            filing=setting.filing,
            by=by,
            base_version=base_version,
            data=parsed.data,
            policy=setting.policy,
        )

    def dump(self, state: Any) -> dict:
        return {
            "version": state.version,
            "scalars": dict(state.scalars),
            "sections": {k: [dict(r) for r in rows] for k, rows in state.sections.items()},
            "rubric": {str(k): dict(v) for k, v in state.rubric.items()},
            "places": {k: list(v) for k, v in getattr(state, "places", {}).items()},
        }

    def load(self, filing: Filing, data: dict) -> OfflineState:
        def texts(cells: dict) -> dict[str, str]:
            return {str(k): str(v) for k, v in cells.items()}

        return OfflineState(
            version=int(data.get("version", 0)),
            scalars=texts(data.get("scalars", {})),
            sections={k: [texts(r) for r in rows] for k, rows in data.get("sections", {}).items()},
            rubric={int(k): texts(v) for k, v in data.get("rubric", {}).items()},
            places={k: (str(v[0]), int(v[1])) for k, v in data.get("places", {}).items()},
        )


def _computed_items(data: DepartmentData, context: Context) -> frozenset[int]:
    """The 打分表 rows the system computed from the saved values (grey in the workbook)."""
    scores = department_compute(data, context).scores
    return frozenset(
        item for item, outcome in scores.rubric.items() if outcome.computed is not None
    )


def _computed_scores(state: OfflineState, setting: Setting, was_computed: frozenset[int]) -> None:
    """As department.js does: a computed row states the computed value; a row no longer
    computed (it was when downloaded) is blank, for the department to score."""
    parsed = parse_state(state, setting.context, setting.levels)
    computed = department_compute(parsed.data, setting.context)
    payload = computed_json(parsed.data, setting.context, computed, {}, setting.seen)
    for item in setting.context.rubric:
        row = payload["rubric"][str(item.item_id)]
        cells = state.rubric.setdefault(item.item_id, {"score": "", "note": ""})
        if row["computed"] != "":
            cells["score"] = row["score"]
        elif item.item_id in was_computed:
            cells["score"] = ""


def _places(state: Any, spec: Spec, findings: list[dict]) -> dict[str, str]:
    """Where each finding's cell is in the workbook, as Excel names it."""
    found = dict(getattr(state, "places", {}))
    if (finance := spec.sheet_of("finance")) is not None:
        found["finance-total"] = (finance.title, finance.first_row - 1)
    places = {}
    for finding in findings:
        key = finding["field"]
        head, _dot, cell = key.partition(".")
        where = found.get(head)
        if where is None:
            continue
        sheet, row = where
        column, heading = None, ""
        if sheet == GENERAL:
            column = 3
            heading = next((c.heading for c in spec.general if c.key == head), "")
        else:
            section = head.partition("-")[0]
            rows = spec.rubric if section == "rubric" else spec.sheet_of(section)
            if rows is not None:
                name = "name" if cell == "category" else cell
                column = rows.column_of(name)
                heading = rows.headings().get(column, "") if column else ""
        places[key] = Problem("", sheet, row, column, heading).place
    return places


CODEC = DepartmentCodec()

"""The project self-evaluation's offline codec: its workbook, read back, checked and saved.

The sheet (project_sheet.py) is read back into the form's FormState, the same text cells the web
form posts; from there the form's own parse, compute and save run (apps.project_evaluations), so
an upload and the page always agree. Cells the sheet does not show keep their saved values.
"""

from dataclasses import asdict, replace
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.exchange.reading import Problem, SheetReader, UploadRefused, sheet_named
from apps.filings.models import Filing
from apps.filings.snapshots import cell_text
from apps.indicators.models import Framework
from apps.project_evaluations import bounds
from apps.project_evaluations.data import ROW_FIELDS, EvaluationData
from apps.project_evaluations.forms import ROW_INPUTS, FormState, parse_state, state_from_data
from apps.project_evaluations.models import KIND, FundingLine, IndicatorRow
from apps.project_evaluations.selectors import policy_of, with_rows
from apps.project_evaluations.services import (
    categories_for,
    evaluation_compute,
    evaluation_data_of,
    evaluation_save,
    last_year_rows,
)
from apps.project_evaluations.snapshots import TEXT_FIELDS
from apps.project_evaluations.views.form import computed_json

from .codecs import Outcome
from .project_read import LINE, read_state
from .project_sheet import SHEET, Plan, plan_of, write_sheet


def _context(filing: Filing):
    filing = with_rows(filing)
    policy = policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT)
    return filing, policy, categories


def _places(plan: Plan, state: FormState) -> dict[str, str]:
    """Each form cell key's place in the sheet, as Excel names it."""
    places: dict[str, str] = {}

    def at(key: str, row: int, column: int | None, heading: str = "") -> None:
        places[key] = Problem("", SHEET, row, column, heading).place

    for source in plan.sources:
        row = plan.funding_header + 1 + plan.sources.index(source)
        for column in plan.typed_funding:
            heading = next(c.heading for c in plan.layout.funding_columns if c.key == column)
            at(f"funding.{source}.{column}", row, plan.funding_column(column), heading)
    at("goal_expected", plan.goal_header + 1, 2, plan.layout.goal_columns[0])
    at("goal_actual", plan.goal_header + 1, 3, plan.layout.goal_columns[1])
    if plan.low_execution is not None:
        at("low_execution_explanation", plan.low_execution, 2)
    at("notes", plan.notes, 2, plan.layout.notes_heading)
    places["total"] = Problem("", SHEET).place
    weight = plan.column("weight")
    places["weights"] = Problem("", SHEET, None, weight, plan.heading(weight or 0)).place
    for index, cells in enumerate(state.rows):
        line = int(cells.get(LINE) or 0) or plan.first_row + index
        for key in ROW_INPUTS:
            where = plan.column(key)
            at(f"row-{index}.{key}", line, where, plan.heading(where) if where else "")
    return places


def _row_cells(data: EvaluationData, categories) -> dict[str, str]:
    """The snapshot cells of the parsed rows (snapshots.cells_of over values, not models)."""
    cells: dict[str, str] = {}
    for position, row in enumerate(data.rows):
        key = str(row.row_id) if row.row_id else f"new{position + 1}"
        cells[f"row.{key}.category"] = str(categories[row.category_id])
        cells[f"row.{key}.position"] = str(position)
        for name in ROW_FIELDS:
            value = getattr(row, name)
            if isinstance(value, Decimal):
                places = IndicatorRow._meta.get_field(name).decimal_places  # type: ignore[union-attr]
                value = value.quantize(Decimal(1).scaleb(-places))
            cells[f"row.{key}.{name}"] = cell_text(value)
    return cells


def cells_of_data(data: EvaluationData, categories) -> dict[str, str]:
    cells = {name: cell_text(getattr(data, name)) for name in TEXT_FIELDS}
    for line in data.funding:
        for name in ("initial", "adjusted", "executed"):
            value = getattr(line, name)
            if isinstance(value, Decimal):
                places = FundingLine._meta.get_field(name).decimal_places  # type: ignore[union-attr]
                value = value.quantize(Decimal(1).scaleb(-places))
            cells[f"funding.{line.source}.{name}"] = cell_text(value)
    return cells | _row_cells(data, categories)


def _with_last_years_rows(data: EvaluationData, project) -> EvaluationData:
    """While no indicator is named yet (a blank start), the workbook offers last year's
    indicators of the project, as new rows: targets and weights, actuals left to fill."""
    if any(row.name for row in data.rows):
        return data
    try:
        rows = last_year_rows(project)
    except ApplicationError:  # no evaluation of the project last year
        return data
    return replace(data, rows=rows) if rows else data


class ProjectCodec:
    """项目支出绩效自评表 offline (see apps/offline/codecs.py for the contract)."""

    kind = KIND

    def workbook(self, filing: Filing) -> Workbook:
        filing, policy, categories = _context(filing)
        project = filing.project
        assert project is not None
        data = _with_last_years_rows(evaluation_data_of(filing.project_evaluation), project)
        state = state_from_data(data, version=filing.version, policy=policy)
        computed = evaluation_compute(data=data, policy=policy, categories=categories)
        payload = computed_json(computed, {})
        workbook = Workbook()
        write_sheet(
            workbook,
            plan_of(policy),
            state=state,
            header={
                "year": str(filing.fiscal_year.year),
                "project": project.name,
                "units": (
                    ("主管部门", project.competent_department),
                    ("实施单位", project.implementing_unit),
                ),
            },
            categories=categories,
            scores=[score or "" for score in payload["rows"]],
            rates={**payload["rates"], "total": payload["execution_rate"]},
            execution={
                "weight": f"{policy.execution_weight:.2f}",
                "score": payload["execution_score"],
            },
        )
        return workbook

    def read(self, filing: Filing, workbook: Workbook) -> FormState:
        filing, policy, categories = _context(filing)
        saved = state_from_data(
            evaluation_data_of(filing.project_evaluation), version=filing.version, policy=policy
        )
        sheet = sheet_named(workbook, SHEET)
        assert sheet is not None
        plan = plan_of(policy)
        reader = SheetReader(sheet)
        state = read_state(reader, plan, saved=saved, categories=categories)
        reader.raise_problems()
        if len(state.rows) > bounds.MAX_ROWS:
            message = _("A self-evaluation holds at most %(max)s indicator rows.")
            raise UploadRefused(Problem(message % {"max": bounds.MAX_ROWS}, SHEET))
        return state

    def outcome(self, filing: Filing, state: FormState) -> Outcome:
        filing, policy, categories = _context(filing)
        parsed = parse_state(state, policy=policy, categories=categories)
        computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
        payload = computed_json(computed, parsed.errors)
        places = _places(plan_of(policy), state)
        sheet = Problem("", SHEET).place
        for finding in payload["findings"]:
            field = finding["field"]
            # A group's finding ("group.产出指标") names the group; any other, the sheet.
            group = field.removeprefix("group.") if field.startswith("group.") else ""
            places.setdefault(field, f"{sheet}（{group}）" if group else sheet)
        return Outcome(
            state=state,
            errors=dict(parsed.errors),
            findings=payload["findings"],
            score=payload["total"],
            grade=payload["grade"],
            cells=cells_of_data(parsed.data, categories),
            places=places,
        )

    def save(self, filing: Filing, state: FormState, *, by: User, base_version: int) -> None:
        filing, policy, categories = _context(filing)
        parsed = parse_state(state, policy=policy, categories=categories)
        if parsed.errors:
            raise ApplicationError(_("Correct the cells marked in the workbook, then upload it."))
        evaluation_save(
            filing=filing, by=by, base_version=base_version, data=parsed.data, policy=policy
        )

    def dump(self, state: FormState) -> dict:
        return asdict(state)

    def load(self, filing: Filing, data: dict) -> FormState:
        return FormState(**data)

"""Reading the 项目支出绩效自评表 sheet back into the form's cells (project_sheet.py wrote it).

The headings must stand where the sheet put them; amounts, 分值 and a 定性 row's score must be
numbers; a row names its 二级指标 by name (within the bureau's framework); two rows may not carry
one saved row's id (a copied row). Every problem names its cell; a cell the web form would refuse
(a target it cannot read, a weight out of bounds) is left for the form's own parse to report.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from apps.exchange.reading import SheetReader
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory
from apps.project_evaluations.forms import ROW_INPUTS, FormState

from .project_sheet import LOW_EXECUTION, ROW_ID, YES, Plan

# The sheet row a state row was read from (kept with the row for the preview's places).
LINE = "line"
_SIGNS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "＝": "=", "≧": "≥", "≦": "≤"}
_TRUE = {YES, "1", "√", "✓", "Y", "y", "TRUE", "true", "True"}
_FALSE = {"", "否", "0", "N", "n", "FALSE", "false", "False"}


def _text(reader: SheetReader, row: int, column: int) -> str:
    return reader.text(row, column)


def _number_text(reader: SheetReader, row: int, column: int) -> str:
    number = reader.number(row, column)
    return "" if number is None else format(number.normalize(), "f")


def _value_text(reader: SheetReader, row: int, column: int) -> str:
    """A target or actual: text as typed; a number Excel shows as a percentage keeps its %."""
    cell = reader.sheet.cell(row=row, column=column)
    value = cell.value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "%" in str(cell.number_format) and reader.raw(row, column) is not None:
        shown = (Decimal(str(value)) * 100).normalize()
        return format(shown, "f") + "%"
    return _text(reader, row, column)


def _heading_check(reader: SheetReader, plan: Plan) -> None:
    layout = plan.layout
    expected = {
        plan.funding_header: {1: layout.funding_heading}
        | {index: column.heading for index, column in enumerate(layout.funding_columns, start=2)},
        plan.goal_header: {1: layout.goal_heading, 2: layout.goal_columns[0]}
        | {3: layout.goal_columns[1]},
        plan.notes: {1: layout.notes_heading},
        plan.indicator_header: dict(enumerate((h for _k, h in plan.columns), start=1)),
    }
    for offset, source in enumerate(plan.sources, start=1):
        expected[plan.funding_header + offset] = {1: plan.source_labels[source]}
    if plan.low_execution is not None:
        expected[plan.low_execution] = {1: LOW_EXECUTION}
    for row, headings in expected.items():
        reader.expect_headings(row, headings)


def _category(
    reader: SheetReader, row: int, plan: Plan, level1: str, level2: str, categories
) -> str:
    """The row's level-2 indicator id, from its name (and its level-1's, when two share it)."""
    column = plan.column("level2")
    found = [c for c in categories.values() if c.level == 2 and "".join(c.name.split()) == level2]
    if len(found) > 1 and level1:
        found = [c for c in found if c.parent and "".join(c.parent.name.split()) == level1]
    if len(found) == 1:
        return str(found[0].pk)
    if not level2:
        message = _("Type the level-2 indicator this row belongs to (二级指标).")
    elif found:
        message = _("Several level-1 indicators have “%(name)s”: type the level-1 indicator too.")
    else:
        names = "、".join(names_of(categories))
        message = _(
            "“%(name)s” is not a level-2 indicator of your bureau's framework. Use one of: "
            "%(names)s."
        )
        message = message % {"name": level2, "names": names}
        reader.problem(message, row, column)
        return ""
    reader.problem(message % {"name": level2}, row, column)
    return ""


def names_of(categories: dict[int, IndicatorCategory]) -> list[str]:
    """The level-2 indicators' names a row may name, in the framework's order."""
    level2 = [c for c in categories.values() if c.level == 2]
    level2.sort(key=lambda c: (c.parent.position if c.parent else 0, c.position))
    return [c.name for c in level2]


def _row(reader: SheetReader, plan: Plan, line: int, kept: dict) -> dict[str, str] | None:
    """One indicator row's inputs (None for an empty row); inputs the sheet lacks are kept."""
    cells = {name: kept.get(name, "") for name in ROW_INPUTS}
    typed: dict[str, str] = {}
    for column, (key, _heading) in enumerate(plan.columns, start=1):
        if key in ("weight", "qualitative_score"):
            continue  # read once the row's comparator is known
        if key in ("target", "actual"):
            typed[key] = _value_text(reader, line, column)
        else:
            typed[key] = _text(reader, line, column)
    if not any(value for key, value in typed.items() if key != ROW_ID):
        return None
    comparator = typed.get("comparator", cells["comparator"])
    typed["comparator"] = _SIGNS.get(comparator, comparator)
    weight = plan.column("weight")
    if weight is not None:
        typed["weight"] = _number_text(reader, line, weight)
    score = plan.column("qualitative_score")
    if score is not None and typed["comparator"] == scoring.QUALITATIVE:
        typed["qualitative_score"] = _number_text(reader, line, score)
    flag = typed.pop("not_applicable", None)
    if flag is not None:
        if flag not in _TRUE | _FALSE:
            message = _("Type “是” to propose the row as not applicable, or leave it empty.")
            reader.problem(message, line, plan.column("not_applicable"))
        typed["not_applicable"] = "1" if flag in _TRUE else ""
    cells.update({key: value for key, value in typed.items() if key in cells})
    return cells | {"level1": typed.get("level1", ""), "level2": typed.get("level2", "")}


def read_state(reader: SheetReader, plan: Plan, *, saved: FormState, categories) -> FormState:
    """The sheet's cells as the form's state; problems collected in `reader`."""
    reader.headings = {}
    _heading_check(reader, plan)
    if reader.problems:
        return saved  # a sheet not laid out as downloaded: its cells mean nothing
    funding = {}
    for offset, source in enumerate(plan.sources, start=1):
        row = plan.funding_header + offset
        funding[source] = dict(saved.funding.get(source, {}))
        for column in plan.typed_funding:
            index = plan.funding_column(column)
            assert index is not None
            reader.headings = {index: plan.layout.funding_columns[index - 2].heading}
            funding[source][column] = _number_text(reader, row, index)
    goals = plan.layout.goal_columns
    reader.headings = {2: goals[0], 3: goals[1]}
    texts = {
        "goal_expected": _text(reader, plan.goal_header + 1, 2),
        "goal_actual": _text(reader, plan.goal_header + 1, 3),
    }
    reader.headings = {}
    texts["notes"] = _text(reader, plan.notes, 2)
    texts["low_execution_explanation"] = (
        _text(reader, plan.low_execution, 2)
        if plan.low_execution is not None
        else saved.low_execution_explanation
    )
    reader.headings = dict(enumerate((h for _k, h in plan.columns), start=1))
    by_id = {cells["id"]: cells for cells in saved.rows if cells.get("id")}
    rows: list[dict[str, str]] = []
    first_line: dict[str, int] = {}
    for line in range(plan.first_row, reader.sheet.max_row + 1):
        row_id = _text(reader, line, plan.column(ROW_ID) or 1)
        row_id = row_id if row_id in by_id else ""
        cells = _row(reader, plan, line, by_id.get(row_id, {}))
        if cells is None:
            continue
        if row_id and row_id in first_line:
            reader.problem(
                _(
                    "This row repeats the indicator of row %(row)s (a copied row). Delete one "
                    "of them; to add an indicator, use an empty row or insert a new one."
                )
                % {"row": first_line[row_id]},
                line,
                plan.column("name"),
            )
            continue
        if row_id:
            first_line[row_id] = line
        level1, level2 = cells.pop("level1"), cells.pop("level2")
        squeeze = "".join
        cells["id"] = row_id
        cells["category"] = _category(
            reader, line, plan, squeeze(level1.split()), squeeze(level2.split()), categories
        )
        cells[LINE] = str(line)
        rows.append(cells)
    return FormState(
        version=saved.version,
        goal_expected=texts["goal_expected"],
        goal_actual=texts["goal_actual"],
        notes=texts["notes"],
        low_execution_explanation=texts["low_execution_explanation"],
        funding=funding,
        rows=rows,
    )

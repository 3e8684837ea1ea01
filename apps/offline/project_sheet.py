"""The 项目支出绩效自评表 as an offline workbook: where each cell stands, and the sheet written.

One `Plan` says where every cell is, for the writer here and the reader (project.py): the header
(项目名称, 主管部门, 实施单位), 项目资金 by source in the layout's columns, 年度总体目标, the
explanation of a low execution rate (where the policy asks for one), 其他需要说明事项, then 绩效
指标: the layout's indicator columns (年度指标值 split into 指标性质 | 指标值 | 度量单位, as
the form types them), the form's own cells after them (定性评价结果, 申请不适用, 不适用理由)
and, hidden, each saved row's id. Computed cells (执行率, 得分 of a quantitative row, the
funding's 分值 and 得分) are written in grey for reference and never read back.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from apps.indicators import scoring
from apps.indicators.layouts import ProjectLayout
from apps.indicators.models import IndicatorCategory, ScoringPolicy
from apps.project_evaluations.data import FUNDING_COLUMNS
from apps.project_evaluations.forms import FormState
from apps.project_evaluations.layout import project_layout
from apps.project_evaluations.models import FundingLine
from apps.project_evaluations.services import funding_sources

SHEET = "项目支出绩效自评表"
BLANK_ROWS = 5  # empty indicator rows for additions
YES = "是"
ROW_ID = "id"
# Labels of the cells the sheet adds to the layout's (the form has them; the print does not).
EXTRA_COLUMNS = (
    ("qualitative_label", "定性评价结果"),
    ("not_applicable", "申请不适用"),
    ("not_applicable_reason", "不适用理由"),
    (ROW_ID, "行ID（系统使用，请勿修改）"),
)
LOW_EXECUTION = "执行率偏低原因说明"
_GUIDE = gettext_lazy(
    "Type in the white cells; grey cells are computed and not read back. Add an indicator in an"
    " empty row below the table (choose its level-2 indicator); clear a whole row to remove"
    " it. Do not move or rename columns, and keep the amounts as numbers."
)
_GREY = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NAMES_SHEET = "二级指标"  # hidden: the level-2 indicators a row may name, for the list to pick
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Plan:
    """Where the cells of one bureau's layout stand in the sheet (rows and columns 1-based)."""

    layout: ProjectLayout
    unit: str
    sources: tuple[str, ...]
    source_labels: dict[str, str]
    funding_header: int  # the 项目资金 heading row; sources follow it
    goal_header: int  # 年度总体目标 | 预期目标 | 实际完成情况; the texts on the next row
    low_execution: int | None  # its row, where the policy asks for the explanation
    notes: int
    indicator_header: int  # the indicator columns' headings; rows follow it
    columns: tuple[tuple[str, str], ...]  # (form input or layout key, heading) from column 1

    @property
    def first_row(self) -> int:
        return self.indicator_header + 1

    def column(self, key: str) -> int | None:
        """The column of a row's input ("weight", "target", …), None when the sheet has none."""
        return next((i for i, (k, _h) in enumerate(self.columns, start=1) if k == key), None)

    def heading(self, column: int) -> str:
        return self.columns[column - 1][1] if 0 < column <= len(self.columns) else ""

    def funding_column(self, column: str) -> int | None:
        keys = [c.key for c in self.layout.funding_columns]
        return keys.index(column) + 2 if column in keys else None

    @property
    def typed_funding(self) -> tuple[str, ...]:
        keys = {c.key for c in self.layout.funding_columns}
        return tuple(c for c in FUNDING_COLUMNS if c in keys)


def _indicator_columns(layout: ProjectLayout) -> tuple[tuple[str, str], ...]:
    columns: list[tuple[str, str]] = []
    for column in layout.screen_columns():
        if column.key == "target_joined":
            columns += [
                ("comparator", "指标性质"),
                ("target", column.heading),
                ("unit", "度量单位"),
            ]
        elif column.key in ("score", "completion"):
            # A 定性 row's score (or 完成率) is typed here; a quantitative row's is computed.
            columns.append(("qualitative_score", column.heading))
        elif column.key == "deviation":
            columns.append(("deviation_reason", column.heading))
        else:
            columns.append((column.key, column.heading))
    return (*columns, *EXTRA_COLUMNS)


def plan_of(policy: ScoringPolicy) -> Plan:
    layout = project_layout(policy)
    sources = funding_sources(policy)
    funding_header = 5
    goal_header = funding_header + len(sources) + 1
    row = goal_header + 2
    low_execution = None
    if policy.low_execution_explanation_below is not None:
        low_execution, row = row, row + 1
    notes = row
    return Plan(
        layout=layout,
        unit=policy.amount_unit,
        sources=sources,
        source_labels={**dict(FundingLine.Source.choices), **layout.source_labels},
        funding_header=funding_header,
        goal_header=goal_header,
        low_execution=low_execution,
        notes=notes,
        indicator_header=notes + 2,
        columns=_indicator_columns(layout),
    )


def _number(text: str) -> Decimal | str | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def _write(sheet, row: int, column: int, value, *, bold: bool = False, grey: bool = False):
    cell = sheet.cell(row=row, column=column, value=value)
    if cell.data_type == "f":  # saved text that starts with "=": text, never a formula
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.alignment = _WRAP
    if bold:
        cell.font = Font(bold=True)
    if grey:
        cell.fill = _GREY
    return cell


def shown_sign(comparator: str) -> str:
    """A comparator as the sheet holds it: "=" would start a formula, so "＝" (read back as =)."""
    return "＝" if comparator == scoring.EQ else comparator


def _text(sheet, row: int, column: int, value: str) -> None:
    """A text cell that stays text when retyped (Excel would turn 95 into a number)."""
    _write(sheet, row, column, value or None).number_format = "@"


def write_sheet(
    workbook: Workbook,
    plan: Plan,
    *,
    state: FormState,
    header: dict[str, Any],
    categories: dict[int, IndicatorCategory],
    scores: list[str],
    rates: dict[str, str],
    execution: dict[str, str],
) -> None:
    """The filing's sheet: its saved cells where the form types them, computed ones in grey.

    `rates`: 执行率 by source as the page shows them; `execution`: the total line's 分值 and 得分.
    """
    sheet = workbook.active
    sheet.title = SHEET
    width = len(plan.columns)
    _write(sheet, 1, 1, f"{header['year']}年度{plan.layout.title}", bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    _write(sheet, 2, 1, f"单位：{plan.unit}")
    _write(sheet, 2, 3, str(_GUIDE))
    sheet.merge_cells(start_row=2, start_column=3, end_row=2, end_column=width)
    sheet.row_dimensions[2].height = 45
    for row, pairs in ((3, (("项目名称", header["project"]),)), (4, header["units"])):
        for index, (label, value) in enumerate(pairs):
            _write(sheet, row, 1 + 2 * index, label, bold=True)
            _write(sheet, row, 2 + 2 * index, value, grey=True)
    _write(sheet, plan.funding_header, 1, plan.layout.funding_heading, bold=True)
    for index, column in enumerate(plan.layout.funding_columns, start=2):
        _write(sheet, plan.funding_header, index, column.heading, bold=True)
    for offset, source in enumerate(plan.sources, start=1):
        row = plan.funding_header + offset
        _write(sheet, row, 1, plan.source_labels[source], bold=True)
        for index, column in enumerate(plan.layout.funding_columns, start=2):
            if column.key in plan.typed_funding:
                amount = _number(state.funding.get(source, {}).get(column.key, ""))
                _write(sheet, row, index, amount).number_format = "#,##0.00####"
            elif column.key == "rate":
                shown = offset == 1 or plan.layout.rate_on_every_source
                _write(sheet, row, index, rates.get(source, "") if shown else None, grey=True)
            else:
                _write(
                    sheet, row, index, execution.get(column.key) if offset == 1 else "—", grey=True
                )
    _write(sheet, plan.goal_header, 1, plan.layout.goal_heading, bold=True)
    for index, label in enumerate(plan.layout.goal_columns, start=2):
        _write(sheet, plan.goal_header, index, label, bold=True)
    _text(sheet, plan.goal_header + 1, 2, state.goal_expected)
    _text(sheet, plan.goal_header + 1, 3, state.goal_actual)
    if plan.low_execution is not None:
        _write(sheet, plan.low_execution, 1, LOW_EXECUTION, bold=True)
        _text(sheet, plan.low_execution, 2, state.low_execution_explanation)
    _write(sheet, plan.notes, 1, plan.layout.notes_heading, bold=True)
    _text(sheet, plan.notes, 2, state.notes)
    _write(sheet, plan.indicator_header - 1, 1, plan.layout.indicators_heading, bold=True)
    for index, (_key, heading) in enumerate(plan.columns, start=1):
        _write(sheet, plan.indicator_header, index, heading, bold=True)
    _write_rows(sheet, plan, state, categories, scores)
    _finish(sheet, plan, len(state.rows))
    _names(workbook, sheet, plan, categories)


def _write_rows(sheet, plan: Plan, state: FormState, categories, scores: list[str]) -> None:
    for offset, cells in enumerate(state.rows):
        row = plan.first_row + offset
        category = categories.get(int(cells["category"])) if cells["category"].isdigit() else None
        qualitative = cells.get("comparator") == scoring.QUALITATIVE
        for column, (key, _heading) in enumerate(plan.columns, start=1):
            if key == "level1":
                value = category.parent.name if category and category.parent else ""
                _write(sheet, row, column, value)
            elif key == "level2":
                _write(sheet, row, column, category.name if category else "")
            elif key in ("weight", "qualitative_score"):
                shown = cells.get(key, "") if key == "weight" or qualitative else ""
                if key == "qualitative_score" and not qualitative:
                    score = scores[offset] if offset < len(scores) else ""
                    _write(sheet, row, column, score or None, grey=True)
                else:
                    _write(sheet, row, column, _number(shown))
            elif key == "comparator":
                _text(sheet, row, column, shown_sign(cells.get(key, "")))
            elif key == "not_applicable":
                _write(sheet, row, column, YES if cells.get(key) else None)
            else:
                _text(sheet, row, column, cells.get(key, ""))


def _finish(sheet, plan: Plan, rows: int) -> None:
    """Widths, borders, lists to choose from, the id column hidden, the headings frozen."""
    last = plan.first_row + 200
    widths = {c.key: c.width for c in plan.layout.indicator_columns}
    texts = {"level1", "level2", "name", "comparator", "target", "unit", "actual"}
    for index, (key, _heading) in enumerate(plan.columns, start=1):
        letter = get_column_letter(index)
        share = widths.get(key, 0) or widths.get("target_joined", 0) or 10
        sheet.column_dimensions[letter].width = max(10, min(40, share * 2))
        for row in range(plan.indicator_header, plan.first_row + rows + BLANK_ROWS):
            cell = sheet.cell(row=row, column=index)
            cell.border = _BOX
            if row >= plan.first_row + rows and key in texts | {"deviation_reason"}:
                cell.number_format = "@"  # an empty row's cells stay text when typed in
        choices = {
            "comparator": tuple(shown_sign(c) for c in scoring.COMPARATORS),
            "qualitative_label": scoring.QUALITATIVE_LABELS,
            "not_applicable": (YES,),
        }.get(key)
        if choices:
            listed = DataValidation(type="list", formula1='"' + ",".join(choices) + '"')
            listed.add(f"{letter}{plan.first_row}:{letter}{last}")
            sheet.add_data_validation(listed)
        if key == ROW_ID:
            sheet.column_dimensions[letter].hidden = True
    sheet.freeze_panes = sheet.cell(row=plan.first_row, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _names(workbook: Workbook, sheet, plan: Plan, categories) -> None:
    """The level-2 indicators in a hidden sheet, offered as a list in the 二级指标 column."""
    level2 = sorted(
        (c for c in categories.values() if c.level == 2),
        key=lambda c: (c.parent.position if c.parent else 0, c.position, c.name),
    )
    column = plan.column("level2")
    if not level2 or column is None:
        return
    names = workbook.create_sheet(NAMES_SHEET)
    for category in level2:
        names.append([category.name, category.parent.name if category.parent else ""])
    names.sheet_state = "hidden"
    letter = get_column_letter(column)
    listed = DataValidation(type="list", formula1=f"'{NAMES_SHEET}'!$A$1:$A${len(level2)}")
    listed.add(f"{letter}{plan.first_row}:{letter}{plan.first_row + 200}")
    sheet.add_data_validation(listed)

"""Write the department self-evaluation's offline workbook (the sheets department_sheets.py
describes), filled with the filing's saved values in the form's unit."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from apps.core.money import TEN_THOUSAND
from apps.department_evaluations.data import Context
from apps.department_evaluations.forms import FormState
from apps.indicators import scoring
from apps.indicators.layouts import DepartmentLayout

from .department_sheets import (
    BLANK_ROWS,
    GENERAL,
    ID_HEADING,
    NOTE_ROW,
    NUMBER_KINDS,
    OUTPUT_KINDS,
    TITLE_ROW,
    TOTAL_NAME,
    RowSheet,
    Spec,
)

GREY = PatternFill("solid", fgColor="D9D9D9")
HEAD = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMATS = {"amount": "#,##0.00####", "count": "0", "score": "0.00", "number": "0.00"}
TEXT_KINDS = frozenset({"text", "level1", "level2", "section", "id"})
WIDTHS = {"id": 8, "text": 24, "amount": 14, "count": 10, "score": 10, "number": 10}
WIDTHS |= {"computed": 12, "level1": 12, "level2": 14, "section": 14, "fixed": 14}


def number(text: str) -> Decimal | str:
    """A typed number as Excel should hold it (text when it is not one: shown as typed)."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return text
    return value if value.is_finite() else text


def in_unit(value: Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return (value / TEN_THOUSAND if unit == "万元" else value).normalize()


def _cell(sheet: Worksheet, row: int, column: int, value, kind: str = "text") -> None:
    cell = sheet.cell(row=row, column=column)
    if kind in NUMBER_KINDS and isinstance(value, str):
        value = number(value) if value.strip() else None
    cell.value = value if value != "" else None
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text, never a formula
    cell.border = BORDER
    cell.alignment = WRAP
    if kind in NUMBER_KINDS:
        cell.number_format = FORMATS[kind]
    elif kind in TEXT_KINDS:
        cell.number_format = "@"  # Excel keeps "95%" and "2024-01-05" as typed
    if kind in ("computed", "fixed"):
        cell.fill = GREY


def _head(sheet: Worksheet, title: str, note: str) -> None:
    sheet.cell(row=TITLE_ROW, column=2, value=title).font = Font(bold=True, size=14)
    sheet.cell(row=NOTE_ROW, column=2, value=note)


def _header(sheet: Worksheet, spec: RowSheet) -> None:
    for index, column in enumerate(spec.columns, 1):
        cell = sheet.cell(row=spec.header_row, column=index, value=column.heading)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD, BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column.kind, 14)
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = sheet.cell(row=spec.first_row, column=3)
    landscape(sheet)


def landscape(sheet: Worksheet) -> None:
    """Printed as the form is: landscape, as wide as the page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _groups(sheet: Worksheet, spec: RowSheet) -> None:
    """收支情况's table titles above their columns, merged across them (header only)."""
    start = None
    for index, column in enumerate((*spec.columns, None), 1):
        group = column.group if column else None
        if start is not None and group != spec.columns[start - 1].group:
            if spec.columns[start - 1].group:
                cell = sheet.cell(row=spec.header_row - 1, column=start)
                cell.value = spec.columns[start - 1].group
                cell.font, cell.fill = Font(bold=True), HEAD
                cell.alignment = Alignment(horizontal="center")
                if index - 1 > start:
                    sheet.merge_cells(
                        start_row=spec.header_row - 1,
                        start_column=start,
                        end_row=spec.header_row - 1,
                        end_column=index - 1,
                    )
            start = None
        if start is None and column is not None:
            start = index


def _validations(sheet: Worksheet, spec: RowSheet, last: int) -> None:
    lists = {
        "comparator": scoring.COMPARATORS,
        "qualitative_label": scoring.QUALITATIVE_LABELS,
        "section": tuple(OUTPUT_KINDS.values()),
    }
    for key, choices in lists.items():
        column = spec.column_of(key)
        if column is None:
            continue
        letter = get_column_letter(column)
        rule = DataValidation(type="list", formula1='"{}"'.format(",".join(choices)))
        rule.allow_blank = True
        rule.add(f"{letter}{spec.first_row}:{letter}{last}")
        sheet.add_data_validation(rule)


def general_sheet(
    workbook: Workbook, spec: Spec, stored: FormState, figures: dict, heading: list[str]
) -> None:
    sheet = workbook.create_sheet(GENERAL)
    _head(sheet, heading[0], "　".join([*heading[1:], computed_note()]))
    for index, title in enumerate((ID_HEADING, "项目", "内容"), 1):
        cell = sheet.cell(row=3, column=index, value=title)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD, BORDER
    row = 4
    for column in spec.general:
        if column.key == "figures":
            for figure in figures.values():
                _cell(sheet, row, 1, f"figure.{figure.key}", "id")
                _cell(sheet, row, 2, figure.label, "fixed")
                _cell(sheet, row, 3, figure.shown, "computed")
                row += 1
            continue
        label = column.heading
        if column.kind == "amount":
            label = f"{label}（{spec.unit}）"
        _cell(sheet, row, 1, column.key, "id")
        _cell(sheet, row, 2, label, "fixed")
        _cell(sheet, row, 3, stored.scalars.get(column.key, ""), column.kind)
        row += 1
    sheet.column_dimensions["A"].hidden = True
    landscape(sheet)
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 80


def rows_sheet(
    workbook: Workbook,
    spec: RowSheet,
    rows: list[dict[str, str]],
    note: str,
    total: dict[str, Decimal | None] | None = None,
) -> None:
    """A row section: header, (收支情况's 汇总 row), the saved rows, blank rows for new ones."""
    sheet = workbook.create_sheet(spec.title)
    _head(sheet, spec.heading, note)
    if spec.section == "finance":
        _groups(sheet, spec)
    _header(sheet, spec)
    if total is not None:
        row = spec.first_row - 1
        for index, column in enumerate(spec.columns, 1):
            value = TOTAL_NAME if column.key == "name" else total.get(column.key)
            _cell(sheet, row, index, value if index > 1 else None, "computed")
    last = spec.first_row + len(rows) + BLANK_ROWS - 1
    for offset in range(len(rows) + BLANK_ROWS):
        cells = rows[offset] if offset < len(rows) else {}
        for index, column in enumerate(spec.columns, 1):
            value = cells.get(column.key, "")
            if column.kind == "section":
                value = OUTPUT_KINDS.get(value, value)
            _cell(sheet, spec.first_row + offset, index, value, column.kind)
    _validations(sheet, spec, last)


def heading_lines(layout: DepartmentLayout, names: dict) -> list[str]:
    lines = [layout.heading_format.format(**names), layout.subheading.format(**names)]
    lines += [line.format(**names) for line in layout.meta]
    if not any("金额单位" in line for line in lines):
        lines.append(f"金额单位：{names['unit']}")
    return [line for line in lines if line]


def computed_note() -> str:
    return _("Grey cells are computed by the system or set by the scoring sheet: not read back.")


def unit_note(context: Context) -> str:
    return " ".join(
        (
            _("Amounts in %(unit)s.") % {"unit": context.amount_unit},
            computed_note(),
            _("Type new rows in the blank rows below; delete a whole row to delete it."),
        )
    )


def rubric_sheet(
    workbook: Workbook, spec: RowSheet, context: Context, stored: FormState, payload: dict
) -> None:
    """The 打分表: one row per item of the filing's version (自评打分 and 备注 typed; a row the
    system computes shows its value, grey), the total and grade under it."""
    sheet = workbook.create_sheet(spec.title)
    _head(sheet, spec.heading, computed_note())
    _header(sheet, spec)
    row = spec.first_row
    for item in context.rubric:
        outcome = payload["rubric"][str(item.item_id)]
        computed = outcome["computed"] != ""
        typed = stored.rubric.get(item.item_id, {})
        values = {
            "id": str(item.item_id),
            "level1": item.level1,
            "level2": item.level2,
            "level3": item.level3,
            "weight": item.weight,
            "explanation": item.explanation,
            "standard": item.standard,
            "score": outcome["score"] if computed else typed.get("score", ""),
            "computed": outcome["detail"],
            "note": typed.get("note", ""),
        }
        for index, column in enumerate(spec.columns, 1):
            kind = "computed" if column.key == "score" and computed else column.kind
            _cell(sheet, row, index, values[column.key], kind)
        row += 1
    _cell(sheet, row, 2, "部门整体自评得分", "fixed")
    _cell(sheet, row, 8, payload["total"], "computed")
    _cell(sheet, row, 9, f"评价等次：{payload['grade']}" if payload["grade"] else "", "computed")

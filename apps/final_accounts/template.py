"""The import template: one sheet per disclosure table, headed as published, stamped."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.exchange.reading import stamp
from apps.exchange.workbook import AMOUNT_FORMAT, text_width, workbook_bytes

from . import tables as t

PURPOSE = "final_accounts"
CODE_HEADING, NAME_HEADING = "支出功能分类科目编码", "科目名称"
ECONOMIC_HEADINGS = ("科目编码", "科目名称", "金额")
FISCAL_HEADINGS = ("项目", "行次", "决算数", "项目（按功能分类）", "行次")
THREE_PUBLIC_HEADINGS = ("项目", "行次", "预算数", "决算数")


def leaf_headings(table: t.Table) -> dict[int, str]:
    """The heading of each column (row 5), by column number."""
    if table.kind == "coded":
        headings = [CODE_HEADING, NAME_HEADING, *(c.heading for c in table.columns)]
    elif table.kind == "economic":
        headings = list(ECONOMIC_HEADINGS) * len(t.BASIC_BLOCKS)
    elif table is t.FISCAL:
        headings = [*FISCAL_HEADINGS, *(c.heading for c in table.columns[1:])]
    else:
        headings = list(THREE_PUBLIC_HEADINGS)
    return {index: heading for index, heading in enumerate(headings, start=1)}


def group_headings(table: t.Table) -> dict[int, tuple[str, int]]:
    """The group headings of row 4: first column → (heading, last column)."""
    if table.kind == "economic":
        return {1: ("人员经费", 3), 4: ("公用经费", 9)}
    if table is t.FISCAL:
        return {1: ("收 入", 3), 4: ("支 出", 9)}
    groups: dict[int, tuple[str, int]] = {}
    if table.kind != "coded":
        return groups
    first = None
    for index, column in enumerate(table.columns, start=3):
        if not column.group:
            first = None
            continue
        if first is not None and groups[first][0] == column.group:
            groups[first] = (column.group, index)
        else:
            first = index
            groups[first] = (column.group, index)
    return groups


def amount_columns(table: t.Table) -> dict[str, int]:
    """Where each amount column is: key → column number (公开06: the first block's)."""
    if table.kind == "coded":
        return {c.key: index for index, c in enumerate(table.columns, start=3)}
    if table is t.FISCAL:
        return {"amount": 3, **{c.key: index for index, c in enumerate(table.columns[1:], 6)}}
    if table is t.THREE_PUBLIC:
        return {"budget": 3, "final": 4}
    return {"amount": 3}


def _heading_rows(sheet: Worksheet, table: t.Table, department: str) -> None:
    sheet.cell(t.TITLE_ROW, 1, table.title).font = Font(bold=True, size=14)
    sheet.cell(t.DEPARTMENT_ROW, 1, f"部门：{department}")
    sheet.cell(t.DEPARTMENT_ROW, len(leaf_headings(table)), f"{table.number}表")
    sheet.cell(t.UNIT_ROW, len(leaf_headings(table)), t.UNIT_TEXT)
    for column, (heading, last) in group_headings(table).items():
        sheet.cell(t.GROUP_ROW, column, heading).font = Font(bold=True)
        if last > column:
            sheet.merge_cells(
                start_row=t.GROUP_ROW, start_column=column, end_row=t.GROUP_ROW, end_column=last
            )
    for column, heading in leaf_headings(table).items():
        cell = sheet.cell(t.HEADING_ROW, column, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        width = max(10, min(40, text_width(heading) + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(t.FIRST_ROW, 3)


def _line_rows(sheet: Worksheet, table: t.Table) -> None:
    if table is t.FISCAL:
        for line in range(1, t.FISCAL_LINES + 1):
            row = t.FIRST_ROW + line - 1
            sheet.cell(row, 1, t.FISCAL_INCOME_LINES.get(line, ""))
            sheet.cell(row, 2, line)
            sheet.cell(row, 4, t.FISCAL_EXPENSE_LINES.get(line + t.FISCAL_LINES, ""))
            sheet.cell(row, 5, line + t.FISCAL_LINES)
    else:
        for line, label in t.THREE_PUBLIC_LINES.items():
            sheet.cell(t.FIRST_ROW + line - 1, 1, label)
            sheet.cell(t.FIRST_ROW + line - 1, 2, line)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["D"].width = 36


def template_workbook(*, department, fiscal_year) -> Workbook:
    """The empty template for the department's disclosure tables of the year."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in t.TABLES:
        sheet = workbook.create_sheet(table.sheet)
        _heading_rows(sheet, table, department.name)
        if table.kind == "lines":
            _line_rows(sheet, table)
        code_columns = (1, 4, 7) if table.kind == "economic" else (1,)
        for row in range(t.FIRST_ROW, t.FIRST_ROW + 200):
            for column in code_columns:
                sheet.cell(row, column).number_format = "@"
            for column in range(2, len(leaf_headings(table)) + 1):
                if column not in code_columns and leaf_headings(table)[column] not in (
                    NAME_HEADING,
                    "项目",
                    "项目（按功能分类）",
                    "行次",
                ):
                    sheet.cell(row, column).number_format = AMOUNT_FORMAT
    stamp(
        workbook,
        purpose=PURPOSE,
        department=department.pk,
        fiscal_year=fiscal_year.year,
        bureau=department.bureau.region_code,
    )
    return workbook


def template_bytes(*, department, fiscal_year) -> bytes:
    return workbook_bytes(template_workbook(department=department, fiscal_year=fiscal_year))

"""Reading an uploaded template into plain tables (amounts as strings of Decimal 元).

Refused, with every problem named by sheet, row and column (nothing is stored): a file that is
not the template of this department and year (its stamp), a missing sheet, moved headings,
a formula, a value inside merged cells, text in a number cell, a negative or too large amount,
a 科目编码 that is not digits or appears twice in a table, amounts on a row without a code.
Codes the year's catalogue does not list are not refused: the checks report them.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from apps.exchange.reading import (
    Problem,
    SheetReader,
    UploadRefused,
    open_workbook,
    sheet_named,
    stamp_of,
)

from . import bounds
from . import tables as t
from .template import PURPOSE, amount_columns, group_headings, leaf_headings

Row = dict[str, Any]


def check_stamp(workbook: Workbook, *, department, fiscal_year) -> None:
    """The workbook must be this department's template of this year and bureau."""
    found = stamp_of(workbook)
    if found.get("purpose") != PURPOSE:
        raise UploadRefused(
            _(
                "This is not the final accounts template. Download the template on this page, "
                "type the tables into it, then upload it."
            )
        )
    if found.get("bureau") != str(department.bureau.region_code):
        raise UploadRefused(
            _("This template was downloaded for another finance bureau. Download this one's.")
        )
    if found.get("fiscal_year") != str(fiscal_year.year):
        raise UploadRefused(
            _(
                "This template is for the year %(found)s, not %(year)s. "
                "Download the template of %(year)s."
            )
            % {"found": found.get("fiscal_year", ""), "year": fiscal_year.year}
        )
    if found.get("department") != str(department.pk):
        raise UploadRefused(
            _("This template was downloaded for another department. Download this department's.")
        )


def _amount(reader: SheetReader, row: int, column: int, limit: Decimal) -> str | None:
    number = reader.number(row, column)
    if number is None:
        return None
    if number < bounds.AMOUNT_MIN or number > limit:
        reader.problem(
            _("Type an amount from 0 to %(limit)s.") % {"limit": f"{limit:,.2f}"}, row, column
        )
        return None
    return str(number.quantize(bounds.FEN, rounding=ROUND_HALF_UP))


def _headings(reader: SheetReader, table: t.Table) -> None:
    reader.expect_headings(t.HEADING_ROW, leaf_headings(table))
    groups = {column: heading for column, (heading, _last) in group_headings(table).items()}
    reader.expect_headings(t.GROUP_ROW, groups)


def _code(reader: SheetReader, row: int, column: int, text: str | None = None) -> str:
    """The 科目编码 of the cell (or its text, already read): digits, or a problem."""
    code = reader.text(row, column, limit=20) if text is None else text
    if code and not code.isdigit():
        reader.problem(
            _("A 科目编码 is digits only, e.g. 2010301; “%(code)s” is not.") % {"code": code},
            row,
            column,
        )
        return ""
    return code


def _coded(reader: SheetReader, table: t.Table) -> list[Row]:
    """公开02, 03, 05: a row per 科目编码, and the 合计 row (code "")."""
    columns = amount_columns(table)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for row in range(t.FIRST_ROW, _last_row(reader) + 1):
        code = _code(reader, row, 1)
        name = reader.text(row, 2, limit=bounds.NAME_LIMIT)
        amounts = {
            key: _amount(reader, row, col, bounds.AMOUNT_LIMIT) for key, col in columns.items()
        }
        stated = any(value is not None for value in amounts.values())
        if not code and name.replace(" ", "") != t.TOTAL:
            if stated:
                reader.problem(
                    _("This row has amounts but no 科目编码. Type its code, or 合计 as its name."),
                    row,
                    1,
                )
            continue
        key = code or t.TOTAL
        if key in seen:
            reader.problem(
                _("%(code)s is on row %(first)s already; each code is listed once.")
                % {"code": key, "first": seen[key]},
                row,
                1,
            )
            continue
        seen[key] = row
        rows.append(
            {"code": code, "name": name if code else t.TOTAL, "row": row, "amounts": amounts}
        )
    return rows


def _economic(reader: SheetReader) -> list[Row]:
    """公开06: three blocks of (科目编码, 科目名称, 金额); the totals carry a name, no code."""
    rows: list[Row] = []
    seen: dict[str, int] = {}
    totals = (t.PERSONNEL_TOTAL, t.PUBLIC_TOTAL)
    for row in range(t.FIRST_ROW, _last_row(reader) + 1):
        for first in (1, 4, 7):
            # A total's label is in its name cell, or (as published) in its code cell.
            label = reader.text(row, first, limit=20).replace(" ", "")
            code = "" if label in totals else _code(reader, row, first, label)
            name = reader.text(row, first + 1, limit=bounds.NAME_LIMIT)
            amount = _amount(reader, row, first + 2, bounds.AMOUNT_LIMIT)
            squeezed = label if label in totals else name.replace(" ", "")
            if not code and squeezed not in totals:
                if amount is not None:
                    reader.problem(
                        _("This amount has no 科目编码 beside it. Type the code, or remove it."),
                        row,
                        first + 2,
                    )
                continue
            key = code or squeezed
            if key in seen:
                reader.problem(
                    _("%(code)s is on row %(first)s already; each code is listed once.")
                    % {"code": key, "first": seen[key]},
                    row,
                    first,
                )
                continue
            seen[key] = row
            rows.append(
                {
                    "code": code,
                    "name": name if code else squeezed,
                    "row": row,
                    "amounts": {"amount": amount},
                }
            )
    return rows


def _lines(reader: SheetReader, table: t.Table) -> list[Row]:
    """公开04 and 09: the fixed lines, found by their 行次 (a moved line is refused)."""
    rows: list[Row] = []
    if table is t.FISCAL:
        sides = [
            (2, 1, {"amount": 3}, 0),
            (
                5,
                4,
                {c: i for c, i in amount_columns(table).items() if c != "amount"},
                t.FISCAL_LINES,
            ),
        ]
        count = t.FISCAL_LINES
    else:
        sides = [(2, 1, amount_columns(table), 0)]
        count = len(t.THREE_PUBLIC_LINES)
    for offset in range(count):
        row = t.FIRST_ROW + offset
        for line_column, label_column, columns, shift in sides:
            line = offset + 1 + shift
            if reader.text(row, line_column) != str(line):
                reader.problem(
                    _("行次 %(line)s belongs here. Use the template's rows without moving them.")
                    % {"line": line},
                    row,
                    line_column,
                )
                continue
            limit = (
                bounds.COUNT_LIMIT
                if table is t.THREE_PUBLIC and line in t.THREE_PUBLIC_COUNT_LINES
                else bounds.AMOUNT_LIMIT
            )
            amounts = {key: _amount(reader, row, col, limit) for key, col in columns.items()}
            label = reader.text(row, label_column, limit=bounds.NAME_LIMIT)
            rows.append({"code": str(line), "name": label, "row": row, "amounts": amounts})
    return rows


def _last_row(reader: SheetReader) -> int:
    """The last row read: at most MAX_ROWS data rows; anything typed below is a problem."""
    last = min(reader.sheet.max_row, t.FIRST_ROW + bounds.MAX_ROWS - 1)
    below = reader.sheet.iter_rows(min_row=last + 1, values_only=True)
    if any(value not in (None, "") for row in below for value in row):
        reader.problem(_("A table holds at most %(max)s rows.") % {"max": bounds.MAX_ROWS})
    return last


def read_sheet(sheet: Worksheet, table: t.Table) -> tuple[list[Row], list[Problem]]:
    reader = SheetReader(sheet, headings=leaf_headings(table))
    _headings(reader, table)
    if table.kind == "coded":
        rows = _coded(reader, table)
    elif table.kind == "economic":
        rows = _economic(reader)
    else:
        rows = _lines(reader, table)
    return rows, reader.problems


def read_upload(
    upload: IO[bytes] | bytes, *, department, fiscal_year, size: int | None = None
) -> dict[str, list[Row]]:
    """The six tables of the upload, by number (公开02 …); refused with every problem found."""
    workbook = open_workbook(upload, size=size)
    check_stamp(workbook, department=department, fiscal_year=fiscal_year)
    found: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for table in t.TABLES:
        try:
            sheet = sheet_named(workbook, table.sheet)
        except UploadRefused as refused:
            problems += refused.problems
            continue
        assert sheet is not None
        found[table.number], sheet_problems = read_sheet(sheet, table)
        problems += sheet_problems
    if problems:
        raise UploadRefused(problems)
    return found

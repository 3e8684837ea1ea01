"""Excel workbooks people read: columns as wide as their Chinese text, amounts with two places.

Every export builds its sheet here (`dataset_workbook`): the header bold and frozen, each column
as wide as its longest line (a CJK character counts two, as Excel shows it), Decimal values as
numbers formatted #,##0.00. Those are amounts and scores, and rates: the lists export a rate as
0–100 under a header that says (%) (dashboard/rows.py), never as a fraction, so no cell is
formatted 0.00%. The values are the dataset's: Excel keeps 15 significant digits, which every
amount below 10,000,000,000,000 元 fits.
"""

import io
import re
import unicodedata
from decimal import Decimal
from typing import Any

import tablib
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

AMOUNT_FORMAT = "#,##0.00"
MIN_WIDTH, MAX_WIDTH = 6, 60
_PADDING = 2  # Excel's width is in digits of the default font: leave room beside the text.
_WIDE = ("W", "F")  # East Asian wide and full-width: two columns each
_SHEET_TITLE_UNSAFE = re.compile(r"[\\*?:/\[\]]")


def text_width(text: str) -> int:
    """The width of a line in Excel's columns: a CJK (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(char) in _WIDE else 1 for char in text)


def _shown(value: Any, number_format: str) -> str:
    """The text a cell shows, for measuring its width."""
    if value is None:
        return ""
    if number_format == AMOUNT_FORMAT and isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def format_sheet(sheet: Worksheet) -> None:
    """Bold, frozen header; Decimal cells as #,##0.00; each column as wide as its widest line."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, Decimal) and cell.number_format == "General":
                cell.number_format = AMOUNT_FORMAT
            lines = _shown(cell.value, cell.number_format).splitlines() or [""]
            widest = max(text_width(line) for line in lines)
            widths[cell.column] = max(widths.get(cell.column, 0), widest)
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + _PADDING))


def _value(value: Any) -> Any:
    """A dataset value as a cell holds it: text without the characters XML refuses, and never
    a formula (a leading "=" is dropped, as django-import-export's escape does)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value).lstrip("=")
    return value


def dataset_workbook(dataset: tablib.Dataset) -> Workbook:
    """The dataset as a formatted one-sheet workbook named after its title."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    title = _SHEET_TITLE_UNSAFE.sub("-", str(dataset.title or ""))[:31]
    sheet.title = title or "Sheet1"
    sheet.append([_value(str(header)) for header in dataset.headers or []])
    for row in dataset:
        sheet.append([_value(value) for value in row])
    wrap = Alignment(wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = wrap
    format_sheet(sheet)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()

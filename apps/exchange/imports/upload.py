"""Reading a set-up upload: the first visible sheet as a dataset, checked by `reading`."""

from typing import Any

import tablib
from django.utils import translation
from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX
from import_export.widgets import Widget

from ..reading import Problem, SheetReader, UploadRefused, open_workbook, stamp, stamp_of
from ..workbook import dataset_workbook, workbook_bytes

HEADING_ROW = 1
MAX_ROWS = 20_000  # rows of one set-up sheet


class ChoiceLabelWidget(Widget):
    """A choice by its Chinese label (the stored value and the label shown are accepted too)."""

    def __init__(self, choices: Any, empty: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.empty = empty

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return self.empty
        with translation.override("zh-hans"):
            printed = {str(label): key for key, label in self.choices.choices}
        shown = {str(label): key for key, label in self.choices.choices}
        for found in (printed, shown, {key: key for key in self.choices.values}):
            if text in found:
                return found[text]
        raise ValueError(
            _("“%(text)s” is not one of: %(choices)s.")
            % {"text": text[:40], "choices": "、".join(printed)}
        )

    def render(self, value, obj=None, **kwargs):
        with translation.override("zh-hans"):
            return {key: str(label) for key, label in self.choices.choices}.get(value, value or "")


class YesNoWidget(Widget):
    """是 or 否 (also accepts 1/0, true/false)."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().casefold()
        if text in ("是", "1", "true", "yes", "y"):
            return True
        if text in ("否", "0", "false", "no", "n"):
            return False
        raise ValueError(_("Type 是 or 否."))

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


def dataset_of_upload(upload: Any, *, size: int | None = None) -> tablib.Dataset:
    """The first visible sheet as a dataset; refused for anything `reading` refuses.

    Empty rows are left out; `dataset.sheet_rows` keeps each row's number in the sheet, and
    `dataset.stamp` what the workbook was downloaded for (`reading.stamp_of`).
    """
    workbook = open_workbook(upload, size=size)
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        raise UploadRefused(_("The workbook has no sheet to import."))
    sheet = visible[0]
    height, width = _extent(sheet)
    if height > MAX_ROWS + HEADING_ROW:
        raise UploadRefused(
            Problem(
                _(
                    "The sheet has %(count)s rows; at most %(limit)s can be imported at once. "
                    "Split it into several workbooks."
                )
                % {"count": height - HEADING_ROW, "limit": MAX_ROWS},
                sheet.title,
            )
        )
    headings = {col: str(sheet.cell(HEADING_ROW, col).value or "") for col in range(1, width + 1)}
    reader = SheetReader(sheet, headings)
    rows = [[reader.raw(row, col) for col in range(1, width + 1)] for row in range(1, height + 1)]
    reader.raise_problems()
    dataset = tablib.Dataset(title=sheet.title)
    dataset.headers = ["" if value is None else str(value) for value in (rows[0] if rows else [])]
    sheet_rows = []
    for number, values in enumerate(rows[1:], start=HEADING_ROW + 1):
        if any(value not in (None, "") for value in values):
            dataset.append(values)
            sheet_rows.append(number)
    if not sheet_rows:
        raise UploadRefused(
            Problem(
                _("The sheet has no rows below its headings. Fill in one row per item."),
                sheet.title,
            )
        )
    dataset.sheet_rows = sheet_rows
    dataset.stamp = stamp_of(workbook)
    return dataset


def _extent(sheet: Any) -> tuple[int, int]:
    """The last row and column holding a value (or merged cells reaching into the values);
    cells only formatted, however far they reach, are not read."""
    height = width = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        last = max((col for col, v in enumerate(values, 1) if v not in (None, "")), default=0)
        if last:
            height, width = number, max(width, last)
    for bounds in sheet.merged_cells.ranges:
        if bounds.min_row <= height and bounds.min_col <= width:
            height, width = max(height, bounds.max_row), max(width, bounds.max_col)
    return height, width


class CheckedXLSX(XLSX):
    """.xlsx read through `reading` (formulas and merged cells refused), written formatted."""

    def create_dataset(self, in_stream):
        return dataset_of_upload(in_stream)

    def export_data(self, dataset, **kwargs):
        workbook = dataset_workbook(dataset)
        if getattr(dataset, "stamp", None):
            stamp(workbook, **dataset.stamp)
        return workbook_bytes(workbook)

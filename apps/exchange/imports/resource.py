"""The base resource of the set-up sheets: checked, imported all or nothing, problems placed."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import tablib
from django.apps import apps as django_apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.resources import ModelResource
from import_export.results import Error, Result
from openpyxl import Workbook

from ..reading import Problem, SheetReader, UploadRefused
from .upload import HEADING_ROW

STAMP_WHAT = {
    "kind": gettext_lazy("kind of data"),
    "bureau": gettext_lazy("finance bureau"),
    "fiscal_year": gettext_lazy("year"),
}


@dataclass(frozen=True)
class Column:
    """What a column's cells may hold: `field` names the resource field (and its heading)."""

    field: str
    required: bool = False
    limit: int | None = None
    number: tuple[Decimal, Decimal, int] | None = None  # least, most, decimal places
    key: bool = False  # part of the row's natural key: twice in one sheet is an error
    default: Any = None  # what an empty cell means, when not required


def _stamped_value(key: str, value: str) -> str:
    """A stamp's value as the user knows it: the kind of data by its name (预算单位 …)."""
    if key != "kind":
        return value
    try:
        return str(django_apps.get_model(value)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return value


class ProblemError(Error):
    """An import error that is a refused upload: its message says where; no traceback."""

    traceback = ""


def problems_of(result: Result) -> list[str]:
    """Every error of an import result, as the messages the user reads."""
    found = [str(error.error) for error in result.base_errors]
    for _number, errors in result.row_errors():
        found.extend(str(error.error) for error in errors)
    for row in result.invalid_rows:
        found.extend(str(message) for messages_ in row.error_dict.values() for message in messages_)
    return found


class SheetResource(ModelResource):
    """A model's rows as one sheet, imported into `scope` (a bureau, a year, a rubric …)."""

    sheet_title = ""
    columns: tuple[Column, ...] = ()

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, scope: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scope = scope
        self.user = user
        self.sheet_rows: list[int] = []
        self.sheet_name = self.sheet_title

    # Export -------------------------------------------------------------------------------

    def export(self, queryset=None, **kwargs):
        kwargs["force_native_type"] = True
        dataset = super().export(queryset, **kwargs)
        dataset.title = self.sheet_title
        dataset.stamp = {"kind": self.stamp_kind(), **self.export_stamp(queryset)}
        return dataset

    def stamp_kind(self) -> str:
        return self._meta.model._meta.label_lower

    def export_stamp(self, queryset) -> dict[str, str]:
        """What else the exported workbook is for (a bureau, a year), when one only."""
        return {}

    def import_stamp(self) -> dict[str, str]:
        """What the workbook must have been downloaded for, to import into `scope`."""
        return {}

    def check_stamp(self, dataset: tablib.Dataset) -> None:
        """A workbook downloaded for another kind, bureau or year is refused."""
        stamped = getattr(dataset, "stamp", None) or {}
        expected = {"kind": self.stamp_kind(), **self.import_stamp()}
        for key, value in expected.items():
            if key in stamped and stamped[key] != str(value):
                raise UploadRefused(
                    Problem(
                        _(
                            "This workbook was downloaded for another %(what)s (%(found)s, "
                            "not %(expected)s). Download the sheet here, fill it in, then "
                            "upload it again."
                        )
                        % {
                            "what": STAMP_WHAT.get(key, key),
                            "found": _stamped_value(key, stamped[key]),
                            "expected": _stamped_value(key, str(value)),
                        },
                        self.sheet_name,
                    )
                )

    # Import -------------------------------------------------------------------------------

    def headings(self) -> dict[int, str]:
        return {i: str(self.fields[c.field].column_name) for i, c in enumerate(self.columns, 1)}

    def import_data(self, dataset, dry_run=False, raise_errors=False, *args: Any, **kwargs: Any):
        """Checked first; then imported in a transaction that any error rolls back."""
        kwargs.pop("use_transactions", None)
        kwargs.pop("rollback_on_validation_errors", None)
        self.sheet_name = dataset.title or self.sheet_title
        try:
            if self.scope is None:
                raise UploadRefused(_("Choose where to import the sheet, then upload it again."))
            self.check_stamp(dataset)
            dataset = self.checked(dataset)
        except UploadRefused as refused:
            return self.refused(refused.problems)
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        problems = self.problems_in(result)
        return self.refused(problems) if problems else result

    def refused(self, problems: Iterable[Problem]) -> Result:
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        for problem in problems:
            result.append_base_error(ProblemError(UploadRefused([problem])))
        return result

    def checked(self, dataset: tablib.Dataset) -> tablib.Dataset:
        """The rows with clean values, in import order; refused with every problem found."""
        sheet_rows = list(getattr(dataset, "sheet_rows", range(2, len(dataset) + 2)))
        headings = self.headings()
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.sheet_name[:31] or "Sheet1"
        for col, heading in enumerate(dataset.headers or [], 1):
            sheet.cell(row=HEADING_ROW, column=col, value=heading)
        for number, values in zip(sheet_rows, dataset, strict=True):
            for col, value in enumerate(values, 1):
                sheet.cell(row=number, column=col, value=value)
        reader = SheetReader(sheet, headings)
        reader.expect_headings(HEADING_ROW, headings)
        reader.raise_problems()
        rows = [(n, self.clean_row(reader, n)) for n in sheet_rows]
        self.check_keys(reader, rows)
        self.check_rows(reader, rows)
        reader.raise_problems()
        rows = self.ordered(rows)
        self.sheet_rows = [number for number, _values in rows]
        clean = tablib.Dataset(title=dataset.title, headers=list(headings.values()))
        for _number, values in rows:
            clean.append([values[c.field] for c in self.columns])
        return clean

    def clean_row(self, reader: SheetReader, number: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for col, column in enumerate(self.columns, 1):
            value: Any
            if column.number is not None:
                value = reader.number(number, col)
                least, most, places = column.number
                if value is not None and not least <= value <= most:
                    reader.problem(
                        _("%(value)s is out of range: type a number from %(least)s to %(most)s.")
                        % {"value": value, "least": least, "most": most},
                        number,
                        col,
                    )
                elif value is not None and value != round(value, places):
                    message = (
                        _("Type a whole number.")
                        if places == 0
                        else _("At most %(places)s decimal places.") % {"places": places}
                    )
                    reader.problem(message, number, col)
                elif value is not None and places == 0:
                    value = int(value)
            else:
                value = reader.text(number, col, limit=column.limit)
            if value in (None, "") and column.default is not None:
                value = column.default
            if column.required and value in (None, ""):
                reader.problem(_("This cell is empty. Fill it in."), number, col)
            values[column.field] = value
        return values

    def check_keys(self, reader: SheetReader, rows: list[tuple[int, dict[str, Any]]]) -> None:
        """A row whose key another row of the sheet has is an error naming both rows."""
        keys = [c.field for c in self.columns if c.key]
        if not keys:
            return
        first_col = next(i for i, c in enumerate(self.columns, 1) if c.key)
        label = "、".join(str(self.fields[k].column_name) for k in keys)
        seen: dict[tuple, int] = {}
        for number, values in rows:
            key = tuple(str(values[k]).casefold() for k in keys)
            if any(part == "" for part in key):
                continue
            if key in seen:
                reader.problem(
                    _("Row %(first)s has the same %(key)s; keep one of the two rows.")
                    % {"first": seen[key], "key": label},
                    number,
                    first_col,
                )
            else:
                seen[key] = number

    def check_rows(self, reader: SheetReader, rows: list[tuple[int, dict[str, Any]]]) -> None:
        """A resource's own checks across rows (report with `reader.problem`)."""

    def ordered(self, rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
        """The rows in the order they must be saved (a parent before its units)."""
        return rows

    def problems_in(self, result: Result) -> list[Problem]:
        """Every row error of import-export as a Problem naming the sheet row and column."""
        columns = {}
        for col, column in enumerate(self.columns, 1):
            field = self.fields[column.field]
            columns[column.field] = col
            columns.setdefault(field.attribute or column.field, col)
        headings = self.headings()
        found = []

        def place(number: int, name: str | None, message: str) -> Problem:
            row = self.sheet_rows[number - 1] if 0 < number <= len(self.sheet_rows) else None
            col = columns.get(name or "")
            return Problem(message, self.sheet_name, row, col, headings.get(col, "") if col else "")

        for error in result.base_errors:
            found.append(Problem(str(error.error), self.sheet_name))
        for number, errors in result.row_errors():
            for error in errors:
                found.append(
                    place(
                        number,
                        None,
                        _("This row could not be saved: %(error)s") % {"error": error.error},
                    )
                )
        for row in result.invalid_rows:
            for name, texts in row.error_dict.items():
                found.extend(place(row.number, name, str(text)) for text in texts)
        return found

"""Reading uploaded workbooks safely: one place decides what an upload may be.

Every upload of a spreadsheet (the admin's set-up imports, an offline filing, the final
accounts) opens it through `open_workbook` and reads its cells through `SheetReader`, so each
refuses the same bad input with the same message: an empty file, a file past the size limit, a
file that is not an .xlsx (or unpacks to far more than it weighs), a formula where a value is
expected, a value inside merged cells, text in a number cell. Each problem names the sheet, the
row and the column (letter and heading) in the user's language; `UploadRefused` carries them
all, and nothing is written while there is one.

A workbook the system hands out carries a stamp (`stamp`, `stamp_of`): a very hidden sheet of
key/value rows saying what it is for (a filing, a year, a bureau, a version), so an upload can
be checked against the place it is uploaded to.
"""

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# Refused above this many bytes (settings.EXCHANGE_MAX_UPLOAD_BYTES overrides).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An .xlsx is a zip: refused when it would unpack to more than this, or holds more entries.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000
STAMP_SHEET = "_jixiao"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload, and where: sheet, row (1-based) and column."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    heading: str = ""

    @property
    def place(self) -> str:
        """Where, as the user finds it in Excel: 工作表“收入决算表”第 7 行 E 列（财政拨款收入）."""
        parts = []
        if self.sheet:
            parts.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column is not None:
            column = get_column_letter(self.column)
            if self.heading:
                parts.append(
                    _("column %(column)s (%(heading)s)")
                    % {"column": column, "heading": self.heading}
                )
            else:
                parts.append(_("column %(column)s") % {"column": column})
        elif self.heading:
            parts.append(_("column “%(heading)s”") % {"heading": self.heading})
        return " ".join(parts)

    def __str__(self) -> str:
        place = self.place
        if not place:
            return self.message
        return _("%(place)s: %(message)s") % {"place": place, "message": self.message}


class UploadRefused(Exception):
    """The upload cannot be used; `problems` says every reason found, each with its place."""

    def __init__(self, problems: Iterable[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def max_upload_bytes() -> int:
    return int(getattr(settings, "EXCHANGE_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def upload_bytes(upload: IO[bytes] | bytes, *, size: int | None = None) -> bytes:
    """The uploaded file's bytes, refused when empty or past the limit (read no further)."""
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise UploadRefused(
            _(
                "The file is %(size)s MB; at most %(limit)s MB can be uploaded. "
                "Split it, or remove what is not needed."
            )
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    if isinstance(upload, bytes):
        content = upload
    else:
        if hasattr(upload, "seek"):
            upload.seek(0)
        content = upload.read(limit + 1)
    if len(content) > limit:
        raise UploadRefused(
            _(
                "The file is larger than %(limit)s MB, the most that can be uploaded. "
                "Split it, or remove what is not needed."
            )
            % {"limit": _megabytes(limit)}
        )
    if not content:
        raise UploadRefused(
            _("The file is empty. Choose the filled .xlsx workbook, then upload it again.")
        )
    return content


def _not_a_workbook() -> UploadRefused:
    return UploadRefused(
        _(
            "The file is not an Excel workbook (.xlsx). "
            "Save it in Excel or WPS as “Excel workbook (*.xlsx)”, then upload it again."
        )
    )


def open_workbook(upload: IO[bytes] | bytes, *, size: int | None = None) -> Workbook:
    """The upload as a workbook, formulas kept as formulas (so they can be refused)."""
    content = upload_bytes(upload, size=size)
    if not content.startswith(_ZIP_MAGIC):
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
                raise _not_a_workbook()
            if "xl/workbook.xml" not in archive.namelist():
                raise _not_a_workbook()
        return load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except UploadRefused:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds on a damaged or foreign file
        raise _not_a_workbook() from None


def stamp(workbook: Workbook, **fields: Any) -> None:
    """Write what the workbook is for into a very hidden sheet (key in A, value in B)."""
    sheet = workbook.create_sheet(STAMP_SHEET)
    for key, value in fields.items():
        sheet.append([key, "" if value is None else str(value)])
    sheet.sheet_state = "veryHidden"


def stamp_of(workbook: Workbook) -> dict[str, str]:
    """The stamp the workbook carries, or {} when it has none (not one the system made)."""
    if STAMP_SHEET not in workbook.sheetnames:
        return {}
    sheet = workbook[STAMP_SHEET]
    stamped = {}
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if key is not None:
            stamped[str(key)] = "" if value is None else str(value)
    return stamped


def sheet_named(workbook: Workbook, title: str, *, required: bool = True) -> Worksheet | None:
    """The sheet of that title; refused (or None) when the workbook has none."""
    if title in workbook.sheetnames:
        return workbook[title]
    if not required:
        return None
    raise UploadRefused(
        Problem(
            _(
                "The workbook has no sheet “%(sheet)s”. "
                "Use the template as downloaded, without renaming its sheets."
            )
            % {"sheet": title}
        )
    )


class SheetReader:
    """Reads one sheet's cells, collecting a Problem for each cell that cannot be used.

    `headings` maps a column number to its heading, for the messages. Read the cells, then call
    `raise_problems()`: the upload is refused with every problem at once.
    """

    def __init__(self, sheet: Worksheet, headings: dict[int, str] | None = None) -> None:
        self.sheet = sheet
        self.headings = headings or {}
        self.problems: list[Problem] = []
        self._merged = {
            (row, column): bounds
            for bounds in sheet.merged_cells.ranges
            for row in range(bounds.min_row, bounds.max_row + 1)
            for column in range(bounds.min_col, bounds.max_col + 1)
        }

    def problem(self, message: str, row: int | None = None, column: int | None = None) -> None:
        heading = self.headings.get(column, "") if column is not None else ""
        self.problems.append(Problem(message, self.sheet.title, row, column, heading))

    def raw(self, row: int, column: int) -> Any:
        """The cell's value; a formula or a cell inside merged cells is a problem (None)."""
        if (row, column) in self._merged:
            self.problem(
                _(
                    "This cell is part of merged cells, where a value of its own is expected. "
                    "Unmerge the cells, then type each value in its own cell."
                ),
                row,
                column,
            )
            return None
        cell = self.sheet.cell(row=row, column=column)
        # A formula is a cell Excel computes; text that merely starts with "=" is kept as text.
        if cell.data_type == "f":
            self.problem(
                _("This cell holds a formula. Type the value itself (copy, then paste as values)."),
                row,
                column,
            )
            return None
        return cell.value

    def text(self, row: int, column: int, *, limit: int | None = None) -> str:
        """The cell as text, trimmed; numbers as Excel shows them without trailing zeros."""
        value = self.raw(row, column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        text = str(value).strip()
        if limit is not None and len(text) > limit:
            self.problem(
                _("At most %(limit)s characters; this cell has %(count)s.")
                % {"limit": limit, "count": len(text)},
                row,
                column,
            )
            return ""
        return text

    def number(self, row: int, column: int) -> Decimal | None:
        """The cell as a Decimal (empty, "—" and "-" are none); text is a problem."""
        value = self.raw(row, column)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = str(value).strip().replace(",", "").replace("，", "")
        if text in ("", "—", "-", "——", "－"):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problem(
                _("“%(text)s” is not a number. Type digits only, e.g. 1234.56.")
                % {"text": str(value)[:40]},
                row,
                column,
            )
            return None
        return number

    def expect_headings(self, row: int, expected: dict[int, str]) -> None:
        """The header row must hold the template's headings (spaces and line breaks ignored)."""
        for column, heading in expected.items():
            found = self.sheet.cell(row=row, column=column).value
            if _squeezed(found) != _squeezed(heading):
                self.problem(
                    _(
                        "The heading here should be “%(expected)s”, not “%(found)s”. "
                        "Use the template as downloaded, without moving its columns."
                    )
                    % {"expected": heading, "found": "" if found is None else str(found)[:40]},
                    row,
                    column,
                )

    def raise_problems(self) -> None:
        if self.problems:
            raise UploadRefused(self.problems)


def _squeezed(value: Any) -> str:
    return "".join(str(value or "").split())

"""Read the department self-evaluation's offline workbook back into the form's cells.

Each cell is read as the page would post it (text, as typed); what the reader cannot use at
all (a sheet or heading moved, a formula, merged cells, text in a number cell, a row id twice,
a level-2 indicator the bureau does not have) is a Problem naming its sheet, row and column,
and the upload is refused with all of them. Cells the form refuses are left to the form.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from apps.core.text import clean_text
from apps.department_evaluations import bounds
from apps.department_evaluations.data import Context
from apps.department_evaluations.forms import FormState
from apps.exchange.reading import Problem, SheetReader, sheet_named
from apps.indicators.values import format_value

from .department_sheets import (
    GENERAL,
    ID_HEADING,
    NUMBER_KINDS,
    OUTPUT_KINDS,
    TOTAL_NAME,
    RowSheet,
    Spec,
)

SKIPPED = frozenset({"computed", "fixed"})
RUBRIC_TOTAL = "部门整体自评得分"


@dataclass
class OfflineState(FormState):
    """The form's cells as read from a workbook, and where each row or cell was found:
    "finance-0" / "rubric-12" / "contact_person" → (sheet, row)."""

    places: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class Lookup:
    """What names in the workbook stand for: saved row ids per section, level-2 indicators by
    (level 1, level 2) name, institutions by name, the 打分表 rows computed when downloaded."""

    saved: dict[str, dict[str, dict[str, str]]]  # section → id → stored cells
    levels: dict[int, tuple[str, str]]
    units: dict[str, int]
    computed_items: frozenset[int] = frozenset()


def _value(reader: SheetReader, row: int, column: int, kind: str, key: str) -> str:
    if kind in NUMBER_KINDS:
        number = reader.number(row, column)
        return "" if number is None else format_value(number, "")
    if key == "report_date":
        raw = reader.raw(row, column)
        if isinstance(raw, datetime | date):
            return raw.isoformat()[:10]
    return clean_text(reader.text(row, column))


def _blank(sheet: Worksheet, row: int, columns: list[int]) -> bool:
    for column in columns:
        value = sheet.cell(row=row, column=column).value
        if value is not None and str(value).strip() != "":
            return False
    return True


def _category(reader: SheetReader, row: int, spec: RowSheet, cells: dict, lookup: Lookup) -> str:
    level1, level2 = cells.pop("level1", ""), cells.pop("level2", "")
    if not level2:
        return ""  # the form asks for it
    found = [pk for pk, names in lookup.levels.items() if names[1] == level2]
    if len(found) > 1:
        found = [pk for pk in found if lookup.levels[pk][0] == level1]
    if len(found) == 1:
        return str(found[0])
    names = "、".join(sorted({names[1] for names in lookup.levels.values()}))
    reader.problem(
        _("“%(name)s” is not a level-2 indicator of this bureau. Use one of: %(names)s.")
        % {"name": level2[:40], "names": names},
        row,
        spec.column_of("level2"),
    )
    return ""


def _row_id(reader: SheetReader, row: int, spec: RowSheet, seen_ids: set, saved: dict) -> str:
    text = reader.text(row, 1)
    if not text:
        return ""
    if not (text.isascii() and text.isdigit()):
        reader.problem(
            _(
                "The hidden column “%(heading)s” was changed. Copy the row from the downloaded "
                "workbook again, or clear this cell to add the row as a new one."
            )
            % {"heading": ID_HEADING},
            row,
            1,
        )
        return ""
    if text in seen_ids:
        reader.problem(
            _(
                "This row is a copy of another row of the sheet (the same saved row twice). "
                "Keep one of them; to add a row, type it in a blank row."
            ),
            row,
            1,
        )
        return ""
    seen_ids.add(text)
    return text if text in saved else ""  # not a saved row of this filing: a new one


def read_rows(
    workbook: Workbook, spec: RowSheet, lookup: Lookup, state: OfflineState
) -> tuple[list[dict[str, str]], SheetReader]:
    """The section's rows as the page posts them (blank rows skipped)."""
    sheet = sheet_named(workbook, spec.title)
    assert sheet is not None
    reader = SheetReader(sheet, spec.headings())
    reader.expect_headings(spec.header_row, spec.headings())
    if spec.section == "finance":  # the 汇总 row stays where it was: rows start under it
        reader.expect_headings(spec.first_row - 1, {2: TOTAL_NAME})
    if reader.problems:
        return [], reader
    readable = [i for i, c in enumerate(spec.columns, 1) if c.kind not in SKIPPED]
    content = [i for i in readable if spec.columns[i - 1].kind not in ("id", "section")]
    saved = lookup.saved.get(spec.section, {})
    rows: list[dict[str, str]] = []
    seen_ids: set[str] = set()
    for row in range(spec.first_row, sheet.max_row + 1):
        if _blank(sheet, row, [1, *content]):
            continue
        if len(rows) == bounds.MAX_ROWS:
            reader.problem(
                _("A section holds at most %(max)s rows.") % {"max": bounds.MAX_ROWS}, row
            )
            break
        cells = {"id": _row_id(reader, row, spec, seen_ids, saved)}
        for index in readable[1:]:
            column = spec.columns[index - 1]
            cells[column.key] = _value(reader, row, index, column.kind, column.key)
        if spec.section == "indicators":
            cells["category"] = _category(reader, row, spec, cells, lookup)
        elif spec.section == "outputs":
            cells["section"] = _output_section(reader, row, spec, cells.get("section", ""))
        elif spec.section == "finance":
            found = lookup.units.get(cells.get("name", ""))
            new = str(found) if found else ""  # a new row stands for the unit it names
            cells["unit"] = saved[cells["id"]].get("unit", "") if cells["id"] else new
        state.places[f"{spec.section}-{len(rows)}"] = (spec.title, row)
        rows.append(cells)
    return rows, reader


def _output_section(reader: SheetReader, row: int, spec: RowSheet, text: str) -> str:
    by_label = {label: key for key, label in OUTPUT_KINDS.items()}
    if not text or text in OUTPUT_KINDS:
        return text
    if text in by_label:
        return by_label[text]
    reader.problem(
        _("Choose one of: %(choices)s.") % {"choices": "、".join(OUTPUT_KINDS.values())},
        row,
        spec.column_of("section"),
    )
    return ""


def read_general(workbook: Workbook, spec: Spec, state: OfflineState) -> SheetReader:
    """基本概况's 项目 | 内容 rows, matched by the hidden key of each row."""
    sheet = sheet_named(workbook, GENERAL)
    assert sheet is not None
    reader = SheetReader(sheet, {1: ID_HEADING, 2: "项目", 3: "内容"})
    reader.expect_headings(3, {1: ID_HEADING, 2: "项目", 3: "内容"})
    if reader.problems:
        return reader
    expected = {c.key: c for c in spec.general if c.key != "figures"}
    for row in range(4, sheet.max_row + 1):
        if _blank(sheet, row, [1, 3]):
            continue
        key = reader.text(row, 1)
        if key.startswith("figure."):
            continue
        column = expected.get(key)
        if column is None or key in state.scalars:
            reader.problem(
                _(
                    "This row is not one of the template's (or it is there twice). Use the "
                    "template as downloaded: type only in the 内容 column."
                ),
                row,
                1,
            )
            continue
        state.scalars[key] = _value(reader, row, 3, column.kind, key)
        state.places[key] = (GENERAL, row)
    for key, column in expected.items():
        if key not in state.scalars:
            reader.problems.append(
                Problem(
                    _("The row “%(label)s” is missing. Use the template as downloaded.")
                    % {"label": column.heading},
                    GENERAL,
                )
            )
    return reader


def read_rubric(workbook: Workbook, spec: RowSheet, context: Context, lookup: Lookup, state):
    """The 打分表's 自评打分 and 备注 by item; a row the system computed is not read."""
    sheet = sheet_named(workbook, spec.title)
    assert sheet is not None
    reader = SheetReader(sheet, spec.headings())
    reader.expect_headings(spec.header_row, spec.headings())
    if reader.problems:
        return reader
    items = {str(item.item_id): item for item in context.rubric}
    score, note = spec.column_of("score") or 0, spec.column_of("note") or 0
    for row in range(spec.first_row, sheet.max_row + 1):
        if sheet.cell(row, 2).value == RUBRIC_TOTAL or _blank(sheet, row, [1, score, note]):
            continue
        key = reader.text(row, 1)
        item = items.get(key)
        if item is None or item.item_id in state.rubric:
            reader.problem(
                _(
                    "This row is not one of the scoring sheet's rows (or it is there twice). "
                    "Rows cannot be added to the scoring sheet: use the template as downloaded."
                ),
                row,
                1,
            )
            continue
        typed = (
            "" if item.item_id in lookup.computed_items else _value(reader, row, score, "score", "")
        )
        state.rubric[item.item_id] = {"score": typed, "note": clean_text(reader.text(row, note))}
        state.places[f"rubric-{item.item_id}"] = (spec.title, row)
    return reader

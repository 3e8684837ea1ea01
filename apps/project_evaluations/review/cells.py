"""A revision's frozen cells read back as a 项目支出绩效自评表: pure, no ORM.

The cells are the flat map of apps.project_evaluations.snapshots.cells_of ("row.<id>.name",
"funding.total.executed", "goal_expected" …); a review reads the table from them, never from
the live rows, which the department may have changed since.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, get_type_hints

from apps.indicators import scoring

from ..data import ROW_FIELDS, FundingData, RowData

# How snapshots.cells_of writes a level-2 indicator: "产出指标 › 数量指标".
CATEGORY_SEPARATOR = " › "


@dataclass(frozen=True, kw_only=True)
class SheetRow(RowData):
    """One level-3 indicator row as submitted: its cells (RowData), where the table shows it."""

    row_id: int
    category_id: int = 0  # a revision keeps the level-2 indicator's names, not its id
    position: int = 0
    level1: str = ""
    level2: str = ""

    @property
    def is_qualitative(self) -> bool:
        return self.comparator == scoring.QUALITATIVE


@dataclass(frozen=True)
class Sheet:
    """Every cell of a submitted project self-evaluation."""

    goal_expected: str = ""
    goal_actual: str = ""
    notes: str = ""
    low_execution_explanation: str = ""
    funding: tuple[FundingData, ...] = ()
    rows: tuple[SheetRow, ...] = ()

    def funding_line(self, source: str) -> FundingData:
        """The funding row of a source, blank when absent."""
        return next((f for f in self.funding if f.source == source), FundingData(source))

    def row(self, row_id: int) -> SheetRow | None:
        """The row with that IndicatorRow id, if the revision has it."""
        return next((r for r in self.rows if r.row_id == row_id), None)


def _decimal(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _comparator(text: str) -> str:
    try:
        return scoring.normalize_comparator(text)
    except ValueError:
        return scoring.GE  # what the engine assumes of a row without one


_ROW_TYPES = get_type_hints(RowData)


def _value(name: str, text: str) -> Any:
    """A row's frozen cell (snapshots.cells_of wrote it with cell_text) as RowData holds it."""
    if name == "comparator":
        return _comparator(text)
    kind = _ROW_TYPES[name]
    if kind is bool:
        return bool(text)
    if kind == Decimal | None:
        return _decimal(text)
    return text


def sheet_of(cells: dict[str, str]) -> Sheet:
    """Read the flat cell map of a revision back into rows, funding lines and goals."""
    funding: dict[str, dict[str, Decimal | None]] = {}
    rows: dict[int, dict[str, str]] = {}
    for key, value in cells.items():
        parts = key.split(".")
        if parts[0] == "funding" and len(parts) == 3:
            funding.setdefault(parts[1], {})[parts[2]] = _decimal(value)
        elif parts[0] == "row" and len(parts) == 3 and parts[1].isdigit():
            rows.setdefault(int(parts[1]), {})[parts[2]] = value
    sheet_rows = []
    for row_id, values in rows.items():
        level1, _sep, level2 = values.get("category", "").partition(CATEGORY_SEPARATOR)
        if not level2:  # a level-2 indicator without a parent prints as its name alone
            level1, level2 = "", level1
        position = values.get("position", "")
        sheet_rows.append(
            SheetRow(
                row_id=row_id,
                position=int(position) if position.isdigit() else 0,
                level1=level1,
                level2=level2,
                **{name: _value(name, values.get(name, "")) for name in ROW_FIELDS},
            )
        )
    return Sheet(
        goal_expected=cells.get("goal_expected", ""),
        goal_actual=cells.get("goal_actual", ""),
        notes=cells.get("notes", ""),
        low_execution_explanation=cells.get("low_execution_explanation", ""),
        funding=tuple(
            FundingData(
                source=source,
                initial=columns.get("initial"),
                adjusted=columns.get("adjusted"),
                executed=columns.get("executed"),
            )
            for source, columns in funding.items()
        ),
        rows=tuple(sorted(sheet_rows, key=lambda r: (r.position, r.row_id))),
    )


def row_input(row: SheetRow) -> scoring.RowInput:
    """The engine's input for a row as the department filed it: a proposed 不适用 still counts."""
    return scoring.RowInput(
        level1=row.level1,
        level2=row.level2,
        comparator=row.comparator,
        weight=row.weight if row.weight is not None else Decimal(0),
        target=row.parsed_target.number,  # parsed once per row, however often it is scored
        actual=row.parsed_actual.number,
        qualitative_label=row.qualitative_label or None,
        qualitative_score=row.qualitative_score,
    )

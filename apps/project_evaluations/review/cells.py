"""A revision's frozen cells read back as a 项目支出绩效自评表: pure, no ORM.

The cells are the flat map of apps.project_evaluations.snapshots.cells_of ("row.<id>.name",
"funding.total.executed", "goal_expected" …); a review reads the table from them, never from
the live rows, which the department may have changed since.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from apps.indicators import scoring
from apps.indicators.values import parse_value

# How snapshots.cells_of writes a level-2 indicator: "产出指标 › 数量指标".
CATEGORY_SEPARATOR = " › "


@dataclass(frozen=True)
class FundingData:
    """One funding row of the revision in 元, by source."""

    source: str
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None


@dataclass(frozen=True)
class SheetRow:
    """One level-3 indicator row as submitted."""

    row_id: int
    position: int
    level1: str
    level2: str
    name: str = ""
    comparator: str = scoring.GE
    target_text: str = ""
    unit: str = ""
    actual_text: str = ""
    weight: Decimal | None = None
    qualitative_label: str = ""
    qualitative_score: Decimal | None = None
    not_applicable: bool = False  # proposed by the department; the reviewer decides
    deviation_reason: str = ""
    not_applicable_reason: str = ""

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


def _number(text: str) -> Decimal | None:
    try:
        return parse_value(text).number
    except ValueError:
        return None


def _comparator(text: str) -> str:
    try:
        return scoring.normalize_comparator(text)
    except ValueError:
        return scoring.GE  # what the engine assumes of a row without one


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
                name=values.get("name", ""),
                comparator=_comparator(values.get("comparator", "")),
                target_text=values.get("target_text", ""),
                unit=values.get("unit", ""),
                actual_text=values.get("actual_text", ""),
                weight=_decimal(values.get("weight", "")),
                qualitative_label=values.get("qualitative_label", ""),
                qualitative_score=_decimal(values.get("qualitative_score", "")),
                not_applicable=bool(values.get("not_applicable")),
                deviation_reason=values.get("deviation_reason", ""),
                not_applicable_reason=values.get("not_applicable_reason", ""),
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
        target=_number(row.target_text),
        actual=_number(row.actual_text),
        qualitative_label=row.qualitative_label or None,
        qualitative_score=row.qualitative_score,
    )

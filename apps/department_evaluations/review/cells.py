"""A revision's frozen cells read back as the 打分表 and the 定量目标 rows: pure, no ORM.

The cells are the flat map of apps.department_evaluations.snapshots.cells_of
("rubric.<item>.score", "indicator.<id>.weight", "summary.basis" …); a review reads the sheet
from them, never from the live rows, which the department may have changed since.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.indicators import scoring

from ..compute import BASIS_INDICATORS
from ..data import IndicatorData, RubricItemData

# A 自评打分 further than this from the system's value is flagged (scores show two decimals).
MISMATCH = Decimal("0.005")


def rubric_key(item_id: int) -> str:
    """The review row of 打分表 item `item_id`, as its cells are keyed ("rubric.<item>.…")."""
    return f"rubric:{item_id}"


def row_key(row_id: int) -> str:
    """The review row of 定量目标 row `row_id`, as its cells are keyed ("indicator.<id>.…")."""
    return f"row:{row_id}"


@dataclass(frozen=True)
class RubricEntry:
    """One 打分表 row as submitted: its definition, the filer's 自评打分 and the system's value."""

    item: RubricItemData
    score: Decimal | None  # the 自评打分; the deduction asked on a deduction row
    computed: Decimal | None  # the system's value (cells rubric.<item>.computed), if any

    @property
    def key(self) -> str:
        return rubric_key(self.item.item_id)

    @property
    def name(self) -> str:
        item = self.item
        return item.level3 or item.level2 or item.level1

    @property
    def mismatch(self) -> bool:
        """The system computed a value and the filer's 自评打分 is not it (blank is not it)."""
        if self.computed is None:
            return False
        return self.score is None or abs(self.score - self.computed) > MISMATCH

    def mismatch_reason(self) -> str:
        """Why the row is flagged, for the reviewer ("" when it is not)."""
        if not self.mismatch or self.computed is None:
            return ""
        computed = f"{scoring.round_score(self.computed):.2f}"
        if self.score is None:
            return _("The department gave no score; the system computed %(computed)s.") % {
                "computed": computed
            }
        return _(
            "The department's score, %(score)s, differs from the value the system computed, "
            "%(computed)s."
        ) % {"score": f"{scoring.round_score(self.score):.2f}", "computed": computed}


@dataclass(frozen=True)
class Sheet:
    """What the review of a department self-evaluation reads from its revision."""

    basis: str  # ScoringPolicy.DepartmentBasis: "indicators", "rubric" or "declared"
    rubric: tuple[RubricEntry, ...] = ()  # in print order, deduction rows last
    indicators: tuple[IndicatorData, ...] = ()  # in print order
    executed: Decimal | None = None  # 支出合计 (summary.executed)
    budget: Decimal | None = None  # 收入合计 (summary.budget)
    declared_score: Decimal | None = None
    declared_grade: str = ""

    @property
    def rubric_items(self) -> tuple[RubricItemData, ...]:
        return tuple(entry.item for entry in self.rubric)

    @property
    def filed_scores(self) -> dict[int, Decimal | None]:
        """What counts for the department: the system's value where it computed one, else the
        自评打分 (as compute.department_scores counts it)."""
        return {
            entry.item.item_id: entry.computed if entry.computed is not None else entry.score
            for entry in self.rubric
        }


def decimal(text: str) -> Decimal | None:
    """A number cell as cell_text wrote it; None when blank or not a finite number."""
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


def _position(values: dict[str, str]) -> int:
    position = values.get("position", "")
    return int(position) if position.isdigit() else 0


def _by_row(cells: dict[str, str], prefix: str) -> dict[int, dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for key, value in cells.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            rows.setdefault(int(parts[1]), {})[parts[2]] = value
    return rows


def _rubric_entry(item_id: int, values: dict[str, str]) -> RubricEntry:
    item = RubricItemData(
        item_id=item_id,
        level1=values.get("level1", ""),
        level2=values.get("level2", ""),
        level3=values.get("level3", ""),
        weight=decimal(values.get("weight", "")) or Decimal(0),
        standard=values.get("standard", ""),
        is_deduction=bool(values.get("deduction")),
        computation=values.get("computation", ""),
        note=values.get("note", ""),
    )
    return RubricEntry(item, decimal(values.get("score", "")), decimal(values.get("computed", "")))


def _comparator(text: str) -> str:
    """The row's sign; blank (or unreadable) is a 定性 row, as compute.py scores it."""
    try:
        return scoring.normalize_comparator(text) if text.strip() else scoring.QUALITATIVE
    except ValueError:
        return scoring.QUALITATIVE


def _indicator(row_id: int, values: dict[str, str]) -> IndicatorData:
    label = values.get("qualitative_label", "")
    return IndicatorData(
        category_id=0,  # a revision keeps the category's names, not its id
        level1=values.get("level1", ""),
        level2=values.get("level2", ""),
        name=values.get("name", ""),
        comparator=_comparator(values.get("comparator", "")),
        target_text=values.get("target_text", ""),
        unit=values.get("unit", ""),
        actual_text=values.get("actual_text", ""),
        weight=decimal(values.get("weight", "")),
        qualitative_label=label if label in scoring.QUALITATIVE_LABELS else "",
        qualitative_score=decimal(values.get("qualitative_score", "")),
        deviation_reason=values.get("deviation_reason", ""),
        row_id=row_id,
    )


def sheet_of(cells: dict[str, str]) -> Sheet:
    """Read the flat cell map of a revision back into 打分表 entries and 定量目标 rows."""
    rubric = sorted(
        _by_row(cells, "rubric").items(),
        key=lambda pair: (bool(pair[1].get("deduction")), _position(pair[1]), pair[0]),
    )
    indicators = sorted(
        _by_row(cells, "indicator").items(), key=lambda pair: (_position(pair[1]), pair[0])
    )
    return Sheet(
        basis=cells.get("summary.basis", "") or BASIS_INDICATORS,  # the policy's default
        rubric=tuple(_rubric_entry(item_id, values) for item_id, values in rubric),
        indicators=tuple(_indicator(row_id, values) for row_id, values in indicators),
        executed=decimal(cells.get("summary.executed", "")),
        budget=decimal(cells.get("summary.budget", "")),
        declared_score=decimal(cells.get("general.declared_score", "")),
        declared_grade=cells.get("general.declared_grade", ""),
    )


def indicator_input(row: IndicatorData) -> scoring.RowInput:
    """The engine's input for a 定量目标 row as filed (as compute.py builds it)."""
    return scoring.RowInput(
        level1=row.level1,
        level2=row.level2,
        comparator=row.comparator or scoring.QUALITATIVE,
        weight=row.weight or Decimal(0),
        target=row.target,
        actual=row.actual,
        qualitative_label=row.qualitative_label or None,
        qualitative_score=row.qualitative_score,
    )

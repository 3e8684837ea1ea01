"""The scoring sheet (打分表): rows scored by hand inside their weight, and deduction rows.

A hand row (自评打分) scores the points chosen, held to [0, weight]; no score counts 0. A
deduction row (扣分项) takes points off: off its group when it names one, floored at 0 for that
group, or, with ``group=None`` (a level-1 扣分项 such as seed 002's), off the sheet's total,
floored at 0. The total is rounded once, half up, and graded by the policy's thresholds, as
`evaluate` does. Each function here returns refusals as English catalog messages with their
values (`Refusal`); callers translate them, so the engine never imports Django.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .rules import deduction_points, hand_row_score
from .totals import grade_for
from .types import ZERO, ScoringPolicy, _in_context, round_score


def gettext_noop(message: str) -> str:
    """Mark a message for the catalog (makemessages finds it by this name); translate later."""
    return message


@dataclass(frozen=True)
class Refusal:
    """Why a typed value is refused: a catalog message and its values, translated by callers.

    ``gettext(refusal.message) % refusal.params`` gives the words in the user's language;
    ``str(refusal)`` gives them in English.
    """

    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class HandRow:
    """A 打分表 row scored by hand: its group (一级指标), 分值 and 自评打分 (None: not yet)."""

    group: str
    weight: Decimal
    score: Decimal | None = None


@dataclass(frozen=True)
class DeductionRow:
    """A 扣分项 row: the group it comes off (None: the sheet's total), its cap and deduction.

    The cap is the row's 分值 where the sheet prints one (seed 002: 最高扣10分); None: no cap
    but the floor. The reason text (what was found, how often) is kept by the caller.
    """

    group: str | None
    maximum: Decimal | None = None
    deduction: Decimal | None = None


RubricRow = HandRow | DeductionRow


@dataclass(frozen=True)
class SheetResult:
    """Scores of one 打分表: rows unrounded, groups floored at 0, `total` rounded and graded."""

    row_scores: list[Decimal | None]  # per row: a hand row's score, None for a deduction row
    row_deductions: list[Decimal | None]  # per row: the points asked off, None for a hand row
    group_weights: dict[str, Decimal]  # Σ 分值 of each group's hand rows
    group_scores: dict[str, Decimal]  # Σ scores − deductions taken, never below 0
    group_deducted: dict[str, Decimal]  # deductions taken off each group (within its floor)
    sheet_deducted: Decimal  # deductions taken off the total (within its floor)
    weight: Decimal  # Σ 分值 of all hand rows: the most the sheet can score
    exact_total: Decimal  # before rounding
    total: Decimal  # 2 places, half up: the one shown, stored, printed and graded
    grade: str


_SCORE_RANGE = gettext_noop("The score must be between 0 and the row's weight, %(weight)s.")
_TWO_PLACES = gettext_noop("Enter at most two decimal places.")
_DEDUCTION_RANGE = gettext_noop(
    "The deduction must be between 0 and the row's maximum, %(maximum)s."
)
_DEDUCTION_NEGATIVE = gettext_noop("The deduction must be a number of points, 0 or more.")


def _shown(value: Decimal) -> str:
    """Write a weight or cap the way a sheet prints it: 10, 2.5, 0.25."""
    return "0" if value == ZERO else format(value.normalize(), "f")


def _too_many_places(value: Decimal) -> bool:
    exponent = value.normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent < -2


def hand_score_refusal(*, weight: Decimal, score: Decimal) -> Refusal | None:
    """Why a 自评打分 cannot be given (None when it can): 0 to the weight, two decimals."""
    if not score.is_finite() or not ZERO <= score <= weight:
        return Refusal(_SCORE_RANGE, {"weight": _shown(max(weight, ZERO))})
    if _too_many_places(score):
        return Refusal(_TWO_PLACES)
    return None


def deduction_refusal(*, maximum: Decimal | None, deduction: Decimal) -> Refusal | None:
    """Why a deduction cannot be recorded (None when it can): 0 to the cap, two decimals."""
    if maximum is not None:
        if not deduction.is_finite() or not ZERO <= deduction <= maximum:
            return Refusal(_DEDUCTION_RANGE, {"maximum": _shown(max(maximum, ZERO))})
    elif not deduction.is_finite() or deduction < ZERO:
        return Refusal(_DEDUCTION_NEGATIVE)
    if _too_many_places(deduction):
        return Refusal(_TWO_PLACES)
    return None


@_in_context
def score_sheet(policy: ScoringPolicy, *, rows: Iterable[RubricRow]) -> SheetResult:
    """Score a 打分表: Σ over groups of max(0, scores − deductions), less the sheet's 扣分项."""
    row_scores: list[Decimal | None] = []
    row_deductions: list[Decimal | None] = []
    weights: dict[str, Decimal] = {}
    earned: dict[str, Decimal] = {}
    asked: dict[str | None, Decimal] = {}
    for row in rows:
        if isinstance(row, HandRow):
            score = hand_row_score(weight=row.weight, score=row.score)
            row_scores.append(score)
            row_deductions.append(None)
            weights[row.group] = weights.get(row.group, ZERO) + row.weight
            earned[row.group] = earned.get(row.group, ZERO) + score
        else:
            points = deduction_points(maximum=row.maximum, deduction=row.deduction)
            row_scores.append(None)
            row_deductions.append(points)
            asked[row.group] = asked.get(row.group, ZERO) + points
    for group in asked:
        # A group of deductions alone would floor every deduction away without a word.
        if group is not None and group not in earned:
            raise ValueError(
                f"deductions name the group {group!r}, which has no scored rows; "
                "a sheet-wide 扣分项 takes group=None"
            )
    scores = {group: max(points - asked.get(group, ZERO), ZERO) for group, points in earned.items()}
    deducted = {group: earned[group] - scores[group] for group in earned}
    subtotal = sum(scores.values(), ZERO)
    sheet_deducted = min(asked.get(None, ZERO), subtotal)
    exact = subtotal - sheet_deducted
    shown = round_score(exact)
    return SheetResult(
        row_scores=row_scores,
        row_deductions=row_deductions,
        group_weights=weights,
        group_scores=scores,
        group_deducted=deducted,
        sheet_deducted=sheet_deducted,
        weight=sum(weights.values(), ZERO),
        exact_total=exact,
        total=shown,
        grade=grade_for(policy, shown),
    )

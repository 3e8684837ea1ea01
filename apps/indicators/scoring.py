"""Scoring of self-evaluations (DESIGN §4): pure functions over Decimal values, no ORM.

One rounding point: `evaluate` computes on unrounded values, rounds the total once (2 places,
half up) and grades that rounded total, so the total shown beside a grade is the one graded.
Every page, stored filing, revision, review and print reads `EvaluationResult.total` and
`.grade` (or the copies stored from them); none rounds or grades on its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import wraps
from typing import Final, Literal, ParamSpec, TypeVar

GE = "≥"
GT = "＞"
LE = "≤"
LT = "＜"
EQ = "="
QUALITATIVE = "定性"
COMPARATORS = (GE, GT, LE, LT, EQ, QUALITATIVE)

# Spreadsheets and older filings type these instead of the printed signs.
_COMPARATOR_ALIASES = {">=": GE, "≧": GE, ">": GT, "<=": LE, "≦": LE, "<": LT, "＝": EQ}

ACHIEVED = "达成年度指标"
PARTIAL = "部分达成年度指标并具有一定效果"
NOT_ACHIEVED = "未达成年度指标且效果较差"
QUALITATIVE_LABELS = (ACHIEVED, PARTIAL, NOT_ACHIEVED)

REVERSE_RATIO: Final = "ratio"
REVERSE_LINEAR: Final = "linear"

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
DEFAULT_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))
# Fixed precision so results never depend on whatever context the caller has set.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _in_context(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run func under the module's Decimal context."""

    @wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(_CONTEXT):
            return func(*args, **kwargs)

    return wrapper


def _default_group_weights() -> dict[str, Decimal]:
    """Return the national default level-1 weights."""
    return {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}


@dataclass(frozen=True)
class ScoringPolicy:
    """A bureau's scoring settings for a year, with the national defaults."""

    execution_weight: Decimal = Decimal(10)
    group_weights: dict[str, Decimal] = field(default_factory=_default_group_weights)
    reverse_formula: Literal["ratio", "linear"] = REVERSE_RATIO
    high_floor: Decimal = Decimal("0.8")
    mid_floor: Decimal = Decimal("0.5")
    excess_ratio: Decimal = Decimal("1.3")
    grade_thresholds: tuple[tuple[Decimal, str], ...] = DEFAULT_GRADES
    rescale_not_applicable: bool = True
    execution_caps: tuple[tuple[Decimal, Decimal], ...] = ()
    # Whether a filer may propose 不适用 (with a reason) for the reviewer to accept.
    filers_may_propose_not_applicable: bool = False
    # Below this execution rate (a fraction) the form asks for an explanation; None: never.
    low_execution_explanation_below: Decimal | None = None

    def __post_init__(self) -> None:
        if self.reverse_formula not in (REVERSE_RATIO, REVERSE_LINEAR):
            raise ValueError(f"unknown reverse formula: {self.reverse_formula!r}")
        # Empty or overlapping bands would leave a qualitative label with no valid score.
        if not ZERO < self.mid_floor < self.high_floor <= ONE:
            raise ValueError("band floors must satisfy 0 < mid_floor < high_floor <= 1")
        if not self.grade_thresholds:
            raise ValueError("grade_thresholds must not be empty")


@dataclass(frozen=True)
class RowInput:
    """One level-3 indicator row as filed."""

    level1: str
    level2: str
    comparator: str
    weight: Decimal
    target: Decimal | None = None
    actual: Decimal | None = None
    qualitative_label: str | None = None
    qualitative_score: Decimal | None = None
    # Left out of the total: only a 不适用 the bureau decided (a reviewer accepted), never a
    # filer's proposal, which counts by its values until it is accepted.
    not_applicable: bool = False


@dataclass(frozen=True)
class EvaluationResult:
    """Scores of one self-evaluation: rows unrounded; `total` rounded once and graded."""

    execution_rate: Decimal | None
    execution_score: Decimal
    row_scores: list[Decimal | None]
    group_subtotals: dict[str, Decimal]
    group_weights: dict[str, Decimal]
    raw_total: Decimal
    applicable_weight: Decimal
    total: Decimal  # 2 places, half up: the one shown, stored, printed and graded
    capped: bool
    grade: str
    exact_total: Decimal = ZERO  # before rounding


def normalize_comparator(text: str) -> str:
    """Return the canonical comparator sign for text, or raise ValueError."""
    value = text.strip()
    if value in COMPARATORS:
        return value
    if value in _COMPARATOR_ALIASES:
        return _COMPARATOR_ALIASES[value]
    raise ValueError(f"unknown comparator: {text!r}")


def round_score(value: Decimal) -> Decimal:
    """Round a score or amount to 2 places, half up, for display and storage."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Return value limited to [low, high]."""
    return max(low, min(value, high))


@_in_context
def qualitative_band(policy: ScoringPolicy, label: str, weight: Decimal) -> tuple[Decimal, Decimal]:
    """Return (low, high) of the label's score band; high is excluded except for ACHIEVED."""
    if label == ACHIEVED:
        return policy.high_floor * weight, weight
    if label == PARTIAL:
        return policy.mid_floor * weight, policy.high_floor * weight
    if label == NOT_ACHIEVED:
        return ZERO, policy.mid_floor * weight
    raise ValueError(f"unknown qualitative result: {label!r}")


@_in_context
def execution_rate(executed: Decimal | None, adjusted_budget: Decimal | None) -> Decimal | None:
    """Return executed ÷ adjusted budget, uncapped; None when there is no budget."""
    if executed is None or adjusted_budget is None or adjusted_budget <= ZERO:
        return None
    return executed / adjusted_budget


@_in_context
def execution_score(
    policy: ScoringPolicy, executed: Decimal | None, budget: Decimal | None
) -> Decimal:
    """Return min(rate, 1) × execution weight; 0 without a budget."""
    rate = execution_rate(executed, budget)
    if rate is None:
        return ZERO
    # Spending above the adjusted budget is an error to fix (checks.py), never a bonus.
    return _clamp(rate, ZERO, ONE) * policy.execution_weight


@_in_context
def row_score(
    policy: ScoringPolicy,
    *,
    comparator: str,
    weight: Decimal,
    target: Decimal | None,
    actual: Decimal | None,
    qualitative_label: str | None = None,
    qualitative_score: Decimal | None = None,
) -> Decimal:
    """Return a row's unrounded score in [0, weight]; an unfilled row scores 0."""
    if weight < ZERO:
        raise ValueError("a row's weight cannot be negative")
    sign = normalize_comparator(comparator)
    if sign == QUALITATIVE:
        if qualitative_label is None:
            return ZERO
        qualitative_band(policy, qualitative_label, weight)  # rejects unknown labels
        if qualitative_score is None:
            # DESIGN §4: a 定性 row with no score chosen counts 0 (checks.py makes it an error).
            return ZERO
        return _clamp(qualitative_score, ZERO, weight)
    if target is None or actual is None:
        return ZERO
    return _clamp(_quantitative(policy, sign, weight, target, actual), ZERO, weight)


def _quantitative(
    policy: ScoringPolicy, sign: str, weight: Decimal, target: Decimal, actual: Decimal
) -> Decimal:
    """Return the unclamped score of a numeric row."""
    if sign == EQ:
        if actual == target:
            return weight
        if target == ZERO:
            return weight if actual <= ZERO else ZERO
        if target < ZERO:
            return ZERO  # DESIGN is silent on negative targets: only an exact match scores
        sign = GE  # DESIGN: otherwise scored as 正向
    if sign in (GE, GT):
        if actual >= target:
            return weight
        # A proportion of a target at or below zero means nothing: a miss scores 0.
        return weight * actual / target if target > ZERO else ZERO
    # LE, LT
    if actual <= target:
        return weight
    if target <= ZERO:
        return ZERO
    if policy.reverse_formula == REVERSE_LINEAR:
        return weight * (ONE - (actual - target) / target)
    return weight * target / actual


def needs_deviation_reason(
    policy: ScoringPolicy,
    *,
    comparator: str,
    target: Decimal | None,
    actual: Decimal | None,
    qualitative_label: str | None = None,
) -> bool:
    """Tell whether the row needs a 偏差原因: target missed, or overshot by excess_ratio."""
    sign = normalize_comparator(comparator)
    if sign == QUALITATIVE:
        return qualitative_label is not None and qualitative_label != ACHIEVED
    if target is None or actual is None:
        return False
    if sign == EQ:
        return actual != target
    if sign in (LE, LT):
        return actual > target
    # An actual far above a positive target means the target was set too low.
    return actual < target or (target > ZERO and actual >= policy.excess_ratio * target)


def grade_for(policy: ScoringPolicy, total: Decimal) -> str:
    """Return the grade of a total (evaluate passes the rounded total it shows)."""
    ordered = sorted(policy.grade_thresholds, key=lambda pair: pair[0], reverse=True)
    for threshold, label in ordered:
        if total >= threshold:
            return label
    return ordered[-1][1]


@_in_context
def evaluate(
    policy: ScoringPolicy,
    *,
    executed: Decimal | None,
    budget: Decimal | None,
    rows: Iterable[RowInput],
) -> EvaluationResult:
    """Score a whole self-evaluation: execution row, indicator rows, total and grade."""
    rate = execution_rate(executed, budget)
    exec_score = execution_score(policy, executed, budget)
    row_scores: list[Decimal | None] = []
    subtotals: dict[str, Decimal] = {}
    weights: dict[str, Decimal] = {}
    any_not_applicable = False
    for row in rows:
        if row.not_applicable:
            # Never score 不适用 as 0: the row leaves both sides of the ratio.
            row_scores.append(None)
            any_not_applicable = True
            continue
        score = row_score(
            policy,
            comparator=row.comparator,
            weight=row.weight,
            target=row.target,
            actual=row.actual,
            qualitative_label=row.qualitative_label,
            qualitative_score=row.qualitative_score,
        )
        row_scores.append(score)
        subtotals[row.level1] = subtotals.get(row.level1, ZERO) + score
        weights[row.level1] = weights.get(row.level1, ZERO) + row.weight
    raw_total = exec_score + sum(subtotals.values(), ZERO)
    applicable_weight = policy.execution_weight + sum(weights.values(), ZERO)
    total = raw_total
    if any_not_applicable and policy.rescale_not_applicable:
        total = raw_total / applicable_weight * HUNDRED if applicable_weight else ZERO
    # Without a budget there is no rate to judge, so no cap applies.
    limits = [cap for below, cap in policy.execution_caps if rate is not None and rate < below]
    capped = bool(limits) and total > min(limits)
    if capped:
        total = min(limits)
    shown = round_score(total)
    return EvaluationResult(
        execution_rate=rate,
        execution_score=exec_score,
        row_scores=row_scores,
        group_subtotals=subtotals,
        group_weights=weights,
        raw_total=raw_total,
        applicable_weight=applicable_weight,
        total=shown,
        capped=capped,
        grade=grade_for(policy, shown),
        exact_total=total,
    )

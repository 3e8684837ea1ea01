"""Per-row formulas (DESIGN §4): execution rate, indicator rows, rows scored by hand, deductions."""

from decimal import Decimal

from .types import (
    ACHIEVED,
    EQ,
    GE,
    GT,
    LE,
    LT,
    NOT_ACHIEVED,
    ONE,
    PARTIAL,
    QUALITATIVE,
    REVERSE_LINEAR,
    ZERO,
    ScoringPolicy,
    _clamp,
    _in_context,
    normalize_comparator,
)


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


@_in_context
def hand_row_score(*, weight: Decimal, score: Decimal | None) -> Decimal:
    """Return a score chosen by hand (打分表 自评打分, 复核得分) held to [0, weight]; none: 0."""
    if weight < ZERO:
        raise ValueError("a row's weight cannot be negative")
    if score is None or score.is_nan():
        # Like a 定性 row with no score chosen: counts 0, and the refusal says why.
        return ZERO
    return _clamp(score, ZERO, weight)


@_in_context
def deduction_points(*, maximum: Decimal | None, deduction: Decimal | None) -> Decimal:
    """Return the points a 扣分项 row takes off: at least 0, at most its maximum if it has one."""
    if maximum is not None and maximum < ZERO:
        raise ValueError("a deduction's maximum cannot be negative")
    if deduction is None or deduction.is_nan():
        return ZERO
    # A negative deduction would be a bonus in disguise: it takes nothing off.
    points = max(deduction, ZERO)
    return points if maximum is None else min(points, maximum)

"""The department self-evaluation's figures and computed 打分表 rows (DESIGN §4, seed 002).

Figures: 预算执行率, 在职人员控制率, 结转结余率 (`ratio`) and "三公经费"变动率 (`change_rate`).
Rows: 目标实现 (`quantity_goal_score`), 资金结余率 (`balance_share_score`) and 执行进度
(`progress_score`), each in [0, weight] and unrounded; None when there is nothing to compute
from, so a caller leaves the row to a hand score rather than scoring it 0. A value that is not
a finite number (NaN, infinity) counts as missing.
"""

from collections.abc import Iterable
from decimal import Decimal

from .types import (
    EQ,
    GT,
    LE,
    LT,
    ONE,
    QUALITATIVE,
    ZERO,
    _clamp,
    _in_context,
    normalize_comparator,
)

# Seed 002: by 6, 9 and 11月 spending reaches 80%, 90%, 90% of 序时进度 (50%, 75%, 91.67%),
# that is 40%, 67.5% and 82.5% of the year's budget, for 1, 2 and 2 of the row's 5 points.
PROGRESS_TARGETS = (Decimal("0.40"), Decimal("0.675"), Decimal("0.825"))  # 6, 9, 11月
PROGRESS_PARTS = (Decimal(1), Decimal(2), Decimal(2))  # seed 002: 1分, 2分, 2分 of 5


def _number(value: Decimal | None) -> Decimal | None:
    """Return value when it is a finite number, else None."""
    return value if value is not None and value.is_finite() else None


def _check_weight(weight: Decimal) -> None:
    if not weight.is_finite() or weight < ZERO:
        raise ValueError("a row's weight must be a number, 0 or more")


@_in_context
def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """Return numerator ÷ denominator; None when either is missing or the denominator is ≤ 0."""
    numerator, denominator = _number(numerator), _number(denominator)
    if numerator is None or denominator is None or denominator <= ZERO:
        return None
    return numerator / denominator


@_in_context
def change_rate(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Return "三公经费"变动率 (current − previous) ÷ previous; None if missing or previous is 0."""
    current, previous = _number(current), _number(previous)
    if current is None or previous is None or previous == ZERO:
        return None
    return (current - previous) / previous


def _goal_achieved(sign: str, target: Decimal, actual: Decimal, excess_ratio: Decimal) -> bool:
    """Tell whether a 数量指标 reached its target without overshooting it by excess_ratio.

    Overshooting is measured against a positive target only, as `needs_deviation_reason`
    does: 30% of a target at or below zero is no amount. So ≥ 0 is reached by any actual of
    0 or more, ＞ 0 by any actual above 0, and = with a target at or below zero only by an
    actual equal to it (= 0: exactly 0).
    """
    if sign in (LE, LT):
        # A ceiling (≤, ＜) cannot be overshot the wrong way: staying under it is the goal.
        return actual <= target if sign == LE else actual < target
    reached = actual > target if sign == GT else actual >= target
    if target > ZERO:
        return reached and actual < target * excess_ratio
    if sign == EQ:
        return actual == target
    return reached


@_in_context
def quantity_goal_score(
    weight: Decimal,
    targets: Iterable[tuple[str, Decimal | None, Decimal | None]],
    *,
    excess_ratio: Decimal = Decimal("1.3"),
) -> tuple[Decimal | None, int, int]:
    """Return 目标实现 as (score, achieved, counted): achieved ÷ counted × weight.

    Each item is (comparator, target, actual). A row counts when its target and actual are
    numbers and its comparator is known and not 定性; a blank or unknown comparator is
    skipped. ≥ and = are achieved for target ≤ actual < target × excess_ratio (130% of the
    target or more overshoots), ＞ for target < actual < target × excess_ratio, ≤ for
    actual ≤ target, ＜ for actual < target; see `_goal_achieved` for targets ≤ 0. The score
    is None when no row counts.
    """
    _check_weight(weight)
    if not excess_ratio.is_finite() or excess_ratio < ONE:
        raise ValueError("excess_ratio must be 1 or more")
    achieved = counted = 0
    for comparator, target, actual in targets:
        try:
            sign = normalize_comparator(comparator or "")
        except ValueError:
            continue
        target, actual = _number(target), _number(actual)
        if sign == QUALITATIVE or target is None or actual is None:
            continue
        counted += 1
        if _goal_achieved(sign, target, actual, excess_ratio):
            achieved += 1
    if counted == 0:
        return None, 0, 0
    return weight * achieved / counted, achieved, counted


@_in_context
def balance_share_score(
    weight: Decimal,
    budgets: Iterable[tuple[Decimal | None, Decimal | None]],
    *,
    limit: Decimal = Decimal("0.1"),
) -> tuple[Decimal | None, int, int]:
    """Return 资金结余率 as (score, below, counted): below ÷ counted × weight.

    Each item is (全年预算数, 全年执行数) of one project; its 结余率 is (budget − executed) ÷
    budget, 0 when executed exceeds budget, and it is below when under limit. A project counts
    when both are numbers and the budget is above 0. The score is None when no project counts.
    """
    _check_weight(weight)
    below = counted = 0
    for budget, executed in budgets:
        budget, executed = _number(budget), _number(executed)
        if budget is None or executed is None or budget <= ZERO:
            continue
        counted += 1
        if max((budget - executed) / budget, ZERO) < limit:
            below += 1
    if counted == 0:
        return None, 0, 0
    return weight * below / counted, below, counted


@_in_context
def progress_score(
    weight: Decimal,
    rates: tuple[Decimal | None, Decimal | None, Decimal | None],
    *,
    targets: tuple[Decimal, ...] = PROGRESS_TARGETS,
    parts: tuple[Decimal, ...] = PROGRESS_PARTS,
) -> Decimal | None:
    """Return 执行进度: Σ weight × part ÷ Σparts × min(rate ÷ target, 1); None if a rate is missing.

    A rate is the share of the year's budget spent by the month (6, 9, 11月); below 0 it
    counts 0. With weight 5 each month that reaches its target earns 1, 2 and 2 points.
    """
    _check_weight(weight)
    if not len(rates) == len(targets) == len(parts):
        raise ValueError("rates, targets and parts must have one entry per month")
    if any(not target.is_finite() or target <= ZERO for target in targets):
        raise ValueError("every progress target must be above 0")
    if any(not part.is_finite() or part < ZERO for part in parts) or sum(parts, ZERO) <= ZERO:
        raise ValueError("progress parts must be 0 or more and add up to more than 0")
    checked = [_number(rate) for rate in rates]
    total_parts = sum(parts, ZERO)
    score = ZERO
    for rate, target, part in zip(checked, targets, parts, strict=True):
        if rate is None:
            return None
        score += weight * part / total_parts * _clamp(rate / target, ZERO, ONE)
    return score

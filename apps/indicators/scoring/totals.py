"""A self-evaluation's total and grade: execution row, indicator rows, 不适用, caps."""

from collections.abc import Iterable
from decimal import Decimal

from .rules import execution_rate, execution_score, hand_row_score, row_score
from .types import (
    HUNDRED,
    ZERO,
    EvaluationResult,
    RowInput,
    ScoringPolicy,
    _in_context,
    round_score,
)


def grade_for(policy: ScoringPolicy, total: Decimal) -> str:
    """Return the grade of a total (evaluate passes the rounded total it shows)."""
    ordered = sorted(policy.grade_thresholds, key=lambda pair: pair[0], reverse=True)
    for threshold, label in ordered:
        if total >= threshold:
            return label
    return ordered[-1][1]


def _score(policy: ScoringPolicy, row: RowInput) -> Decimal:
    """Return the row's score: the one given by hand if any, else its formula's."""
    if row.hand_score is not None:
        return hand_row_score(weight=row.weight, score=row.hand_score)
    return row_score(
        policy,
        comparator=row.comparator,
        weight=row.weight,
        target=row.target,
        actual=row.actual,
        qualitative_label=row.qualitative_label,
        qualitative_score=row.qualitative_score,
    )


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
        score = _score(policy, row)
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

"""The reviewer's total (复核得分合计) of a project revision with the bureau's engine: pure.

The reviewer's total is the execution-rate score of the revision (recomputed from its funding
cells, as the department's was) plus, for each indicator row, the reviewer's 复核得分 where
one was given and the department's own score where not. A row the department proposed as 不适用
counts by its values (as in the department's own total) until the reviewer accepts the
proposal; accepted, it leaves both sides of the ratio and the total is rescaled as the policy
says (total = Σ scores ÷ Σ applicable weights × 100); rejected, it counts with the reviewer's
score. A score the reviewer gives enters the engine as a hand-scored row (`hand_score`, within
[0, weight]), so caps, rescaling and grades are the engine's and none is copied here.
"""

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from apps.indicators import scoring
from apps.reviews.models import NotApplicable
from apps.reviews.sheets import ReviewTotals

from .cells import Sheet, row_input


def row_key(row_id: int) -> str:
    """The review row of indicator row `row_id`, as its cells are keyed ("row.<id>.…")."""
    return f"row:{row_id}"


def review_totals(
    engine: scoring.ScoringPolicy,
    sheet: Sheet,
    scores: Mapping[str, Decimal | None],
    not_applicable: Mapping[str, str] | None = None,
) -> ReviewTotals:
    """Score the sheet as filed, then with the reviewer's scores and 不适用 decisions in place."""
    decisions = not_applicable or {}
    total = sheet.funding_line("total")
    inputs = [row_input(row) for row in sheet.rows]
    department = scoring.evaluate(
        engine, executed=total.executed, budget=total.adjusted, rows=inputs
    )
    reviewed = []
    for row, given in zip(sheet.rows, inputs, strict=True):
        key = row_key(row.row_id)
        score = scores.get(key)
        if row.not_applicable and decisions.get(key) == NotApplicable.ACCEPTED:
            reviewed.append(replace(given, not_applicable=True))
        else:
            reviewed.append(given if score is None else replace(given, hand_score=score))
    review = scoring.evaluate(engine, executed=total.executed, budget=total.adjusted, rows=reviewed)
    keys = [row_key(row.row_id) for row in sheet.rows]
    return ReviewTotals(
        department=department,
        review=review,
        department_scores=dict(zip(keys, department.row_scores, strict=True)),
        review_scores=dict(zip(keys, review.row_scores, strict=True)),
    )

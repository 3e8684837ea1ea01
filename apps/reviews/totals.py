"""The reviewer's total (复核得分合计) with the bureau's engine: pure, no ORM.

The reviewer's total is the execution-rate score of the revision (recomputed from its funding
cells, as the department's was) plus, for each indicator row, the reviewer's 复核得分 where
one was given and the department's own score where not. Rows marked 不适用 leave both sides of
the ratio and the total is rescaled as the policy says, caps and grades included: the rows the
reviewer scored enter the engine as rows with a fixed score in [0, weight], so every rule is
the engine's and none is copied here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.indicators import scoring

from .sheets import Sheet, SheetRow, row_input


@dataclass(frozen=True)
class ReviewTotals:
    """The department's result and the reviewer's, with the scores of each row by row id."""

    department: scoring.EvaluationResult
    review: scoring.EvaluationResult
    department_scores: dict[int, Decimal | None]
    review_scores: dict[int, Decimal | None]


def _fixed(row: scoring.RowInput, score: Decimal) -> scoring.RowInput:
    """The row as the engine sees a score chosen by hand: a 定性 row rated 达成."""
    return replace(
        row,
        comparator=scoring.QUALITATIVE,
        qualitative_label=scoring.ACHIEVED,
        qualitative_score=score,
        target=None,
        actual=None,
    )


def review_totals(
    engine: scoring.ScoringPolicy, sheet: Sheet, scores: Mapping[int, Decimal | None]
) -> ReviewTotals:
    """Score the sheet as filed, then again with the reviewer's row scores in place."""
    total = sheet.funding_line("total")
    inputs = [row_input(row) for row in sheet.rows]
    department = scoring.evaluate(
        engine, executed=total.executed, budget=total.adjusted, rows=inputs
    )
    reviewed = []
    for row, given in zip(sheet.rows, inputs, strict=True):
        score = scores.get(row.row_id)
        reviewed.append(given if score is None or row.not_applicable else _fixed(given, score))
    review = scoring.evaluate(engine, executed=total.executed, budget=total.adjusted, rows=reviewed)
    ids = [row.row_id for row in sheet.rows]
    return ReviewTotals(
        department=department,
        review=review,
        department_scores=dict(zip(ids, department.row_scores, strict=True)),
        review_scores=dict(zip(ids, review.row_scores, strict=True)),
    )


def score_refusal(row: SheetRow, score: Decimal) -> str:
    """Why a 复核得分 cannot be given to the row ("" when it can)."""
    name = row.name or row.level2
    if row.not_applicable:
        return _("“%(name)s” is not applicable and takes no score.") % {"name": name}
    weight = row.weight if row.weight is not None else Decimal(0)
    if not Decimal(0) <= score <= weight:
        return _("The review score of “%(name)s” must be between 0 and its weight, %(weight)s.") % {
            "name": name,
            "weight": scoring.round_score(weight),
        }
    return ""

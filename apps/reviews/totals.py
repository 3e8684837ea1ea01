"""The reviewer's total (复核得分合计) with the bureau's engine: pure, no ORM.

The reviewer's total is the execution-rate score of the revision (recomputed from its funding
cells, as the department's was) plus, for each indicator row, the reviewer's 复核得分 where
one was given and the department's own score where not. A row the department proposed as 不适用
counts by its values (as in the department's own total) until the reviewer accepts the
proposal; accepted, it leaves both sides of the ratio and the total is rescaled as the policy
says (total = Σ scores ÷ Σ applicable weights × 100); rejected, it counts with the reviewer's
score. Caps and grades included, the rows the reviewer scored enter the engine as rows with a
fixed score in [0, weight], so every rule is the engine's and none is copied here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.indicators import scoring

from .models import NotApplicable
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
    engine: scoring.ScoringPolicy,
    sheet: Sheet,
    scores: Mapping[int, Decimal | None],
    not_applicable: Mapping[int, str] | None = None,
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
        score = scores.get(row.row_id)
        if row.not_applicable and decisions.get(row.row_id) == NotApplicable.ACCEPTED:
            reviewed.append(replace(given, not_applicable=True))
        else:
            reviewed.append(given if score is None else _fixed(given, score))
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
    weight = row.weight if row.weight is not None else Decimal(0)
    if not Decimal(0) <= score <= weight:
        return _("The review score of “%(name)s” must be between 0 and its weight, %(weight)s.") % {
            "name": name,
            "weight": scoring.round_score(weight),
        }
    return ""


def decision_refusal(row: SheetRow, decision: str) -> str:
    """Why a 不适用 decision cannot be recorded on the row ("" when it can)."""
    if decision not in NotApplicable.values:
        return _("Accept or reject the proposal, or leave it undecided.")
    if decision and not row.not_applicable:
        name = row.name or row.level2
        return _("The department did not propose “%(name)s” as not applicable.") % {"name": name}
    return ""


def undecided_proposals(sheet: Sheet, decisions: Mapping[int, str]) -> list[str]:
    """Names of the rows proposed as 不适用 that the reviewer has not accepted or rejected."""
    return [
        row.name or row.level2
        for row in sheet.rows
        if row.not_applicable and not decisions.get(row.row_id)
    ]

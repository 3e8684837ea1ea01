"""The department's total and the reviewer's (复核得分合计) of a department revision: pure.

Which total counts is the revision's basis (summary.basis):

- "rubric": the 打分表 scored by the engine (`scoring.score_sheet`), the filer's 自评打分 on one
  side, the reviewer's 复核得分 in their place where given on the other; a deduction row's
  value is the points taken off.
- "indicators": the 定量目标 rows and the execution rate through `scoring.evaluate`, the
  reviewer's score entering as the row's `hand_score`.
- "declared": the score and grade the department states, on both sides; the reviewer's
  scores show per row but change no total.

Row scores are worked out on every basis, so each row shows both sides whichever counts.
"""

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from apps.indicators import scoring
from apps.reviews.sheets import ReviewTotals

from ..compute import BASIS_DECLARED, BASIS_RUBRIC, rubric_rows
from .cells import Sheet, indicator_input, row_key

ZERO = Decimal(0)


def sheet_result(sheet: scoring.SheetResult) -> scoring.EvaluationResult:
    """A 打分表's result in the shape the review pages read (`total`, `grade`)."""
    return scoring.EvaluationResult(
        execution_rate=None,
        execution_score=ZERO,
        row_scores=list(sheet.row_scores),
        group_subtotals=dict(sheet.group_scores),
        group_weights=dict(sheet.group_weights),
        raw_total=sheet.exact_total,
        applicable_weight=sheet.weight,
        total=sheet.total,
        capped=False,
        grade=sheet.grade,
        exact_total=sheet.exact_total,
    )


def stated_result(
    engine: scoring.ScoringPolicy, score: Decimal | None, grade: str
) -> scoring.EvaluationResult:
    """The score the department states, as a result; its grade by the policy when not stated."""
    total = scoring.round_score(score) if score is not None else ZERO
    if not grade and score is not None:
        grade = scoring.grade_for(engine, total)
    return scoring.EvaluationResult(
        execution_rate=None,
        execution_score=ZERO,
        row_scores=[],
        group_subtotals={},
        group_weights={},
        raw_total=total,
        applicable_weight=ZERO,
        total=total,
        capped=False,
        grade=grade,
        exact_total=total,
    )


def _rubric_scores(result: scoring.SheetResult) -> list[Decimal | None]:
    """Per 打分表 row: a hand row's score, a deduction row's deduction."""
    return [
        deduction if score is None else score
        for score, deduction in zip(result.row_scores, result.row_deductions, strict=True)
    ]


def review_totals(
    engine: scoring.ScoringPolicy, sheet: Sheet, scores: Mapping[str, Decimal | None]
) -> ReviewTotals:
    """Score the revision as filed, then with the reviewer's scores in place where given."""
    items = sheet.rubric_items
    filed = sheet.filed_scores
    reviewed = dict(filed)
    for entry in sheet.rubric:
        given = scores.get(entry.key)
        if given is not None:
            reviewed[entry.item.item_id] = given
    department_sheet = scoring.score_sheet(engine, rows=rubric_rows(items, filed))
    review_sheet = scoring.score_sheet(engine, rows=rubric_rows(items, reviewed))

    inputs = [indicator_input(row) for row in sheet.indicators]
    keys = [row_key(row.row_id or 0) for row in sheet.indicators]
    given_inputs = [
        given if scores.get(key) is None else replace(given, hand_score=scores[key])
        for key, given in zip(keys, inputs, strict=True)
    ]
    executed, budget = sheet.executed, sheet.budget
    department_evaluation = scoring.evaluate(engine, executed=executed, budget=budget, rows=inputs)
    review_evaluation = scoring.evaluate(
        engine, executed=executed, budget=budget, rows=given_inputs
    )

    if sheet.basis == BASIS_RUBRIC:
        department, review = sheet_result(department_sheet), sheet_result(review_sheet)
    elif sheet.basis == BASIS_DECLARED:
        department = review = stated_result(engine, sheet.declared_score, sheet.declared_grade)
    else:
        department, review = department_evaluation, review_evaluation

    rubric_keys = [entry.key for entry in sheet.rubric]
    return ReviewTotals(
        department=department,
        review=review,
        department_scores={
            **dict(zip(rubric_keys, _rubric_scores(department_sheet), strict=True)),
            **dict(zip(keys, department_evaluation.row_scores, strict=True)),
        },
        review_scores={
            **dict(zip(rubric_keys, _rubric_scores(review_sheet), strict=True)),
            **dict(zip(keys, review_evaluation.row_scores, strict=True)),
        },
        scored=sheet.basis != BASIS_DECLARED or sheet.declared_score is not None,
    )


def rubric_subtotals(totals: ReviewTotals) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(一级指标, 分值, department's 小计, reviewer's 小计) of a 打分表 total, in print order."""
    department, review = totals.department, totals.review
    return [
        (
            group,
            weight,
            department.group_subtotals.get(group, ZERO),
            review.group_subtotals.get(group, ZERO),
        )
        for group, weight in department.group_weights.items()
    ]

"""Checks of the 打分表 rows and of the 综合得分 and 评价等次 the department declares."""

from decimal import Decimal

from apps.indicators import scoring
from apps.indicators.scoring import round_score

from ..data import Context, DepartmentData, RubricItemData, RubricLine, RubricOutcome, Scores
from .findings import SCORE_SLACK, ZERO, Finding, error, warning

RUBRIC = "rubric"  # ScoringPolicy.DepartmentBasis.RUBRIC


def _name(item: RubricItemData) -> str:
    """The row's most specific printed name."""
    return item.level3.strip() or item.level2.strip() or item.level1.strip()


def _item_findings(
    item: RubricItemData, line: RubricLine | None, outcome: RubricOutcome | None
) -> list[Finding]:
    """A typed score within the row's points, agreeing with the computed one; no score: 0."""
    field, name = f"rubric-{item.item_id}.score", _name(item)
    typed = line.score if line is not None else None
    counted = outcome.score if outcome is not None else typed
    findings = []
    if typed is not None and not ZERO <= typed <= item.weight:
        code = "rubric_deduction_above_maximum" if item.is_deduction else "rubric_above_weight"
        values = {"name": name, "score": round_score(typed), "weight": round_score(item.weight)}
        findings.append(error(field, code, **values))
    computed = outcome.computed if outcome is not None else None
    if computed is not None and typed is not None and abs(typed - computed) > SCORE_SLACK:
        values = {"name": name, "typed": round_score(typed), "computed": round_score(computed)}
        if outcome is not None and outcome.detail:
            findings.append(
                warning(field, "rubric_differs_detail", detail=outcome.detail, **values)
            )
        else:
            findings.append(warning(field, "rubric_differs", **values))
    if not item.is_deduction and counted is None:
        findings.append(warning(field, "rubric_not_scored", name=name))
    return findings


def rubric_findings(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """The checks of every 打分表 row, in the sheet's order."""
    lines = {line.item_id: line for line in data.rubric}
    findings: list[Finding] = []
    for item in context.rubric:
        outcome = scores.rubric.get(item.item_id)
        findings += _item_findings(item, lines.get(item.item_id), outcome)
    return findings


def _score_differs(declared: Decimal, context: Context, scores: Scores) -> Finding | None:
    """The declared 综合得分 must be the one the rules give (when they give one)."""
    if scores.total is None or abs(declared - scores.total) <= SCORE_SLACK:
        return None
    code = "score_differs_sheet" if context.basis == RUBRIC else "score_differs_indicators"
    values = {"declared": round_score(declared), "total": round_score(scores.total)}
    return error("declared_score", code, **values)


def _grade_differs(data: DepartmentData, context: Context, scores: Scores) -> Finding | None:
    """The declared 评价等次 must be the computed one, else the grade of the declared score.

    With a computed grade, the grade of the declared score adds nothing: a declared score that
    differs from the computed total already has its own error.
    """
    declared = data.declared_grade.strip()
    if not declared:
        return None
    if scores.grade:
        if declared == scores.grade:
            return None
        total = round_score(scores.total) if scores.total is not None else ""
        values = {"declared": declared, "total": total, "grade": scores.grade}
        return error("declared_grade", "grade_differs", **values)
    if data.declared_score is None:
        return None
    score = round_score(data.declared_score)
    grade = scoring.grade_for(context.policy, score)
    if declared == grade:
        return None
    values = {"declared": declared, "score": score, "grade": grade}
    return error("declared_grade", "grade_of_declared_score", **values)


def score_findings(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """综合得分 then 评价等次."""
    findings = []
    if data.declared_score is not None:
        differs = _score_differs(data.declared_score, context, scores)
        if differs is not None:
            findings.append(differs)
    grade = _grade_differs(data, context, scores)
    return findings if grade is None else [*findings, grade]

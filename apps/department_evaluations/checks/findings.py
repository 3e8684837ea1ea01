"""The Finding type, the messages of the department checks and how they show values (no ORM)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.core.money import format_amount
from apps.indicators.scoring import round_score
from apps.project_evaluations.checks import BOILERPLATE_REASONS

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
ZERO = Decimal(0)
HUNDRED = Decimal(100)
ONE = Decimal(1)
# Scores are shown and stored with two places: a smaller gap is rounding, not a disagreement.
SCORE_SLACK = Decimal("0.005")


@dataclass(frozen=True)
class Finding:
    """One problem, beside the form cell it concerns; errors block submission."""

    severity: Severity
    field: str
    message: str


# Printed names of the official form appear inside the English messages: they are the labels
# the filer sees in the table, in every language.
MESSAGES: dict[str, Promise] = {
    "income_total": _("收入合计, %(declared)s, is not the sum of its sources, %(sum)s."),
    "expense_total": _(
        "支出合计, %(declared)s, is not 基本支出 plus 项目支出 plus 其他支出, %(sum)s."
    ),
    "expense_basic": _("基本支出, %(declared)s, is not 人员支出 plus 公用支出, %(sum)s."),
    "three_public_total": _(
        "三公经费合计, %(declared)s, is not the sum of 公务接待费, 公务用车运行维护费, "
        "公务用车购置费 and 因公出国费, %(sum)s."
    ),
    "assets_total": _(
        "固定资产合计, %(declared)s, is not the sum of assets in use, rented out and other, "
        "%(sum)s."
    ),
    "balance_accumulated": _(
        "累计结余, %(declared)s, does not equal 收入合计 %(income)s less 支出合计 "
        "%(expense)s, which is %(expected)s."
    ),
    "balance_current": _(
        "当年结余, %(declared)s, does not equal 收入合计 %(income)s less 上年结转 "
        "%(carryover)s and 支出合计 %(expense)s, which is %(expected)s."
    ),
    "overspent": _(
        "支出合计, %(expense)s, is above 收入合计, %(income)s: the budget execution rate is "
        "%(rate)s. A department cannot spend more than it received; correct the amounts."
    ),
    "projects_above_project_expense": _(
        "The department's project self-evaluations report %(executed)s executed, more than its "
        "项目支出 of %(declared)s. Correct the 项目支出 or the projects' executed amounts."
    ),
    "three_public_change": _(
        "三公经费 changed by %(change)s against last year (%(last)s, now %(current)s). "
        "Explain the change in the notes."
    ),
    "headcount_above_authorized": _(
        "实有人数, %(actual)s, is above 人员编制, %(authorized)s. Explain why the department "
        "has more staff than its establishment allows."
    ),
    "task_approved_total": _(
        "The approved amount of “%(name)s”, %(declared)s, is not its fiscal funds plus its "
        "other funds, %(sum)s."
    ),
    "task_overspent": _(
        "The actual spending of “%(name)s”, %(actual)s, is above its approved amount, %(approved)s."
    ),
    "task_low_execution": _(
        "“%(name)s” spent %(actual)s of %(approved)s approved, an execution rate of %(rate)s. "
        "Give the reason the rate is low."
    ),
    "weight_missing": _("Enter the weight of “%(name)s”."),
    "weights_total": _(
        "The weights add up to %(total)s (budget execution %(execution)s plus the indicator "
        "rows); they must add up to 100."
    ),
    "deviation_missed": _(
        "“%(name)s” missed its target: %(actual)s against %(target)s. Explain the deviation and "
        "how it will be improved."
    ),
    "deviation_missed_qualitative": _(
        "“%(name)s” was rated “%(label)s”. Explain the deviation and how it will be improved."
    ),
    "deviation_exceeded": _(
        "“%(name)s” reached %(actual)s against a target of %(target)s, %(ratio)s of it or "
        "more: the target may have been set too low. Explain the deviation and how it will be "
        "improved."
    ),
    "rubric_not_scored": _("“%(name)s” is not scored yet: it counts 0 until it is."),
    "rubric_differs": _(
        "The score of “%(name)s” is %(typed)s, but its scoring standard applied to the filed "
        "figures gives %(computed)s."
    ),
    "rubric_differs_detail": _(
        "The score of “%(name)s” is %(typed)s, but its scoring standard applied to the filed "
        "figures gives %(computed)s (%(detail)s)."
    ),
    "rubric_above_weight": _(
        "The score of “%(name)s”, %(score)s, must be between 0 and its points, %(weight)s."
    ),
    "rubric_deduction_above_maximum": _(
        "The deduction on “%(name)s”, %(score)s, must be between 0 and its maximum, %(weight)s."
    ),
    "score_differs_sheet": _(
        "The declared 综合得分, %(declared)s, differs from the 打分表 total, %(total)s."
    ),
    "score_differs_indicators": _(
        "The declared 综合得分, %(declared)s, differs from the score the indicators give, "
        "%(total)s."
    ),
    "grade_differs": _(
        "The declared 评价等次 is “%(declared)s”, but the score of %(total)s is graded “%(grade)s”."
    ),
    "grade_of_declared_score": _(
        "The declared 评价等次 is “%(declared)s”, but a 综合得分 of %(score)s is graded "
        "“%(grade)s” by the bureau's thresholds."
    ),
}


def error(field: str, code: str, **values: object) -> Finding:
    """Return an error beside field with the code's message filled with values."""
    return Finding(ERROR, field, str(MESSAGES[code]) % values)


def warning(field: str, code: str, **values: object) -> Finding:
    """Return a warning beside field with the code's message filled with values."""
    return Finding(WARNING, field, str(MESSAGES[code]) % values)


def is_blank(text: str) -> bool:
    """Tell whether an explanation says nothing: blank, "无", "/" and the like."""
    return text.strip().rstrip("。.").strip() in BOILERPLATE_REASONS


def money(value: Decimal | None, unit: str) -> str:
    """Show an amount in 元 in the form's unit, with the unit: "305.97 万元"."""
    return f"{format_amount(value or ZERO, unit)} {unit}"


def percent(rate: Decimal) -> str:
    """Show a fraction as a percentage with two places: "100.98%"."""
    return f"{round_score(rate * HUNDRED)}%"


def summarize(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    severities = [finding.severity for finding in findings]
    return severities.count(ERROR), severities.count(WARNING)

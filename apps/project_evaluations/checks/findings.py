"""The Finding type, the checks' inputs and their messages; counting findings (pure, no ORM)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.indicators.scoring import ScoringPolicy

if TYPE_CHECKING:  # data.py imports the checks (Computed holds findings): a type only here
    from ..data import RowData

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
ZERO = Decimal(0)
HUNDRED = Decimal(100)
FUNDING_ORDER = ("total", "fiscal", "fiscal_central", "fiscal_local", "carryover", "other")
COLUMNS = ("initial", "adjusted", "executed")
# Filings copy these into every 偏差原因 cell; beside a missed or overshot target they say nothing.
BOILERPLATE_REASONS = frozenset(
    {"", "无", "/", "／", "—", "——", "-", "--", "－", "已按预算完成目标"}
)


@dataclass(frozen=True)
class FundingInput:
    """One row of the funding table, amounts in 元."""

    source: str
    initial: Decimal | None
    adjusted: Decimal | None
    executed: Decimal | None


@dataclass(frozen=True)
class RowCheckInput:
    """One level-3 indicator row as typed, where the table shows it; key names its cells."""

    key: str
    level1: str
    level2: str
    row: "RowData"


@dataclass(frozen=True)
class ProjectCheckInput:
    """Everything the checks read from a project self-evaluation."""

    funding: tuple[FundingInput, ...]
    split_fiscal: bool
    rows: tuple[RowCheckInput, ...]
    policy: ScoringPolicy
    unit_tolerance: Decimal = Decimal("0")
    amount_unit: str = "元"  # the form's unit: messages show amounts in it
    low_execution_explanation: str = ""
    # False when the form has no 分值 (a layout without points): no weights to add up.
    points: bool = True


@dataclass(frozen=True)
class Finding:
    """One problem, on the form cell it concerns; errors block submission."""

    severity: Severity
    code: str
    field: str
    message: str


SOURCE_NAMES: dict[str, Promise] = {
    "total": _("total funding"),
    "fiscal": _("current-year fiscal appropriation"),
    "fiscal_central": _("central and provincial subsidies"),
    "fiscal_local": _("local budget funds"),
    "carryover": _("carry-over from last year"),
    "other": _("other funds"),
}
COLUMN_NAMES = {
    "initial": _("initial budget"),
    "adjusted": _("adjusted budget"),
    "executed": _("executed"),
}
# One table, like Django's default_error_messages; keys are codes unless a code has variants.
MESSAGES: dict[str, Promise] = {
    "funding_total_mismatch": _(
        "The %(column)s of the total funding, %(declared)s %(unit)s, does not equal the sum of "
        "its sources, %(sum)s %(unit)s."
    ),
    "executed_above_budget": _(
        "The executed amount of %(source)s, %(executed)s %(unit)s, is above its adjusted budget "
        "of %(adjusted)s %(unit)s. Correct it: spending above the budget does not raise the "
        "score."
    ),
    "budget_missing": _(
        "The adjusted budget of the total funding is missing or zero, so the execution rate "
        "cannot be computed."
    ),
    "low_execution_explanation_missing": _(
        "The execution rate is %(rate)s%%, below %(threshold)s%%. Explain why the funds were "
        "not spent."
    ),
    "not_applicable_not_allowed": _(
        "The finance bureau does not let departments mark “%(name)s” as not applicable: score it "
        "by its values."
    ),
    "not_applicable_reason_missing": _(
        "Give the reason why “%(name)s” is not applicable; the reviewer decides on it."
    ),
    "name_missing": _("Enter the name of the level-3 indicator under “%(level2)s”."),
    "comparator_missing": _("Choose the comparator of “%(name)s”: ≥, ＞, ≤, ＜, = or 定性."),
    "target_missing": _("Enter the target of “%(name)s”."),
    "target_not_number": _("The target of “%(name)s” cannot be read. %(reason)s"),
    "target_conflict": _("The target of “%(name)s” contradicts the rest of its row. %(reason)s"),
    "actual_missing": _("Enter the actual value of “%(name)s”."),
    "actual_not_number": _("The actual value of “%(name)s” cannot be read. %(reason)s"),
    "actual_unit": _(
        "The actual value of “%(name)s” is in “%(typed)s”, but the unit of the row is "
        "“%(unit)s”. Write it in %(unit)s."
    ),
    "weight_missing": _("Enter the weight of “%(name)s”."),
    "weight_out_of_bounds": _(
        "The weight of “%(name)s” is %(weight)s; a weight must be above 0 and at most 100."
    ),
    "amount_negative": _(
        "The %(column)s of %(source)s is %(amount)s %(unit)s; an amount cannot be negative."
    ),
    "target_zero": _(
        "The target of “%(name)s” is 0, which any result meets: with %(comparator)s the target "
        "must be above 0."
    ),
    "qualitative_label_invalid": _(
        "Choose the result of “%(name)s”: 达成年度指标, 部分达成年度指标并具有一定效果 or "
        "未达成年度指标且效果较差."
    ),
    "qualitative_score_missing": _("Choose the score of “%(name)s” within the band of its result."),
    "band_closed": _(
        "The score of “%(name)s”, rated “%(label)s”, must be between %(low)s and %(high)s."
    ),
    "band_open": _(
        "The score of “%(name)s”, rated “%(label)s”, must be between %(low)s and %(high)s, "
        "%(high)s excluded."
    ),
    "deviation_reason_missed": _(
        "“%(name)s” missed its target: %(actual)s against %(target)s. Explain the deviation and "
        "how it will be improved."
    ),
    "deviation_reason_missed_qualitative": _(
        "“%(name)s” was rated “%(label)s”. Explain the deviation and how it will be improved."
    ),
    "deviation_reason_exceeded": _(
        "“%(name)s” reached %(actual)s against a target of %(target)s, %(ratio)s%% of it or "
        "more: the target may have been set too low. Explain the deviation and how it will be "
        "improved."
    ),
    "weights_total": _(
        "The weights add up to %(total)s (budget execution %(execution)s plus the indicator "
        "rows); they must add up to 100."
    ),
    "group_weight_mismatch": _(
        "The weights of the rows under “%(group)s” add up to %(total)s; they must add up to "
        "%(expected)s."
    ),
}


def _finding(code: str, field: str, message: str = "", /, **values: object) -> Finding:
    """Return an error with the message (by default the code's) filled with values."""
    return Finding(ERROR, code, field, str(MESSAGES[message or code]) % values)


def _is_blank_reason(text: str) -> bool:
    """Tell whether a 偏差原因 says nothing."""
    return text.strip().rstrip("。.").strip() in BOILERPLATE_REASONS


def summarize(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    severities = [finding.severity for finding in findings]
    return severities.count(ERROR), severities.count(WARNING)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Tell whether any finding blocks submission."""
    return any(finding.severity == ERROR for finding in findings)

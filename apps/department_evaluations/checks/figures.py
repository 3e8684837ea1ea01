"""Checks of the figures the system computes: staff, execution, projects, 三公经费 year on year."""

from decimal import Decimal

from ..bounds import EXPENSE_PARTS, INCOME_PARTS, THREE_PUBLIC_PARTS
from ..data import Context, DepartmentData, Figure, Scores
from .finance import carryover_findings, column_index, total_or_sum
from .findings import ONE, Finding, error, is_blank, money, percent, warning

TOTAL = "finance-total"
# DESIGN §6: a change of 10% or more against last year's filing asks for a note.
YEAR_ON_YEAR_NOTE = Decimal("0.1")


def _value(scores: Scores, key: str) -> tuple[Figure, Decimal] | None:
    """The figure and its value, or None when it is not computable."""
    figure = scores.figures.get(key)
    if figure is None or figure.value is None:
        return None
    return figure, figure.value


def _shown(figure: Figure, value: Decimal) -> str:
    return figure.shown or percent(value)


def headcount_findings(data: DepartmentData, scores: Scores) -> list[Finding]:
    """实有人数 above 人员编制 asks for an explanation (在职人员控制率 above 100%)."""
    found = _value(scores, "headcount_rate")
    actual, authorized = data.actual_headcount, data.authorized_headcount
    if found is None or found[1] <= ONE or actual is None or authorized is None:
        return []
    values = {"actual": actual, "authorized": authorized}
    return [warning("actual_headcount", "headcount_above_authorized", **values)]


def _overspent(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """Spending above what the department received (预算执行率 above 100%) is an error.

    When the total row's balances disagree with 收入合计 − 支出合计, the rows' carry-over errors
    already name the gap: it is not reported a second time here.
    """
    found = _value(scores, "execution_rate")
    if found is None or found[1] <= ONE:
        return []
    tolerance = context.unit_tolerance * max(1, len(data.finance))
    if carryover_findings(scores.total_row, TOTAL, context, tolerance):
        return []
    figure, rate = found
    income = total_or_sum(scores.total_row, "income_total", INCOME_PARTS)[0]
    expense = total_or_sum(scores.total_row, "expense_total", EXPENSE_PARTS)[0]
    values = {
        "income": money(income, context.amount_unit),
        "expense": money(expense, context.amount_unit),
        "rate": _shown(figure, rate),
    }
    return [error(f"{TOTAL}.expense_total", "overspent", **values)]


def _projects_above(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """Σ of the department's project filings' executed must not exceed its 项目支出."""
    executed, declared = context.projects.executed, scores.total_row.get("expense_project")
    if executed is None or declared is None:
        return []
    # Each project's executed amount is an addend typed from a rounded figure.
    slack = context.unit_tolerance * max(1, context.projects.count)
    if executed <= declared + slack:
        return []
    values = {
        "executed": money(executed, context.amount_unit),
        "declared": money(declared, context.amount_unit),
    }
    return [error(f"{TOTAL}.expense_project", "projects_above_project_expense", **values)]


def _three_public_change(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """A change of 10% or more in 三公经费 against last year asks for a note."""
    found = _value(scores, "three_public_change")
    if found is None or abs(found[1]) < YEAR_ON_YEAR_NOTE or not is_blank(data.notes):
        return []
    figure, change = found
    current = total_or_sum(scores.total_row, "three_public_total", THREE_PUBLIC_PARTS)[0]
    # Last year's filing if there is one, else the figure the department typed.
    last = context.last_year_three_public
    if last is None:
        last = data.three_public_last_year
    values = {
        "change": _shown(figure, change),
        "last": money(last, context.amount_unit),
        "current": money(current, context.amount_unit),
    }
    return [warning(f"{TOTAL}.three_public_total", "three_public_change", **values)]


def total_row_findings(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """Findings beside the computed total row, in the order of its columns."""
    findings = _overspent(data, context, scores)
    findings += _projects_above(data, context, scores)
    findings += _three_public_change(data, context, scores)
    return sorted(findings, key=lambda finding: column_index(finding.field))

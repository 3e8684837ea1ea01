"""What the system works out for a department self-evaluation (pure): the total row, the
figures with their formulas, the 打分表 rows computed from data, the 综合得分 and findings."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from apps.indicators import scoring

from .bounds import FINANCE_COLUMNS
from .data import (
    Amount,
    Context,
    DepartmentData,
    Figure,
    IndicatorData,
    RubricItemData,
    RubricOutcome,
    Scores,
)

if TYPE_CHECKING:
    from .checks import Finding

ZERO = Decimal(0)
QUANTITY = "数量指标"
BASIS_INDICATORS, BASIS_RUBRIC, BASIS_DECLARED = "indicators", "rubric", "declared"


@dataclass(frozen=True)
class Computed:
    scores: Scores
    findings: list["Finding"]


def total_row(data: DepartmentData) -> dict[str, Amount]:
    """Σ of the institutions' rows per column; None where no row has a figure."""
    totals: dict[str, Amount] = {}
    for column in FINANCE_COLUMNS:
        values = [value for row in data.finance if (value := row.get(column)) is not None]
        totals[column] = sum(values, ZERO) if values else None
    return totals


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value * 100):.2f}%"


def _figures(data: DepartmentData, context: Context, totals: dict[str, Amount]) -> dict:
    previous = context.last_year_three_public
    if previous is None:
        previous = data.three_public_last_year
    authorized = data.authorized_headcount
    actual = data.actual_headcount
    found = [
        Figure(
            "execution_rate",
            "预算执行率",
            scoring.ratio(totals["expense_total"], totals["income_total"]),
            _("支出合计 ÷ 收入合计 (including 上年结转)"),
        ),
        Figure(
            "headcount_rate",
            "在职人员控制率",
            scoring.ratio(
                None if actual is None else Decimal(actual),
                None if authorized is None else Decimal(authorized),
            ),
            _("实有人数 ÷ 人员编制"),
        ),
        Figure(
            "three_public_change",
            "“三公经费”变动率",
            scoring.change_rate(totals["three_public_total"], previous),
            _("(本年三公经费 − 上年三公经费) ÷ 上年三公经费"),
        ),
        Figure(
            "balance_rate",
            "结转结余率",
            scoring.ratio(totals["balance_accumulated"], totals["expense_total"]),
            _("累计结余 ÷ 支出合计"),
        ),
        Figure(
            "project_execution",
            "项目支出执行情况",
            scoring.ratio(context.projects.executed, totals["expense_project"]),
            _("Σ 全年执行数 of the project self-evaluations ÷ 项目支出"),
        ),
    ]
    return {f.key: Figure(f.key, f.label, f.value, f.formula, percent(f.value)) for f in found}


def _computed_item(
    item: RubricItemData, data: DepartmentData, context: Context, totals: dict[str, Amount]
) -> tuple[Decimal | None, str]:
    """The value of a computed 打分表 row and how it came about; (None, why) when it cannot be."""
    weight = item.weight
    if item.computation in ("department_goals", "project_goals"):
        if item.computation == "department_goals":
            targets = [
                (row.comparator, row.target, row.actual)
                for row in data.indicators
                if row.level2 == QUANTITY
            ]
        else:
            targets = [
                (t.comparator, t.target, t.actual) for t in context.projects.quantity_targets
            ]
        score, achieved, counted = scoring.quantity_goal_score(
            weight, targets, excess_ratio=context.policy.excess_ratio
        )
        if score is None:
            return None, _("No 数量指标 with a numeric target and result to compute from.")
        return score, _("%(achieved)s of %(counted)s 数量指标 achieved × %(weight)s") % {
            "achieved": achieved,
            "counted": counted,
            "weight": _points(weight),
        }
    if item.computation == "project_balance":
        score, below, counted = scoring.balance_share_score(weight, context.projects.budgets)
        if score is None:
            return None, _("No project self-evaluation with a budget to compute from.")
        return score, _(
            "%(below)s of %(counted)s projects with a 结余率 under 0.1 × %(weight)s"
        ) % {
            "below": below,
            "counted": counted,
            "weight": _points(weight),
        }
    if item.computation == "execution_progress":
        budget = totals["income_total"]
        months = (data.executed_by_june, data.executed_by_september, data.executed_by_november)
        rates = tuple(scoring.ratio(spent, budget) for spent in months)
        score = scoring.progress_score(weight, rates)  # type: ignore[arg-type]
        if score is None:
            return None, _("Enter the amounts spent by the end of June, September and November.")
        return score, _(
            "June %(june)s, September %(september)s, November %(november)s of 收入合计"
        ) % {
            "june": percent(rates[0]),
            "september": percent(rates[1]),
            "november": percent(rates[2]),
        }
    return None, ""


def _points(value: Decimal) -> str:
    return "0" if value == ZERO else format(value.normalize(), "f")


def _indicator_input(row: IndicatorData) -> scoring.RowInput:
    return scoring.RowInput(
        level1=row.level1,
        level2=row.level2,
        comparator=row.comparator or scoring.QUALITATIVE,
        weight=row.weight or ZERO,
        target=row.target,
        actual=row.actual,
        qualitative_label=row.qualitative_label or None,
        qualitative_score=row.qualitative_score,
    )


def rubric_rows(
    items: tuple[RubricItemData, ...], scores: dict[int, Decimal | None]
) -> list[scoring.RubricRow]:
    """The 打分表 rows as the engine scores them: hand rows by level 1, deductions sheet-wide."""
    return [
        scoring.DeductionRow(group=None, maximum=item.weight, deduction=scores.get(item.item_id))
        if item.is_deduction
        else scoring.HandRow(group=item.level1, weight=item.weight, score=scores.get(item.item_id))
        for item in items
    ]


def department_scores(data: DepartmentData, context: Context) -> Scores:
    totals = total_row(data)
    typed = {line.item_id: line.score for line in data.rubric}
    outcomes = {}
    for item in context.rubric:
        computed, detail = _computed_item(item, data, context, totals)
        score = scoring.round_score(computed) if computed is not None else typed.get(item.item_id)
        outcomes[item.item_id] = RubricOutcome(item.item_id, computed, detail, score)
    sheet = result = None
    indicator_scores: tuple[Decimal | None, ...] = tuple(None for _row in data.indicators)
    total: Decimal | None = None
    grade = ""
    if context.basis == BASIS_RUBRIC and context.rubric:
        effective = {key: outcome.score for key, outcome in outcomes.items()}
        sheet = scoring.score_sheet(context.policy, rows=rubric_rows(context.rubric, effective))
        total, grade = sheet.total, sheet.grade
    elif context.basis == BASIS_INDICATORS:
        result = scoring.evaluate(
            context.policy,
            executed=totals["expense_total"],
            budget=totals["income_total"],
            rows=[_indicator_input(row) for row in data.indicators],
        )
        indicator_scores = tuple(result.row_scores)
        total, grade = result.total, result.grade
    return Scores(
        total_row=totals,
        figures=_figures(data, context, totals),
        rubric=outcomes,
        indicator_scores=indicator_scores,
        total=total,
        grade=grade,
        sheet=sheet,
        result=result,
    )


def department_compute(data: DepartmentData, context: Context) -> Computed:
    from . import checks

    scores = department_scores(data, context)
    return Computed(scores=scores, findings=checks.check_department(data, context, scores))

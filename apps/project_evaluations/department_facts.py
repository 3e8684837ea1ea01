"""What a department's project self-evaluations of a year say, for its own self-evaluation.

The department self-evaluation (apps.department_evaluations, the line after this app) compares
Σ of its projects' executed amounts with its 项目支出 and computes two 打分表 rows from them
(目标实现 over the projects' 数量指标, 资金结余率 over their balances). Two queries, whatever the
number of projects and rows.
"""

from dataclasses import dataclass
from decimal import Decimal

from .data import read_cell
from .models import KIND, FundingLine, IndicatorRow

QUANTITY = "数量指标"


@dataclass(frozen=True)
class ProjectFigures:
    count: int
    executed: Decimal | None  # Σ 全年执行数 of the 年度资金总额 lines (None: no figure at all)
    budgets: tuple[tuple[Decimal | None, Decimal | None], ...]  # (全年预算数, 全年执行数) each
    quantity_targets: tuple[tuple[str, Decimal | None, Decimal | None], ...]


def project_figures(*, department_id: int, fiscal_year_id: int) -> ProjectFigures:
    """The year's project filings of the department: totals, balances, 数量指标 rows."""
    of_department = {
        "evaluation__filing__kind": KIND,
        "evaluation__filing__department_id": department_id,
        "evaluation__filing__fiscal_year_id": fiscal_year_id,
    }
    totals = list(
        FundingLine.objects.filter(source=FundingLine.Source.TOTAL, **of_department).values_list(
            "adjusted", "executed"
        )
    )
    executed = [amount for _budget, amount in totals if amount is not None]
    rows = IndicatorRow.objects.filter(category__name=QUANTITY, **of_department).values_list(
        "comparator", "target_text", "actual_text"
    )
    return ProjectFigures(
        count=len(totals),
        executed=sum(executed, Decimal(0)) if executed else None,
        budgets=tuple(totals),
        quantity_targets=tuple(
            (comparator, read_cell(target).number, read_cell(actual).number)
            for comparator, target, actual in rows
        ),
    )

"""Evaluations that pass every check, for tests of what happens after saving."""

from decimal import Decimal

from apps.budgets.models import Project
from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.services import evaluation_create, evaluation_save


def valid_data(project: Project) -> EvaluationData:
    """Budget fully spent; one row per standard group, each meeting its target; weights 100."""
    level2 = {
        c.name: c.pk
        for c in IndicatorCategory.objects.filter(
            bureau=project.department.bureau, framework=Framework.PROJECT, level=2
        )
    }
    budget = project.adjusted_budget

    def row(group: str, name: str, weight: int, target: str = "100", actual: str = "100"):
        return RowData(
            category_id=level2[group],
            name=name,
            comparator="≥",
            target_text=target,
            unit="%",
            actual_text=actual,
            weight=Decimal(weight),
        )

    return EvaluationData(
        goal_expected="完成年度信访工作任务。",
        goal_actual="已完成。",
        funding=(
            FundingData("total", budget, budget, budget),
            FundingData("fiscal", budget, budget, budget),
        ),
        rows=(
            row("数量指标", "信访事项受理率", 30),
            row("质量指标", "按期办结率", 20),
            row("社会效益指标", "群众诉求解决率", 30),
            row("服务对象满意度指标", "群众满意度", 10, "95", "98"),
        ),
    )


def valid_filing(project: Project, by=None) -> Filing:
    """A saved project evaluation with no errors, ready to submit."""
    filing = Filing.objects.filter(project=project).first() or evaluation_create(
        project=project, by=by
    )
    return evaluation_save(
        filing=filing, by=by, base_version=filing.version, data=valid_data(project)
    ).filing

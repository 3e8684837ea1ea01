"""Fixtures: a valid filing, transitions whose on-commit signal runs, emails."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from apps.budgets.models import Project
from apps.evaluations.data import EvaluationData, FundingData, RowData
from apps.evaluations.models import Filing
from apps.evaluations.services import evaluation_create, evaluation_save
from apps.evaluations.workflow import filing_transition
from apps.indicators.models import IndicatorCategory


@pytest.fixture
def with_emails(world):
    """Every person of the world has an email address."""
    for name in (
        "filer_a1",
        "head_a1",
        "filer_a2",
        "filer_b1",
        "reviewer_a",
        "reviewer_b",
        "admin_a",
        "admin_b",
    ):
        user = getattr(world, name)
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return world


def valid_filing(project: Project) -> Filing:
    """A saved project self-evaluation without errors: ready to submit."""
    filing = evaluation_create(project=project, by=None)
    level2 = {
        c.name: c.pk
        for c in IndicatorCategory.objects.filter(bureau=project.department.bureau, level=2)
    }
    budget = project.adjusted_budget

    def row(group: str, name: str, weight: int) -> RowData:
        return RowData(
            category_id=level2[group],
            name=name,
            comparator="≥",
            target_text="100",
            unit="%",
            actual_text="100",
            weight=Decimal(weight),
        )

    data = EvaluationData(
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
            row("服务对象满意度指标", "群众满意度", 10),
        ),
    )
    return evaluation_save(filing=filing, by=None, base_version=filing.version, data=data).filing


@pytest.fixture
def filing(world) -> Filing:
    return valid_filing(world.project_a1)


Act = Callable[..., Filing]


@pytest.fixture
def act(django_capture_on_commit_callbacks) -> Act:
    """Take an action on a filing and run what its commit schedules (the notifications)."""

    def act(filing: Filing, action: str, by, reason: str = "") -> Filing:
        with django_capture_on_commit_callbacks(execute=True):
            return filing_transition(filing=filing, action=action, by=by, reason=reason)

    return act

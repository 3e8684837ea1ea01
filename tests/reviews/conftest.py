"""Submitted filings to review: valid self-evaluations filed and submitted by their filers."""

from dataclasses import replace
from decimal import Decimal

import pytest

from apps.accounts.models import DepartmentMembership, User
from apps.budgets.models import Project
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.indicators.models import Framework, IndicatorCategory
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.services import evaluation_create, evaluation_data_of, evaluation_save
from tests import factories
from tests.conftest import World

# (level-2 indicator, name, target, unit, actual, weight, 偏差原因); every row is ≥.
# Execution 95,000 of 100,000 元: 9.5; rows 30 + 18 (20 × 81 ÷ 90) + 30 + 10; total 97.5, 优.
ROWS = (
    ("数量指标", "接待群众来访", "100", "人次", "100", Decimal(30), ""),
    ("质量指标", "信访事项按期办结率", "90", "%", "81", Decimal(20), "部分事项跨年办理"),
    ("社会效益指标", "化解信访积案", "90", "%", "95", Decimal(30), ""),
    ("服务对象满意度指标", "群众满意度", "90", "%", "92", Decimal(10), ""),
)
TOTAL = Decimal("97.50")


def filer_for(project: Project) -> User:
    """A filer of the project's department (made if the department has none)."""
    membership = (
        DepartmentMembership.objects.filter(
            department=project.department, role=DepartmentMembership.Role.FILER
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else factories.filer_of(project.department)


def valid_data(
    project: Project, *, not_applicable: str = "", not_applicable_reason: str = ""
) -> EvaluationData:
    """A self-evaluation with no findings; the row named `not_applicable` is proposed 不适用."""
    categories = {
        c.name: c.pk
        for c in IndicatorCategory.objects.filter(
            bureau=project.department.bureau, framework=Framework.PROJECT, level=2
        )
    }
    return EvaluationData(
        goal_expected="全年接待群众来访100人次，化解信访积案。",
        goal_actual="全年接待群众来访100人次，化解积案95%。",
        funding=(
            FundingData("total", Decimal(100000), Decimal(100000), Decimal(95000)),
            FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(95000)),
        ),
        rows=tuple(
            RowData(
                category_id=categories[level2],
                name=name,
                comparator="≥",
                target_text=target,
                unit=unit,
                actual_text=actual,
                weight=weight,
                deviation_reason=reason,
                not_applicable=name == not_applicable,
                not_applicable_reason=not_applicable_reason if name == not_applicable else "",
            )
            for level2, name, target, unit, actual, weight, reason in ROWS
        ),
    )


def submitted_filing(world: World, project: Project | None = None, **data_options) -> Filing:
    """The project's self-evaluation, filled without errors and submitted by its filer."""
    project = project or world.project_a1
    filer = filer_for(project)
    filing = Filing.objects.filter(project=project).first() or evaluation_create(
        project=project, by=filer
    )
    if filing.status in (Filing.Status.DRAFT, Filing.Status.RETURNED):
        saved = evaluation_save(
            filing=filing,
            by=filer,
            base_version=filing.version,
            data=valid_data(project, **data_options),
        )
        assert saved.filing.error_count == 0, saved.computed.findings
        filing_transition(filing=saved.filing, action=Action.SUBMIT, by=filer)
    return Filing.objects.select_related("fiscal_year", "department", "project").get(pk=filing.pk)


def resubmitted(filing: Filing, *, row: str, **cells) -> Filing:
    """The returned filing with cells of the row named `row` changed, submitted again."""
    filer = filer_for(filing.project)
    filing.refresh_from_db()
    data = evaluation_data_of(filing.project_evaluation)
    rows = tuple(replace(r, **cells) if r.name == row else r for r in data.rows)
    saved = evaluation_save(
        filing=filing, by=filer, base_version=filing.version, data=replace(data, rows=rows)
    )
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=filer)
    filing.refresh_from_db()
    return filing


def row_ids(filing: Filing) -> dict[str, int]:
    """IndicatorRow ids by row name."""
    return {row.name: row.pk for row in filing.project_evaluation.rows.all()}


def row_keys(filing: Filing) -> dict[str, str]:
    """The review sheet's row keys by row name, as the services and RowReview take them.

    Indicator row 12 is "row:12"; its review inputs are still posted as "row-12-score" …
    """
    return {name: f"row:{pk}" for name, pk in row_ids(filing).items()}


@pytest.fixture
def filing(world) -> Filing:
    """Project A1's self-evaluation, submitted to bureau A."""
    return submitted_filing(world)


@pytest.fixture
def second_reviewer(world) -> User:
    return factories.reviewer_of(world.bureau_a)

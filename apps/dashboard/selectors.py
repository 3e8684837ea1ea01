"""Reads for the bureau's dashboard: a fixed number of queries, however many filings."""

from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet

from apps.budgets.models import FiscalYear, Project
from apps.filings.kinds import registered, shown_kind
from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.indicators.scoring import ScoringPolicy as EnginePolicy
from apps.organizations.models import Department

from . import aggregation as agg
from .rows import Dashboard, DepartmentRow, FilingItem


def departments_of(*, fiscal_year: FiscalYear) -> QuerySet[Department]:
    """The departments of the year's bureau, with their parents, by budget code."""
    return (
        Department.objects.filter(bureau_id=fiscal_year.bureau_id)
        .select_related("parent")
        .order_by("budget_code")
    )


def filings_of(*, fiscal_year: FiscalYear) -> QuerySet[Filing]:
    """The year's filings with their project, in one query (review_score is a column)."""
    return (
        Filing.objects.filter(fiscal_year=fiscal_year)
        .select_related("project")
        .order_by("department_id", "kind", "project__code", "pk")
    )


def unfiled_projects_of(*, fiscal_year: FiscalYear) -> QuerySet[Project]:
    """The year's projects whose self-evaluation has not been started."""
    # NOT EXISTS along the filing's unique project index, not an outer join of every filing.
    filed = Filing.objects.filter(project=OuterRef("pk"))
    return (
        Project.objects.filter(fiscal_year=fiscal_year)
        .filter(~Exists(filed))
        .order_by("department_id", "code")
    )


def execution_weight_of(
    *, fiscal_year: FiscalYear, framework: Framework = Framework.PROJECT
) -> Decimal:
    """The year's weight of the execution rate, or the national default without a policy."""
    weight = (
        ScoringPolicy.objects.filter(fiscal_year=fiscal_year, framework=framework)
        .values_list("execution_weight", flat=True)
        .first()
    )
    return weight if weight is not None else EnginePolicy().execution_weight


def filing_item(filing: Filing, department: Department, execution_weight: Decimal) -> FilingItem:
    """A filing as the dashboard lists it, with its share check against the execution rate."""
    kind = shown_kind(filing.kind)
    return FilingItem(
        department=department,
        name=kind.display_name(filing),
        code=filing.project.code if filing.project is not None else "",
        kind_label=str(kind.label),
        state=agg.filing_state(filing.status),
        status_label=filing.get_status_display(),
        project_id=filing.project_id,
        filing_id=filing.pk,
        self_score=filing.total_score,
        grade=filing.grade,
        review_score=filing.review_score,
        execution_rate=filing.execution_rate,
        check=agg.share_check(
            total=filing.total_score,
            rate=filing.execution_rate,
            execution_weight=execution_weight,
        ),
    )


def unfiled_item(project: Project, department: Department) -> FilingItem:
    """A project whose self-evaluation has not been started: it waits for the kind filed once
    per project."""
    project_kind = next((str(k.label) for k in registered() if k.per_project), "")
    return FilingItem(
        department=department,
        name=project.name,
        code=project.code,
        kind_label=project_kind,
        state=agg.NOT_STARTED,
        project_id=project.pk,
    )


def dashboard_of(*, fiscal_year: FiscalYear) -> Dashboard:
    """The dashboard's whole lists, for the Excel downloads: four queries, every row."""
    execution_weight = execution_weight_of(fiscal_year=fiscal_year, framework=Framework.PROJECT)
    rows = {
        department.pk: DepartmentRow(department=department)
        for department in departments_of(fiscal_year=fiscal_year)
    }
    for filing in filings_of(fiscal_year=fiscal_year):
        if (row := rows.get(filing.department_id)) is not None:
            row.items.append(filing_item(filing, row.department, execution_weight))
    for project in unfiled_projects_of(fiscal_year=fiscal_year):
        if (row := rows.get(project.department_id)) is not None:
            row.items.append(unfiled_item(project, row.department))
    for row in rows.values():
        # The department's own filing first, then its projects by code, filed or not.
        row.items.sort(key=lambda item: (item.project_id is not None, item.code))
    return Dashboard(
        fiscal_year=fiscal_year, execution_weight=execution_weight, departments=list(rows.values())
    )

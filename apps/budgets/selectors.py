"""Reads for pages: fiscal years, projects and the per-department overview."""

from django.db.models import Count, Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import bureaus_of
from apps.organizations.models import Department

from .models import FiscalYear, Project


def fiscal_years_for(user: User) -> QuerySet[FiscalYear]:
    """The fiscal years of the bureaus a user works in or files to, newest first."""
    return (
        FiscalYear.objects.filter(bureau__in=bureaus_of(user))
        .select_related("bureau")
        .order_by("-year", "bureau__region_code")
    )


def default_fiscal_year(years: list[FiscalYear]) -> FiscalYear | None:
    """The year open for filing, else the newest."""
    for year in years:
        if year.status == FiscalYear.Status.OPEN:
            return year
    return years[0] if years else None


def projects_for(*, department: Department, fiscal_year: FiscalYear | None) -> QuerySet[Project]:
    """A department's projects in a fiscal year."""
    if fiscal_year is None:
        return Project.objects.none()
    return Project.objects.filter(department=department, fiscal_year=fiscal_year).order_by("code")


# The five states a bureau follows filings by (DESIGN §7 folded for the overview).
OVERVIEW_STATES = {
    "draft": ("draft",),
    "submitted": ("head_review", "submitted", "in_review"),
    "returned": ("returned",),
    "approved": ("approved", "published"),
}


def department_overview(*, fiscal_year: FiscalYear) -> QuerySet[Department]:
    """The bureau's departments of a year with project counts per filing state, in one query."""
    in_year = Q(projects__fiscal_year=fiscal_year)
    counts = {
        f"{state}_count": Count(
            "projects", filter=in_year & Q(projects__filing__status__in=statuses)
        )
        for state, statuses in OVERVIEW_STATES.items()
    }
    return (
        Department.objects.filter(bureau_id=fiscal_year.bureau_id)
        .select_related("parent")
        .annotate(
            project_count=Count("projects", filter=in_year),
            not_started_count=Count("projects", filter=in_year & Q(projects__filing__isnull=True)),
            **counts,
        )
        .order_by("budget_code")
    )

"""Reads for pages: fiscal years, projects and the per-department overview."""

from typing import Any

from django.core.paginator import Page, Paginator
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


OVERVIEW_PAGE_SIZE = 50

# The five states a bureau follows filings by (DESIGN §7 folded for the overview).
OVERVIEW_STATES = {
    "draft": ("draft",),
    "submitted": ("head_review", "submitted", "in_review"),
    "returned": ("returned",),
    "approved": ("approved", "published"),
}


def department_overview(*, fiscal_year: FiscalYear, page: Any = None) -> Page:
    """One page of the bureau's departments of a year, by budget code, each with its project
    counts per filing state: the page first, then the counts of its departments only, so a
    city's thousands of departments cost what a county's do."""
    departments = (
        Department.objects.filter(bureau_id=fiscal_year.bureau_id)
        .select_related("parent")
        .order_by("budget_code")
    )
    shown = Paginator(departments, OVERVIEW_PAGE_SIZE).get_page(page)
    in_year = Q(projects__fiscal_year=fiscal_year)
    counts = {
        f"{state}_count": Count(
            "projects", filter=in_year & Q(projects__filing__status__in=statuses)
        )
        for state, statuses in OVERVIEW_STATES.items()
    }
    counted = (
        Department.objects.filter(pk__in=[d.pk for d in shown])
        .annotate(
            project_count=Count("projects", filter=in_year),
            not_started_count=Count("projects", filter=in_year & Q(projects__filing__isnull=True)),
            **counts,
        )
        .values("pk", "project_count", "not_started_count", *counts)
    )
    by_pk = {row.pop("pk"): row for row in counted}
    for department in shown:
        for name, value in by_pk[department.pk].items():
            setattr(department, name, value)
    return shown

"""The finance bureau's dashboard of the current fiscal year, and its lists as Excel files."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.resources import Resource

from apps.accounts.http import AuthenticatedHttpRequest
from apps.budgets.context_processors import current_fiscal_year
from apps.budgets.models import FiscalYear
from apps.exchange.download import xlsx_response
from apps.exchange.resources import (
    DepartmentStateResource,
    NotStartedResource,
    ScoreResource,
    export_dataset,
    xlsx_bytes,
)

from .overview import overview_of
from .permissions import can_view_dashboard
from .rows import Dashboard
from .selectors import dashboard_of


@dataclass(frozen=True)
class ExportTable:
    """One list of the dashboard that downloads as a workbook."""

    resource: type[Resource]
    rows: Callable[[Dashboard], Iterable[Any]]
    title: Promise


EXPORT_TABLES: dict[str, ExportTable] = {
    "departments": ExportTable(
        DepartmentStateResource, lambda d: d.departments, gettext_lazy("Filing states")
    ),
    "not-started": ExportTable(
        NotStartedResource, lambda d: d.not_started, gettext_lazy("Departments not started")
    ),
    "scores": ExportTable(
        ScoreResource, lambda d: d.scored, gettext_lazy("Scores and execution rates")
    ),
}


def _year_or_403(request: AuthenticatedHttpRequest) -> FiscalYear:
    year, _years = current_fiscal_year(request)
    allowed, reason = can_view_dashboard(request.user, year)
    if not allowed or year is None:
        raise PermissionDenied(reason)
    return year


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Filing states per department, who has not started, scores, warnings and review gaps:
    counts for the whole year, lists a page at a time."""
    year = _year_or_403(request)
    dashboard = overview_of(fiscal_year=year, pages=request.GET)
    context = {
        "dashboard": dashboard,
        "chart_data": dashboard.chart_data(),
        "export_tables": [(key, str(table.title)) for key, table in EXPORT_TABLES.items()],
        "pager_queries": {param: _query_without(request, param) for param in PAGE_PARAMS},
    }
    return render(request, "dashboard/index.html", context)


# The page number of each list: departments, departments not started, scores.
PAGE_PARAMS = ("page", "waiting", "scores")


def _query_without(request: AuthenticatedHttpRequest, param: str) -> str:
    """The request's query string without one list's page number, for that list's links."""
    query = request.GET.copy()
    query.pop(param, None)
    return query.urlencode()


@login_required
def export(request: AuthenticatedHttpRequest, table: str) -> HttpResponse:
    """One of the dashboard's lists as an .xlsx workbook named after the bureau and year."""
    year = _year_or_403(request)
    spec = EXPORT_TABLES.get(table)
    if spec is None:
        raise Http404(_("There is no such list."))
    dashboard = dashboard_of(fiscal_year=year)
    title = str(spec.title)
    dataset = export_dataset(spec.resource(), spec.rows(dashboard), title=title)
    filename = _("%(bureau)s %(year)s %(title)s.xlsx") % {
        "bureau": year.bureau.name,
        "year": year.year,
        "title": title,
    }
    return xlsx_response(
        xlsx_bytes(dataset), filename=filename, fallback=f"dashboard-{year.year}-{table}.xlsx"
    )

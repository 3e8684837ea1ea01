"""The reviewers' queue: the bureau's filings awaiting review, and approving them in bulk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.http import AuthenticatedHttpRequest
from apps.budgets.context_processors import current_fiscal_year
from apps.budgets.models import FiscalYear
from apps.exchange.download import xlsx_response
from apps.exchange.resources import (
    QueueResource,
    ReviewSummaryResource,
    export_dataset,
    xlsx_bytes,
)
from apps.organizations.models import Department, FinanceBureau

from .. import selectors
from ..exports import queue_rows
from ..forms import ANY, QueueFilterForm
from ..permissions import can_use_queue, reviewing_bureau_ids
from ..queue_html import queue_rows_html
from ..selectors import QueueFilters
from ..services import reviews_bulk_approve

QUEUE_PAGE_SIZE = 50


def _bureau_ids(request: AuthenticatedHttpRequest) -> set[int]:
    if request.user.is_superuser:
        return set(FinanceBureau.objects.values_list("pk", flat=True))
    return reviewing_bureau_ids(request.user)


def _chosen_department(value: str, bureau_ids: set[int]) -> list[Department]:
    """The department the request filters by, if it is one of the bureaus': the filter's only
    choice besides all. A city has thousands of departments: they are not all listed; one is
    chosen from the queue's rows (its name links to its filings) or found by the search."""
    if not value.isdigit():
        return []
    return list(Department.objects.filter(bureau_id__in=bureau_ids, pk=int(value)))


def _queue_form(request: AuthenticatedHttpRequest) -> tuple[QueueFilterForm, QueryDict]:
    """The queue's filters as the request gives them (the current year when it names none)."""
    allowed, reason = can_use_queue(request.user)
    if not allowed:
        raise PermissionDenied(reason)
    bureau_ids = _bureau_ids(request)
    current, years = current_fiscal_year(request)
    years = [year for year in years if year.bureau_id in bureau_ids]
    data = request.GET.copy()
    if "fiscal_year" not in data:
        data["fiscal_year"] = str(current.pk) if current in years and current else ANY
    form = QueueFilterForm(
        data,
        years=years,
        departments=_chosen_department(data.get("department", ""), bureau_ids),
        reviewers=list(selectors.reviewers_of_bureaus(bureau_ids=bureau_ids)),
    )
    return form, data


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bureau's filings awaiting review (by default), filtered and searched."""
    form, data = _queue_form(request)
    filings = selectors.review_queue(user=request.user, filters=form.filters(request.user))
    page = Paginator(filings, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/queue.html",
        {
            "form": form,
            "page": page,
            "rows_html": queue_rows_html(page),
            "query": query.urlencode(),
        },
    )


def _year_name(filters: QueueFilters) -> str:
    """The fiscal year the list is of, for the file name ("" when it spans years)."""
    if filters.fiscal_year is None:
        return ""
    year = FiscalYear.objects.filter(pk=filters.fiscal_year).select_related("bureau").first()
    return f"{year.bureau.name} {year}" if year else ""


def _download(resource, rows, *, title: str, name: str, fallback: str) -> HttpResponse:
    dataset = export_dataset(resource, rows, title=title)
    return xlsx_response(xlsx_bytes(dataset), filename=name, fallback=fallback)


@login_required
def queue_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The queue as filtered, every page of it, as an .xlsx workbook."""
    form, _data = _queue_form(request)
    filters = form.filters(request.user)
    filings = selectors.review_queue(user=request.user, filters=filters)
    title = _("Review queue")
    year = _year_name(filters)
    return _download(
        QueueResource(),
        queue_rows(filings),
        title=title,
        name=f"{year} {title}.xlsx" if year else f"{title}.xlsx",
        fallback="review-queue.xlsx",
    )


@login_required
def summary_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The year's review summary: every filing of the chosen year, whatever its state."""
    form, _data = _queue_form(request)
    chosen = form.filters(request.user)
    if chosen.fiscal_year is None:
        messages.warning(request, _("Choose a fiscal year for the review summary."))
        return redirect("reviews:queue")
    filters = QueueFilters(fiscal_year=chosen.fiscal_year, statuses=())
    filings = selectors.review_queue(user=request.user, filters=filters).order_by(
        "department__budget_code", "kind", "project__code", "pk"
    )
    title = _("Review summary")
    return _download(
        ReviewSummaryResource(),
        queue_rows(filings),
        title=title,
        name=f"{_year_name(chosen)} {title}.xlsx",
        fallback="review-summary.xlsx",
    )


def _back_to_queue(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("reviews:queue")


@login_required
def bulk_approve(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Approve the filings ticked in the queue; say which were refused and why."""
    allowed, reason = can_use_queue(request.user)
    if not allowed:
        raise PermissionDenied(reason)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids = {int(value) for value in request.POST.getlist("filing") if value.isdigit()}
    if not ids:
        messages.warning(request, _("Tick the filings to approve first."))
        return redirect(_back_to_queue(request))
    filings = list(selectors.filings_for_reviewer(user=request.user, ids=ids))
    approved, refused = reviews_bulk_approve(filings=filings, by=request.user)
    if approved:
        messages.success(
            request,
            ngettext(
                "%(count)d filing was approved.", "%(count)d filings were approved.", len(approved)
            )
            % {"count": len(approved)},
        )
    for filing, refusal in refused:
        messages.error(
            request,
            _("%(filing)s was not approved: %(reason)s") % {"filing": filing, "reason": refusal},
        )
    return redirect(_back_to_queue(request))

"""Start the department's filing, show and save its form, compute it live without saving."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.accounts.permissions import can_view_department
from apps.budgets.context_processors import current_fiscal_year
from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.filings.page_findings import (
    refused_save_message,
    refused_save_reason,
    shows_all_findings,
)
from apps.filings.permissions import can_edit_filing, can_start_filing
from apps.filings.views import filing_or_404
from apps.indicators.models import ScoringPolicy
from apps.organizations.models import Department

from .. import selectors
from ..compute import department_compute
from ..data import Context
from ..forms import FormState, state_from_data, state_from_post
from ..layout import department_layout
from ..models import KIND
from ..parse import parse_state
from ..services import ConflictError, department_create, department_save
from ..shown import Shown, keep_hidden, shown
from .form import computed_json, levels_of, render_form


def _department_or_404(request: AuthenticatedHttpRequest, department_pk: int) -> Department:
    department = get_object_or_404(Department.objects.select_related("bureau"), pk=department_pk)
    allowed, reason = can_view_department(request.user, department)
    if not allowed:
        raise PermissionDenied(reason)
    return department


def _year_of(request: AuthenticatedHttpRequest, department: Department):
    year, _years = current_fiscal_year(request)
    if year is None or year.bureau_id != department.bureau_id:
        raise Http404(_("Choose a fiscal year of this department's finance bureau."))
    return year


@login_required
def department_evaluation(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """The department's self-evaluation of the current year, or how to start it."""
    department = _department_or_404(request, department_pk)
    year = _year_of(request, department)
    filing = Filing.objects.filter(
        kind=KIND, department=department, fiscal_year=year, project__isnull=True
    ).first()
    if filing is not None:
        return redirect("filings:page", filing_pk=filing.pk)
    allowed, reason = can_start_filing(request.user, department, year)
    return render(
        request,
        "department_evaluations/start.html",
        {"department": department, "year": year, "can_start": allowed, "refusal": reason},
    )


@login_required
def department_start(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """Create the department's self-evaluation of the current year."""
    department = _department_or_404(request, department_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    year = _year_of(request, department)
    allowed, reason = can_start_filing(request.user, department, year)
    if not allowed:
        raise PermissionDenied(reason)
    try:
        department_create(department=department, fiscal_year=year, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("department_evaluations:department_evaluation", department_pk=department.pk)


def _posted(
    request: AuthenticatedHttpRequest, filing: Filing, policy: ScoringPolicy, context: Context
) -> tuple[FormState, Shown]:
    """What the page posted, with the stored cells of what the bureau's layout leaves out."""
    seen = shown(department_layout(policy), context.basis)
    posted = state_from_post(request.POST, context, seen.columns)
    if posted.problem:
        return posted, seen
    data = selectors.data_of(selectors.evaluation_of(filing))
    stored = state_from_data(data, version=posted.version, unit=policy.amount_unit)
    return keep_hidden(posted, stored, seen), seen


def department_page(request: AuthenticatedHttpRequest, filing: Filing) -> HttpResponse:
    """The filing's 部门整体支出绩效自评 (the kind's page; the caller checked it may be seen)."""
    filing = selectors.with_detail(filing)
    # Read by the form's data-show-all: the page's script hides what the filer has not touched.
    filing.shows_all_findings = shows_all_findings(request, filing)  # type: ignore[attr-defined]
    policy = selectors.department_policy(filing)
    context = selectors.context_of(filing, policy)
    levels, tree = levels_of(filing.fiscal_year.bureau_id)
    again = partial(
        render_form,
        request,
        filing=filing,
        policy=policy,
        context=context,
        levels=levels,
        tree=tree,
    )
    if request.method != "POST":
        data = selectors.data_of(selectors.evaluation_of(filing))
        state = state_from_data(data, version=filing.version, unit=policy.amount_unit)
        return again(state=state, data=data, errors={})
    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    state, seen = _posted(request, filing, policy, context)
    if state.problem:
        return HttpResponse(state.problem, status=400)
    parsed = parse_state(state, context, levels)
    if parsed.errors:
        computed = department_compute(parsed.data, context)
        errors = computed_json(parsed.data, context, computed, parsed.errors, seen)["errors"]
        messages.error(request, refused_save_message(errors=errors, unreadable=len(parsed.errors)))
        return again(state=state, data=parsed.data, errors=parsed.errors, status=400)
    try:
        department_save(
            filing=filing,
            by=request.user,
            base_version=state.version,
            data=parsed.data,
            policy=policy,
        )
    except ConflictError as error:
        state.version = error.extra["filing"].version
        return again(
            state=state, data=parsed.data, errors={}, conflict=error.extra["changes"], status=409
        )
    except ApplicationError as error:
        messages.error(request, refused_save_reason(error.message))
        return again(state=state, data=parsed.data, errors={}, status=400)
    messages.success(request, _("The self-evaluation was saved."))
    return redirect("filings:page", filing_pk=filing.pk)


@login_required
def compute_view(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """Totals, computed figures and rows, score, grade and findings of the page's values."""
    filing = filing_or_404(request, filing_pk)
    if filing.kind != KIND:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    filing = selectors.with_detail(filing)
    policy = selectors.department_policy(filing)
    context = selectors.context_of(filing, policy)
    levels, _tree = levels_of(filing.fiscal_year.bureau_id)
    state, seen = _posted(request, filing, policy, context)
    if state.problem:
        return JsonResponse({"findings": [], "errors": 1, "invalid": True}, status=400)
    parsed = parse_state(state, context, levels)
    computed = department_compute(parsed.data, context)
    return JsonResponse(computed_json(parsed.data, context, computed, parsed.errors, seen))

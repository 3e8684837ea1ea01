"""The project self-evaluation page: start, show, save, live computation, indicator library."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.accounts.permissions import can_view_department
from apps.budgets.models import Project
from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.filings.page_findings import (
    refused_save_message,
    refused_save_reason,
    shows_all_findings,
)
from apps.filings.permissions import can_edit_filing, can_start_evaluation
from apps.filings.views import filing_or_404
from apps.indicators.models import Framework

from .. import selectors
from ..forms import parse_state, state_from_data, state_from_post
from ..layout import typed_columns
from ..services import (
    ConflictError,
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
    funding_sources,
)
from .form import _render_form, computed_json


def _project_or_404(request: AuthenticatedHttpRequest, project_pk: int) -> Project:
    try:
        project = selectors.project_for_page(project_pk)
    except Project.DoesNotExist:
        raise Http404 from None
    allowed, reason = can_view_department(request.user, project.department)
    if not allowed:
        raise PermissionDenied(reason)
    return project


def _loaded(filing: Filing) -> Filing:
    """The filing with its evaluation, rows and funding (the page's fixed set of queries)."""
    return selectors.with_rows(filing)


@login_required
def project_evaluation(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """The project's self-evaluation: its filing's page once started, else how to start it."""
    project = _project_or_404(request, project_pk)
    filing = Filing.objects.filter(project=project).first()
    if filing is not None:
        # The address of the project's evaluation before filings had their own.
        if request.method == "POST":
            return evaluation_page(request, filing)
        return redirect("filings:page", filing_pk=filing.pk)
    if request.method == "POST":
        raise PermissionDenied(_("Start the self-evaluation first."))
    allowed, reason = can_start_evaluation(request.user, project)
    library = selectors.project_library(bureau_id=project.department.bureau_id)
    return render(
        request,
        "project_evaluations/start.html",
        {"project": project, "can_start": allowed, "refusal": reason, "library": library},
    )


@login_required
def moved(request: AuthenticatedHttpRequest, project_pk: int, route: str) -> HttpResponse:
    """An address of the project's evaluation from before filings had their own: sent on."""
    project = _project_or_404(request, project_pk)
    filing = Filing.objects.filter(project=project).only("pk").first()
    if filing is None:
        raise Http404(_("This project has no self-evaluation yet."))
    return redirect(route, filing_pk=filing.pk)


def evaluation_page(request: AuthenticatedHttpRequest, filing: Filing) -> HttpResponse:
    """The filing's 项目支出绩效自评表 (the kind's page; the caller checked it may be seen)."""
    filing = _loaded(filing)
    project = filing.project
    if project is None:
        raise Http404
    # Read by the form's data-show-all: the page's script hides what the filer has not touched.
    filing.shows_all_findings = shows_all_findings(request, filing)  # type: ignore[attr-defined]
    policy = selectors.policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT)
    render_again = partial(
        _render_form, request, project=project, filing=filing, policy=policy, categories=categories
    )
    if request.method != "POST":
        data = evaluation_data_of(filing.project_evaluation)
        return render_again(state=state_from_data(data, version=filing.version, policy=policy))
    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    # Funding columns the layout does not show keep what was saved (四川 prints no 年初预算数).
    saved = state_from_data(
        evaluation_data_of(filing.project_evaluation), version=filing.version, policy=policy
    )
    state = state_from_post(
        request.POST, funding_sources(policy), columns=typed_columns(policy), kept=saved
    )
    parsed = parse_state(state, policy=policy, categories=categories)
    if parsed.errors:
        computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
        errors = computed_json(computed, parsed.errors)["errors"]
        messages.error(request, refused_save_message(errors=errors, unreadable=len(parsed.errors)))
        return render_again(state=state, status=400)
    try:
        evaluation_save(
            filing=filing,
            by=request.user,
            base_version=state.version,
            data=parsed.data,
            policy=policy,
        )
    except ConflictError as error:
        current = error.extra["filing"]
        # The typed values stay in the page; saving again knowingly overwrites.
        state.version = current.version
        return render_again(state=state, conflict=error.extra["changes"], status=409)
    except ApplicationError as error:
        messages.error(request, refused_save_reason(error.message))
        return render_again(state=state, status=400)
    messages.success(request, _("The self-evaluation was saved."))
    return redirect("filings:page", filing_pk=filing.pk)


@login_required
def evaluation_compute_view(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """Scores, total, grade and findings of the values in the page, without saving them."""
    filing = filing_or_404(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    policy = selectors.policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT)
    state = state_from_post(request.POST, funding_sources(policy), columns=typed_columns(policy))
    parsed = parse_state(state, policy=policy, categories=categories)
    if len(parsed.data.rows) != len(state.rows):
        return JsonResponse({"findings": [], "errors": 1, "invalid": True}, status=400)
    computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
    payload = computed_json(computed, parsed.errors)
    # A sentence typed as a target with no sign makes a 定性 row: the page switches it too.
    payload["comparators"] = [row.comparator for row in parsed.data.rows]
    return JsonResponse(payload)


@login_required
def evaluation_start(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """Create the project's self-evaluation: blank, from last year's, or from library rows."""
    project = _project_or_404(request, project_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    allowed, reason = can_start_evaluation(request.user, project)
    if not allowed:
        raise PermissionDenied(reason)
    start = request.POST.get("start", "blank")
    library_ids = [int(v) for v in request.POST.getlist("library") if v.isdigit()]
    try:
        evaluation_create(project=project, by=request.user, start=start, library_ids=library_ids)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("project_evaluations:project_evaluation", project_pk=project.pk)


@login_required
def library_view(request: AuthenticatedHttpRequest, project_pk: int) -> JsonResponse:
    """The bureau's library indicators matching ?q=, for picking rows into the table."""
    project = _project_or_404(request, project_pk)
    items = selectors.library_search(
        bureau_id=project.department.bureau_id, query=request.GET.get("q", "")
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": item.pk,
                    "category": item.category_id,
                    "level1": item.category.parent.name if item.category.parent else "",
                    "level2": item.category.name,
                    "name": item.name,
                    "comparator": item.comparator,
                    "target": item.target,
                    "unit": item.unit,
                }
                for item in items
            ]
        }
    )

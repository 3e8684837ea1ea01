"""The project self-evaluation page: start, show, save, live computation, indicator library."""

from decimal import Decimal
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
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory, LibraryIndicator, ScoringPolicy
from apps.reviews.selectors import return_notice_for_filer, row_comments_for_filer

from . import selectors
from .data import FUNDING_COLUMNS
from .evidence_views import evidence_context
from .forms import ROW_INPUTS, FormState, parse_state, state_from_data, state_from_post
from .history import filing_timeline
from .models import Filing, FundingLine
from .permissions import can_edit_filing, can_start_evaluation
from .post_shape import is_id
from .services import (
    ConflictError,
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
    funding_sources,
)
from .workflow import (
    ACTION_LABELS,
    REVIEW_ACTIONS,
    TRANSITIONS,
    available_actions,
    filing_transition,
)


def _project_or_404(request: AuthenticatedHttpRequest, project_pk: int) -> Project:
    try:
        project = selectors.project_for_page(project_pk)
    except Project.DoesNotExist:
        raise Http404 from None
    allowed, reason = can_view_department(request.user, project.department)
    if not allowed:
        raise PermissionDenied(reason)
    return project


def _filing_or_404(project: Project) -> Filing:
    filing = selectors.filing_of(project)
    if filing is None:
        raise Http404(_("This project has no self-evaluation yet."))
    return filing


def _shown(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{scoring.round_score(rate * 100):.2f}%"


def _computed_json(computed, extra_errors: dict[str, str]) -> dict:
    result = computed.result
    # A cell the form could not take is left blank for the checks: say only why it was refused.
    findings = [
        {"severity": "error", "field": cell, "message": message}
        for cell, message in extra_errors.items()
    ] + [
        {"severity": f.severity, "field": f.field, "message": f.message}
        for f in computed.findings
        if f.field not in extra_errors
    ]
    errors = sum(1 for f in findings if f["severity"] == "error")
    return {
        "execution_rate": _percent(result.execution_rate),
        "execution_score": _shown(result.execution_score),
        "rows": [None if score is None else _shown(score) for score in result.row_scores],
        "groups": {name: _shown(value) for name, value in result.group_subtotals.items()},
        "total": _shown(result.total),
        "grade": result.grade,
        "findings": findings,
        "errors": errors,
        "warnings": len(findings) - errors,
    }


def _level_tree(categories: dict[int, IndicatorCategory]) -> list[tuple[IndicatorCategory, list]]:
    level1 = sorted((c for c in categories.values() if c.level == 1), key=lambda c: c.position)
    return [
        (
            parent,
            sorted(
                (c for c in categories.values() if c.parent_id == parent.pk),
                key=lambda c: c.position,
            ),
        )
        for parent in level1
    ]


def _render_form(
    request: AuthenticatedHttpRequest,
    *,
    project: Project,
    filing: Filing,
    policy: ScoringPolicy,
    categories: dict[int, IndicatorCategory],
    state: FormState,
    conflict=None,
    status: int = 200,
) -> HttpResponse:
    parsed = parse_state(state, policy=policy, categories=categories)
    computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
    payload = _computed_json(computed, parsed.errors)
    by_cell: dict[str, list[dict]] = {}
    for finding in payload["findings"]:
        by_cell.setdefault(finding["field"], []).append(finding)
    rows = []
    for index, cells in enumerate(state.rows):
        category = categories.get(int(cells["category"])) if is_id(cells["category"]) else None
        prefix = f"row-{index}."
        rows.append(
            {
                "index": index,
                "cells": cells,
                "category": category,
                "score": payload["rows"][index] if index < len(payload["rows"]) else "",
                "findings": {
                    key.removeprefix(prefix): items
                    for key, items in by_cell.items()
                    if key.startswith(prefix)
                },
            }
        )
    allowed, reason = can_edit_filing(request.user, filing)
    source_labels = dict(FundingLine.Source.choices)
    column_labels = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
    context = {
        "project": project,
        "filing": filing,
        "policy": policy,
        "state": state,
        "rows": rows,
        "funding_rows": [
            {
                "source": source,
                "label": source_labels[source],
                "columns": [
                    {
                        "name": column,
                        "label": column_labels[column],
                        "value": state.funding.get(source, {}).get(column, ""),
                        "findings": by_cell.get(f"funding.{source}.{column}", []),
                    }
                    for column in FUNDING_COLUMNS
                ],
            }
            for source in funding_sources(policy)
        ],
        "blank_row": {
            "index": "__i__",
            "cells": dict.fromkeys(ROW_INPUTS, ""),
            "category": None,
            "score": "",
            "findings": {},
        },
        "computed": payload,
        "table_findings": [f for f in payload["findings"] if not f["field"].startswith("row-")],
        "by_cell": by_cell,
        "level_tree": _level_tree(categories),
        "comparators": scoring.COMPARATORS,
        "qualitative_labels": scoring.QUALITATIVE_LABELS,
        "can_edit": allowed,
        "edit_refusal": reason,
        "actions": [
            {
                "name": action,
                "label": ACTION_LABELS[action],
                "needs_reason": TRANSITIONS[action].needs_reason,
            }
            for action in available_actions(request.user, filing)
            # Reviewers decide on the review page, where the review goes with the decision.
            if action not in REVIEW_ACTIONS
        ],
        "conflict": conflict,
        **evidence_context(filing=filing, user=request.user, can_edit=allowed),
        "review_comments": row_comments_for_filer(filing),
        "return_notice": return_notice_for_filer(filing),
    }
    return render(request, "evaluations/project_form.html", context, status=status)


@login_required
def evaluation_page(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """Show the project's self-evaluation (or how to start it); save it on POST."""
    project = _project_or_404(request, project_pk)
    filing = selectors.filing_of(project)
    if filing is None:
        if request.method == "POST":
            raise PermissionDenied(_("Start the self-evaluation first."))
        allowed, reason = can_start_evaluation(request.user, project)
        library = LibraryIndicator.objects.filter(
            category__bureau_id=project.department.bureau_id
        ).select_related("category__parent")
        return render(
            request,
            "evaluations/start.html",
            {"project": project, "can_start": allowed, "refusal": reason, "library": library},
        )
    policy = selectors.policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id)
    if request.method != "POST":
        data = evaluation_data_of(filing.project_evaluation)
        state = state_from_data(data, version=filing.version, policy=policy)
        return _render_form(
            request,
            project=project,
            filing=filing,
            policy=policy,
            categories=categories,
            state=state,
        )

    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    state = state_from_post(request.POST, funding_sources(policy))
    parsed = parse_state(state, policy=policy, categories=categories)
    render_again = partial(
        _render_form, request, project=project, filing=filing, policy=policy, categories=categories
    )
    if parsed.errors:
        messages.error(request, _("Some cells could not be understood; nothing was saved."))
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
        messages.error(request, error.message)
        return render_again(state=state, status=400)
    messages.success(request, _("The self-evaluation was saved."))
    return redirect("evaluations:project_evaluation", project_pk=project.pk)


@login_required
def evaluation_compute_view(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """Scores, total, grade and findings of the values in the page, without saving them."""
    project = _project_or_404(request, project_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    filing = _filing_or_404(project)
    policy = selectors.policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id)
    state = state_from_post(request.POST, funding_sources(policy))
    parsed = parse_state(state, policy=policy, categories=categories)
    if len(parsed.data.rows) != len(state.rows):
        return JsonResponse({"findings": [], "errors": 1, "invalid": True}, status=400)
    computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
    return JsonResponse(_computed_json(computed, parsed.errors))


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
    return redirect("evaluations:project_evaluation", project_pk=project.pk)


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


@login_required
def evaluation_transition(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """Submit, approve as head, reopen or publish the project's filing (POST action, reason).

    Start review, return and approve are refused by filing_transition: the review page decides.
    """
    project = _project_or_404(request, project_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    filing = _filing_or_404(project)
    try:
        filing_transition(
            filing=filing,
            action=request.POST.get("action", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Done: the filing is now %(status)s.")
            % {"status": Filing.objects.get(pk=filing.pk).get_status_display()},
        )
    return redirect("evaluations:project_evaluation", project_pk=project.pk)


@login_required
def evaluation_history(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """The filing's timeline: who did what when, and which cells each save changed."""
    project = _project_or_404(request, project_pk)
    filing = _filing_or_404(project)
    return render(
        request,
        "evaluations/history.html",
        {"project": project, "filing": filing, "timeline": filing_timeline(filing)},
    )

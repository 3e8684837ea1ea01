"""A filing's pages whatever its kind: its form (the kind's), transitions and history."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.exceptions import ApplicationError

from .history import filing_timeline
from .kinds import kind_of, shown_kind
from .models import Filing
from .parts import submission_blockers
from .permissions import Do, can_act
from .workflow import Action, filing_transition


def filing_or_404(
    request: AuthenticatedHttpRequest, filing_pk: int, action: str = Do.VIEW
) -> Filing:
    """The filing with its year, department and project; 403 unless the user may do `action`."""
    try:
        filing = Filing.objects.select_related(
            "fiscal_year__bureau",
            "department__bureau",
            "project__department__bureau",
            "project__fiscal_year",
            "updated_by",
        ).get(pk=filing_pk)
    except Filing.DoesNotExist:
        raise Http404 from None
    allowed, reason = can_act(request.user, filing, action)
    if not allowed:
        raise PermissionDenied(reason)
    return filing


@login_required
def filing_page(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The filing's form as its kind lays it out: shown on GET, saved on POST."""
    filing = filing_or_404(request, filing_pk)
    try:
        kind = kind_of(filing.kind)
    except LookupError:
        raise Http404(_("No installed application shows this kind of filing.")) from None
    return kind.page(request, filing)


@login_required
def filing_transition_view(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """Submit, withdraw, approve as head, reopen or publish the filing (POST action, reason,
    and a reopening's last day, reopened_until).

    Start review, return and approve are refused by filing_transition: the review page decides.
    """
    filing = filing_or_404(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = request.POST.get("action", "")
    try:
        changed = filing_transition(
            filing=filing,
            action=action,
            by=request.user,
            reason=request.POST.get("reason", ""),
            reopened_until=_reopened_until(request) if action == Action.REOPEN else None,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Done: the filing is now %(status)s.") % {"status": changed.get_status_display()},
        )
        if action == Action.SUBMIT:
            for warning in submission_blockers(changed).warnings:
                messages.warning(request, warning)
    return redirect("filings:page", filing_pk=filing.pk)


def _reopened_until(request: AuthenticatedHttpRequest) -> datetime.date | None:
    """The day a reopening lasts to, as posted; empty means the default."""
    try:
        return forms.DateField(required=False).clean(request.POST.get("reopened_until", ""))
    except forms.ValidationError:
        raise ApplicationError(_("Give the new deadline as a date, such as 2025-06-30.")) from None


@login_required
def filing_history(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The filing's timeline: who did what when, and which cells each save changed."""
    filing = filing_or_404(request, filing_pk)
    kind = shown_kind(filing.kind)
    context = {
        "filing": filing,
        "filing_name": kind.display_name(filing),
        "filing_url": kind.url(filing),
        "timeline": filing_timeline(filing),
    }
    return render(request, "filings/history.html", context)

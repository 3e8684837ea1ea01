"""Confirm final accounts into the department filing: what would change, then the save.

Routes (the lead adds `*routes` to apps/department_evaluations/urls.py): one URL, GET shows
the department's own 收支情况 now and as the latest uploaded disclosure tables state it; POST
writes them through the department save (version check), then opens the filing's page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.exceptions import ApplicationError
from apps.filings.permissions import can_edit_filing
from apps.final_accounts.models import Disclosure
from apps.final_accounts.selectors import finance_figures, latest_disclosure
from apps.final_accounts.views import department_or_404, year_of

from ..final_accounts import (
    Change,
    current_data,
    department_filing_of,
    final_accounts_confirm,
    finance_filled,
)
from ..services import ConflictError


def _amount(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


@login_required
def confirm(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """GET: the figures the latest upload would write; POST: write them into the filing."""
    department = department_or_404(request, department_pk)
    year = year_of(request, department)
    filing = department_filing_of(department, year)
    if request.method == "POST":
        return _post(request, department, filing, year)
    disclosure = latest_disclosure(department, year)
    changes: list[Change] = []
    if filing is not None and disclosure is not None:
        figures = finance_figures(disclosure.tables)
        _data, changes = finance_filled(current_data(filing), department, figures)
    allowed, refusal = can_edit_filing(request.user, filing) if filing else (False, "")
    return render(
        request,
        "final_accounts/confirm.html",
        {
            "department": department,
            "year": year,
            "filing": filing,
            "disclosure": disclosure,
            "changes": [(c.label, _amount(c.before), _amount(c.after)) for c in changes],
            "can_confirm": allowed,
            "refusal": refusal,
        },
    )


def _post(request: AuthenticatedHttpRequest, department, filing, year) -> HttpResponse:
    if filing is None:
        messages.error(request, _("Start the department self-evaluation first, then confirm."))
        return redirect("department_evaluations:department_evaluation", department_pk=department.pk)
    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    disclosure = get_object_or_404(
        Disclosure, pk=request.POST.get("disclosure") or 0, department=department, fiscal_year=year
    )
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponseBadRequest(_("The form is incomplete. Reload the page."))
    here = redirect("department_evaluations:final_accounts_confirm", department_pk=department.pk)
    try:
        _result, changes = final_accounts_confirm(
            disclosure=disclosure, filing=filing, by=request.user, base_version=version
        )
    except ConflictError:
        messages.error(
            request,
            _(
                "Someone saved the self-evaluation after you opened this page. "
                "Check the figures below again, then confirm."
            ),
        )
        return here
    except ApplicationError as error:
        messages.error(request, error.message)
        return here
    if changes:
        listed = "；".join(f"{c.label} {_amount(c.before)} → {_amount(c.after)}" for c in changes)
        messages.success(
            request,
            _("收支情况 filled with the final accounts (元): %(changes)s") % {"changes": listed},
        )
    else:
        messages.info(request, _("收支情况 already held these figures; nothing changed."))
    return redirect("filings:page", filing_pk=filing.pk)


routes = [
    path(
        "departments/<int:department_pk>/evaluation/final-accounts/",
        confirm,
        name="final_accounts_confirm",
    ),
]

"""The report page of a filing: read it, and (for its filers, while editable) write, draft and
update its figures. permission → read the post → service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.exceptions import ApplicationError
from apps.filings.kinds import shown_kind
from apps.filings.models import Filing
from apps.filings.permissions import can_edit_filing
from apps.filings.services import ConflictError
from apps.filings.views import filing_or_404

from . import services
from .checks import COLUMNS, column_label, payment_findings, shown_ratio, sums
from .forms import Posted, read_post, shown_amount, typed_rows, typed_total
from .outlines import filled_titles
from .payments import as_payments
from .selectors import Report, report_of


def _cell(name: str, value: str, errors: dict[str, str], *, text: bool = False, sum_: str = ""):
    return {"name": name, "value": value, "error": errors.get(name, ""), "text": text, "sum": sum_}


def _payment_table(report: Report, posted: Posted | None) -> dict:
    if posted is not None:
        rows, total = posted.rows, posted.total
        typed, typed_sum, errors = posted.typed_rows, posted.typed_total, dict(posted.errors)
    else:
        rows, total = as_payments(report.payments, report.payment_total)
        typed, typed_sum, errors = (
            typed_rows(report.payments),
            typed_total(report.payment_total),
            {},
        )
    for finding in payment_findings(rows, total, report.kind.executed(report.filing)):
        errors.setdefault(finding.field, finding.message)
    computed = sums(rows)
    shown_rows = []
    for index, (cells, row) in enumerate(zip(typed, rows, strict=False)):
        prefix = f"payments-{index}"
        shown_rows.append(
            {
                "index": index,
                "cells": [_cell(f"{prefix}-name", cells["name"], errors, text=True)]
                + [_cell(f"{prefix}-{c}", cells[c], errors) for c in COLUMNS],
                "ratio": shown_ratio(row),
            }
        )
    return {
        "rows": shown_rows,
        "total": [
            _cell(
                f"payments-total-{c}", typed_sum[c], errors, sum_=shown_amount(getattr(computed, c))
            )
            for c in COLUMNS
        ],
        "ratio": shown_ratio(total if total and total.used is not None else computed),
        "errors": {name: f"{_cell_label(name)}：{message}" for name, message in errors.items()},
    }


def _cell_label(name: str) -> str:
    """“合计 使用金额”, “第 2 行 项目名称”: where a payment table's message points."""
    _prefix, row, column = name.split("-", 2)
    where = "合计" if row == "total" else _("Row %(row)d") % {"row": int(row) + 1}
    return f"{where} {column_label(column) if column in COLUMNS else '项目名称'}"


def _render(
    request: AuthenticatedHttpRequest,
    filing: Filing,
    report: Report,
    *,
    posted: Posted | None = None,
    conflict=None,
    status: int = 200,
) -> HttpResponse:
    can_edit, refusal = can_edit_filing(request.user, filing)
    bodies = posted.bodies if posted is not None else {}
    following = [*report.sections[1:], None]
    sections = [
        {
            "view": section,
            "typed": bodies.get(section.key, section.body),
            # A heading whose subsections follow: its own text is optional.
            "parent": section.level == 1 and nxt is not None and nxt.level == 2,
        }
        for section, nxt in zip(report.sections, following, strict=True)
    ]
    kind = shown_kind(filing.kind)
    names = report.kind.names(filing)
    context = {
        "filing": filing,
        "filing_name": kind.display_name(filing),
        "filing_url": kind.url(filing),
        "report": report,
        "titles": filled_titles(report.outline, **names),
        "sections": sections,
        "payments": _payment_table(report, posted) if report.has_payments else None,
        "errors": posted.errors if posted is not None else {},
        "can_edit": can_edit,
        "edit_refusal": refusal,
        "draftable": can_edit and any(s.topic in report.kind.topics for s in report.sections),
        "conflict": conflict,
    }
    return render(request, "narratives/report.html", context, status=status)


def _version(request: AuthenticatedHttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ApplicationError(
            _("The form was sent without its version; reload the page.")
        ) from None


@login_required
def report_page(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """GET: the report. POST action=save | draft | redraft (key) | update (key, index)."""
    filing = filing_or_404(request, filing_pk)
    report = report_of(filing)
    if report is None:
        raise Http404
    if request.method != "POST":
        return _render(request, filing, report)
    allowed, refusal = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(refusal)
    action = request.POST.get("action", "save")
    posted = None
    try:
        version = _version(request)
        if action == "save":
            posted = read_post(request.POST, report.outline.keys, report.has_payments)
            if posted.errors:
                messages.error(request, _("Not saved: correct the cells marked in red."))
                return _render(request, filing, report, posted=posted, status=400)
            services.report_save(
                filing=filing,
                by=request.user,
                base_version=version,
                bodies=posted.bodies,
                payments=(posted.rows, posted.total) if report.has_payments else None,
            )
            messages.success(request, _("The report was saved."))
        elif action in ("draft", "redraft"):
            keys = [request.POST.get("key", "")] if action == "redraft" else None
            services.report_draft(filing=filing, by=request.user, base_version=version, keys=keys)
            messages.success(request, _("Drafted from the data. Read it through and complete it."))
        elif action == "update":
            index = request.POST.get("index", "")
            services.report_update_figures(
                filing=filing,
                by=request.user,
                base_version=version,
                key=request.POST.get("key", ""),
                index=int(index) if index.isdigit() else None,
            )
            messages.success(request, _("The figure was updated from the data."))
        else:
            raise ApplicationError(_("Unknown action."))
    except ConflictError as error:
        fresh = report_of(Filing.objects.get(pk=filing.pk))
        assert fresh is not None
        return _render(
            request,
            fresh.filing,
            fresh,
            posted=posted,
            conflict=error.extra["changes"],
            status=409,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        if posted is not None:
            return _render(request, filing, report, posted=posted, status=400)
    anchor = request.POST.get("key", "")
    target = redirect("narratives:report", filing_pk=filing.pk)
    if anchor:
        target["Location"] += f"#section-{anchor}"
    return target

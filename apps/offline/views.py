"""Offline filling's pages: download the workbook, upload it, preview it, confirm it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.exceptions import ApplicationError
from apps.exchange.download import xlsx_response
from apps.exchange.reading import UploadRefused
from apps.filings.kinds import shown_kind
from apps.filings.models import Filing
from apps.filings.permissions import can_edit_filing
from apps.filings.services import ConflictError
from apps.filings.views import filing_or_404

from .codecs import codec_of
from .models import OfflineUpload
from .services import preview_of, upload_confirm, upload_receive, workbook_download


def _offline_filing(request: AuthenticatedHttpRequest, filing_pk: int) -> Filing:
    """The filing, 403 unless the user may see it, 404 for a kind with no workbook."""
    filing = filing_or_404(request, filing_pk)
    if codec_of(filing.kind) is None:
        raise Http404(_("This kind of filing cannot be filled offline."))
    return filing


def _may_edit(request: AuthenticatedHttpRequest, filing: Filing) -> None:
    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)


def _upload_or_404(request: AuthenticatedHttpRequest, filing: Filing, upload_pk: int):
    """The user's own upload of this filing; anyone else's, or another filing's, is 404."""
    upload = (
        OfflineUpload.objects.filter(pk=upload_pk, filing=filing, uploaded_by=request.user)
        .select_related("filing")
        .first()
    )
    if upload is None:
        raise Http404
    upload.filing = filing  # with its year, bureau and project, as filing_or_404 loaded it
    return upload


def _context(filing: Filing, **extra) -> dict:
    kind = shown_kind(filing.kind)
    return {
        "filing": filing,
        "filing_name": kind.display_name(filing),
        "filing_url": kind.url(filing),
        "download_url": reverse("offline:download", kwargs={"filing_pk": filing.pk}),
        **extra,
    }


@login_required
def download(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The filing's workbook, stamped; for anyone who may see the filing."""
    filing = _offline_filing(request, filing_pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    content, filename = workbook_download(filing)
    return xlsx_response(content, filename=filename, fallback=f"filing-{filing.pk}.xlsx")


@login_required
def upload(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """Read and check the uploaded workbook; answer with its preview (nothing saved yet)."""
    filing = _offline_filing(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _may_edit(request, filing)
    file = request.FILES.get("workbook")
    try:
        if file is None:
            raise UploadRefused(_("Choose the filled workbook (.xlsx) to upload."))
        received = upload_receive(
            filing=filing, by=request.user, upload=file, size=file.size, name=file.name or ""
        )
    except UploadRefused as refused:
        context = _context(filing, problems=refused.messages)
        return render(request, "offline/refused.html", context, status=400)
    except ApplicationError as error:
        context = _context(filing, problems=[error.message])
        return render(request, "offline/refused.html", context, status=400)
    shown = preview_of(received)
    return render(request, "offline/preview.html", _preview_context(filing, received, shown))


def _preview_context(filing: Filing, received: OfflineUpload, shown, **extra) -> dict:
    places = shown.outcome.places
    findings = [
        {**finding, "place": places.get(finding["field"], finding["field"])}
        for finding in shown.outcome.findings
    ]
    return _context(
        filing,
        upload=received,
        preview=shown,
        findings=findings,
        refused=[f for f in findings if f["field"] in shown.outcome.errors],
        errors=sum(1 for f in findings if f["severity"] == "error"),
        warnings=sum(1 for f in findings if f["severity"] != "error"),
        **extra,
    )


@login_required
def confirm(request: AuthenticatedHttpRequest, filing_pk: int, upload_pk: int) -> HttpResponse:
    """Save the previewed upload, with the version check from the workbook's download."""
    filing = _offline_filing(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    received = _upload_or_404(request, filing, upload_pk)
    _may_edit(request, filing)
    if received.confirmed_at is not None:
        messages.info(request, _("This upload was already saved."))
        return redirect(shown_kind(filing.kind).url(filing))
    try:
        upload_confirm(upload=received, by=request.user)
    except ConflictError as error:
        shown = preview_of(received)
        context = _preview_context(filing, received, shown, conflict=error.extra["changes"])
        return render(request, "offline/preview.html", context, status=409)
    except ApplicationError as error:
        messages.error(request, error.message)
        shown = preview_of(received)
        context = _preview_context(filing, received, shown)
        return render(request, "offline/preview.html", context, status=400)
    messages.success(request, _("The uploaded workbook was saved."))
    return redirect(shown_kind(filing.kind).url(filing))

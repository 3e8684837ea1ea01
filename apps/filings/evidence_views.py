"""Evidence of a filing of any kind: the list and upload, download, and deletion."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from apps.accounts.http import AuthenticatedHttpRequest
from apps.accounts.models import User
from apps.core.exceptions import ApplicationError

from .evidence import evidence_add, evidence_delete, megabytes, upload_limits
from .evidence_uploads import EvidenceSizeLimitHandler, upload_too_large
from .kinds import shown_kind
from .models import Evidence, Filing
from .permissions import can_edit_filing, can_view_filing


class EvidenceUploadForm(forms.Form):
    # Empty files reach the service, whose message says what is allowed.
    file = forms.FileField(label=gettext_lazy("File"), allow_empty_file=True)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)


def evidence_context(
    *, filing: Filing | None, user: User, can_edit: bool | None = None
) -> dict[str, Any]:
    """The context of the evidence card (filings/_evidence.html) for a filing page."""
    evidence_list: list[Evidence] = []
    if filing is not None:
        evidence_list = list(filing.evidence.select_related("uploaded_by"))
        if can_edit is None:
            can_edit, _reason = can_edit_filing(user, filing)
    return {
        "filing": filing,
        "evidence_list": evidence_list,
        "can_edit": bool(can_edit),
        "evidence_limits": upload_limits(),
    }


def _filing(request: AuthenticatedHttpRequest, filing_pk: int) -> Filing:
    """The filing; 403 for those who may not see it."""
    filing = get_object_or_404(
        Filing.objects.select_related("department", "fiscal_year", "project"), pk=filing_pk
    )
    allowed, reason = can_view_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    return filing


def _evidence(request: AuthenticatedHttpRequest, filing_pk: int, evidence_pk: int) -> Evidence:
    """A file of the filing; 403 for those who may not see the filing."""
    evidence = get_object_or_404(
        Evidence.objects.select_related(
            "filing__department", "filing__fiscal_year", "filing__project"
        ),
        pk=evidence_pk,
        filing_id=filing_pk,
    )
    allowed, reason = can_view_filing(request.user, evidence.filing)
    if not allowed:
        raise PermissionDenied(reason)
    return evidence


def _next_url(request: AuthenticatedHttpRequest, filing_pk: int) -> str:
    """Where to go back to: the page the form was on, or else the evidence page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("filings:evidence_upload", kwargs={"filing_pk": filing_pk})


def _page(request: AuthenticatedHttpRequest, filing: Filing, **extra: Any) -> HttpResponse:
    kind = shown_kind(filing.kind)
    context = {
        "filing_name": kind.display_name(filing),
        "filing_url": kind.url(filing),
        "next_url": _next_url(request, filing.pk),
        **evidence_context(filing=filing, user=request.user),
        **extra,
    }
    return render(request, "filings/evidence_page.html", context)


def _too_large(*, name: str, size: int) -> str:
    """The message for a file over the limit; `name` is empty when the body was not read."""
    values = {"name": name, "size": megabytes(size, round_up=True)}
    values["limit"] = upload_limits().max_megabytes
    if not name:
        return (
            _(
                "The upload is %(size)s MB; a file may be at most %(limit)s MB. "
                "Compress or split it, then attach it again."
            )
            % values
        )
    return (
        _(
            "The file %(name)s is %(size)s MB; a file may be at most %(limit)s MB. "
            "Compress or split it, then attach it again."
        )
        % values
    )


# CSRF is checked by _upload, once the size limit is in place: the check reads the body, and
# the limit must see the body first (Django's documented pattern for upload handlers).
@csrf_exempt
@login_required
def upload(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The filing's evidence; a filer attaches a file to a filing the department may still edit.

    A request larger than any allowed file is refused before its body is read; a file that
    passes the limit while it streams stops the upload there.
    """
    if request.method != "POST":
        return _upload(request, filing_pk, None)
    size = upload_too_large(request)
    if size is not None:
        messages.error(request, _too_large(name="", size=size))
        return HttpResponseRedirect(
            reverse("filings:evidence_upload", kwargs={"filing_pk": filing_pk})
        )
    limit = EvidenceSizeLimitHandler(request)
    # Still a plain list: the body has not been read (it becomes immutable once it is).
    request.upload_handlers.insert(0, limit)  # type: ignore[union-attr]
    return _upload(request, filing_pk, limit)


@csrf_protect
def _upload(
    request: AuthenticatedHttpRequest, filing_pk: int, limit: EvidenceSizeLimitHandler | None
) -> HttpResponse:
    filing = _filing(request, filing_pk)
    if request.method != "POST":
        return _page(request, filing)
    allowed, reason = can_edit_filing(request.user, filing)
    if not allowed:
        raise PermissionDenied(reason)
    files = request.FILES  # reads the body through the size limit (if the CSRF check has not)
    if limit is not None and limit.refused_name is not None:
        size = max(int(request.META.get("CONTENT_LENGTH") or 0), limit.received)
        messages.error(request, _too_large(name=limit.refused_name, size=size))
        return HttpResponseRedirect(_next_url(request, filing_pk))
    form = EvidenceUploadForm(request.POST, files)
    if form.is_valid():
        try:
            evidence = evidence_add(
                filing=filing,
                by=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request, _("%(name)s was attached.") % {"name": evidence.original_name}
            )
    # The form sits in a card on another page: its errors go back there as messages.
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return HttpResponseRedirect(_next_url(request, filing_pk))


@login_required
@require_safe
def download(request: AuthenticatedHttpRequest, filing_pk: int, evidence_pk: int) -> FileResponse:
    """The file as an attachment under the name it was uploaded with."""
    evidence = _evidence(request, filing_pk, evidence_pk)
    try:
        handle = evidence.file.storage.open(evidence.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from storage.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    add_never_cache_headers(response)
    return response


@login_required
def delete(request: AuthenticatedHttpRequest, filing_pk: int, evidence_pk: int) -> HttpResponse:
    """Ask to confirm (GET), then detach the file from a filing the department may still edit."""
    evidence = _evidence(request, filing_pk, evidence_pk)
    if request.method != "POST":
        return _page(request, evidence.filing, evidence_to_delete=evidence)
    allowed, reason = can_edit_filing(request.user, evidence.filing)
    if not allowed:
        raise PermissionDenied(reason)
    try:
        evidence_delete(evidence=evidence, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": evidence.original_name})
    return HttpResponseRedirect(_next_url(request, filing_pk))

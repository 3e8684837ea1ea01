"""Report pages: request a document, follow its job, download it, try it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.budgets.context_processors import current_fiscal_year
from apps.budgets.models import FiscalYear, Project
from apps.core.exceptions import ApplicationError
from apps.filings import kinds as filing_kinds
from apps.filings.models import Filing
from apps.organizations.models import Department

from . import selectors
from .documents import Target, filing_document_of, filing_documents_of, kind_of, target_of
from .models import ReportJob
from .permissions import can_see_department_reports, can_view_job
from .services import report_request, report_retry, reports_recover_stale


def _allowed_or_403(allowed: tuple[bool, str]) -> None:
    if not allowed[0]:
        raise PermissionDenied(allowed[1])


def _request_report(request: AuthenticatedHttpRequest, kind: str, target: Target) -> HttpResponse:
    """Permission first, then the method: outsiders learn nothing, insiders get 405 on GET."""
    _allowed_or_403(kind_of(kind).may_request(request.user, target))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        job = report_request(kind=kind, target=target, by=request.user)
    except ApplicationError as error:
        raise PermissionDenied(str(error)) from error
    return redirect("reports:job_detail", job_pk=job.pk)


@login_required
def project_pdf(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """Ask for the document of the project's filing (项目支出绩效自评表 for a self-evaluation)."""
    project = get_object_or_404(
        Project.objects.select_related("department__bureau", "fiscal_year__bureau"), pk=project_pk
    )
    filing = Filing.objects.filter(project=project).first()
    target = Target(fiscal_year=project.fiscal_year, department=project.department, filing=filing)
    # Whoever may not see the department learns nothing about the project's filing.
    _allowed_or_403(can_see_department_reports(request.user, target))
    if filing is None:
        raise Http404(_("This project has no self-evaluation yet."))
    document = filing_document_of(filing.kind)
    if document is None:  # its kind prints nothing
        raise Http404
    return _request_report(request, document.key, target)


@login_required
def filing_pdf(request: AuthenticatedHttpRequest, filing_pk: int, document: str) -> HttpResponse:
    """Ask for one of the documents that print a filing (its table, its 评价报告)."""
    filing = get_object_or_404(
        Filing.objects.select_related("fiscal_year__bureau", "department__bureau"), pk=filing_pk
    )
    target = Target(fiscal_year=filing.fiscal_year, department=filing.department, filing=filing)
    _allowed_or_403(can_see_department_reports(request.user, target))
    if document not in [kind.key for kind in filing_documents_of(filing.kind)]:
        raise Http404
    return _request_report(request, document, target)


def _year_for_department(request: AuthenticatedHttpRequest, department: Department) -> FiscalYear:
    """The year asked for in the form, else the one the user works in, else the newest."""
    years = FiscalYear.objects.filter(bureau_id=department.bureau_id).select_related("bureau")
    wanted = request.POST.get("fiscal_year", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        return get_object_or_404(years, pk=int(wanted))
    current, _years = current_fiscal_year(request)
    if current is not None and current.bureau_id == department.bureau_id:
        return current
    newest = years.order_by("-year").first()
    if newest is None:
        raise Http404(_("The finance bureau has no fiscal year yet."))
    return newest


@login_required
def department_bundle(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """Ask for the department's bundle of a year."""
    department = get_object_or_404(Department.objects.select_related("bureau"), pk=department_pk)
    year = _year_for_department(request, department)
    return _request_report(
        request, "department_bundle", Target(fiscal_year=year, department=department)
    )


def _year_or_404(fiscal_year_pk: int) -> FiscalYear:
    return get_object_or_404(FiscalYear.objects.select_related("bureau"), pk=fiscal_year_pk)


@login_required
def year_summary(request: AuthenticatedHttpRequest, fiscal_year_pk: int) -> HttpResponse:
    """Ask for the bureau's summary of the year."""
    return _request_report(
        request, "bureau_summary", Target(fiscal_year=_year_or_404(fiscal_year_pk))
    )


@login_required
def year_batch(request: AuthenticatedHttpRequest, fiscal_year_pk: int) -> HttpResponse:
    """Ask for every approved filing of the year as one zip."""
    return _request_report(request, "year_batch", Target(fiscal_year=_year_or_404(fiscal_year_pk)))


def _filing_name(filing: Filing | None) -> str:
    """What the filing's kind calls it (the project's name …), "" for a job of no filing."""
    if filing is None:
        return ""
    return filing_kinds.shown_kind(filing.kind).display_name(filing)


def _job_or_404(request: AuthenticatedHttpRequest, job_pk: int) -> ReportJob:
    job = selectors.job_for_page(job_pk)
    if job is None:
        raise Http404
    _allowed_or_403(can_view_job(request.user, job))
    return job


def _status(job: ReportJob) -> dict:
    done = job.state == ReportJob.State.DONE
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "progress": 100 if done else job.progress,
        "message": job.message,
        "error": job.error,
        "download_url": reverse("reports:job_download", args=[job.pk]) if done else "",
        "file_name": job.file_name,
    }


def _fresh(job: ReportJob) -> ReportJob:
    """The job, after checking that the worker rendering it is still alive."""
    if job.state in (ReportJob.State.RUNNING, ReportJob.State.QUEUED):
        for recovered in reports_recover_stale(job_id=job.pk):
            return selectors.job_for_page(recovered.pk) or job
    return job


@login_required
def job_detail(request: AuthenticatedHttpRequest, job_pk: int) -> HttpResponse:
    """The job's progress (polled every second), its download, or its error and a retry."""
    job = _fresh(_job_or_404(request, job_pk))
    return render(
        request,
        "reports/job_detail.html",
        {
            "job": job,
            "kind": kind_of(job.kind),
            "target": target_of(job),
            "filing_name": _filing_name(job.filing),
            "status": _status(job),
        },
    )


@login_required
def job_status(request: AuthenticatedHttpRequest, job_pk: int) -> JsonResponse:
    """The job's state and progress as JSON, for the page's polling."""
    job = _fresh(_job_or_404(request, job_pk))
    return JsonResponse(_status(job), headers={"Cache-Control": "no-store"})


@login_required
def job_download(request: AuthenticatedHttpRequest, job_pk: int) -> FileResponse:
    """The rendered file, as an attachment, to whoever may see the job."""
    job = _job_or_404(request, job_pk)
    if job.state != ReportJob.State.DONE or not job.file.name:
        raise Http404(_("This report is not ready."))
    try:
        handle = job.file.storage.open(job.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("This report's file is missing; ask for it again.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=job.file_name or f"report-{job.pk}",
        content_type=kind_of(job.kind).content_type,
    )
    # A filing's figures: kept by no browser or proxy cache, as evidence downloads.
    add_never_cache_headers(response)
    return response


@login_required
def job_retry(request: AuthenticatedHttpRequest, job_pk: int) -> HttpResponse:
    """Queue a failed job again."""
    job = _job_or_404(request, job_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        report_retry(job=job, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
    return redirect("reports:job_detail", job_pk=job.pk)


@login_required
def job_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reports the user asked for lately."""
    jobs = [(job, _filing_name(job.filing)) for job in selectors.jobs_requested_by(request.user)]
    return render(request, "reports/job_list.html", {"jobs": jobs})

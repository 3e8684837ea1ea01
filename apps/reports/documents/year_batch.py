"""A bureau's year as one zip: a folder per department with its bundle and project tables."""

import os
import tempfile
import zipfile

from django.utils.translation import gettext_lazy

from apps.evaluations.models import Filing

from ..models import ReportJob
from ..pdf import html_to_pdf
from ..permissions import can_see_year_reports
from . import bureau_summary, department_bundle, project_table
from .common import (
    APPROVED_STATUSES,
    DocumentKind,
    Output,
    Progress,
    Target,
    content_hash,
    render_print_html,
    safe_name,
)


def batch_content(target: Target) -> dict:
    """The summary and, for each department with approved filings, its bundle of them."""
    filings = project_table.load_filings(
        Filing.objects.filter(
            fiscal_year=target.fiscal_year,
            kind=Filing.Kind.PROJECT,
            status__in=APPROVED_STATUSES,
        ).values_list("pk", flat=True)
    )
    contents = project_table.project_contents(filings, target.fiscal_year)
    by_department: dict[int, list[Filing]] = {}
    for filing in filings:
        by_department.setdefault(filing.department_id, []).append(filing)
    departments = []
    for group in by_department.values():
        department = group[0].department
        bundle = department_bundle.bundle_from_projects(
            Target(fiscal_year=target.fiscal_year, department=department),
            [contents[f.pk] for f in group],
        )
        departments.append(
            {"folder": safe_name(f"{department.budget_code}{department.name}"), "bundle": bundle}
        )
    return {
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "summary": bureau_summary.summary_content(target),
        "departments": departments,
    }


def documents_of(content: dict) -> list[tuple[str, str, str, dict]]:
    """(path in the zip, kind, template, content) of every document of the batch, in order."""
    summary = content["summary"]
    documents = [
        (
            bureau_summary.file_name(summary),
            bureau_summary.KIND.key,
            bureau_summary.TEMPLATE,
            summary,
        )
    ]
    for department in content["departments"]:
        folder = department["folder"]
        bundle = department["bundle"]
        documents.append(
            (
                f"{folder}/{department_bundle.file_name(bundle)}",
                department_bundle.KIND.key,
                department_bundle.TEMPLATE,
                bundle,
            )
        )
        for section in bundle["sections"]:
            documents.append(
                (
                    f"{folder}/{project_table.file_name(section['content'])}",
                    project_table.KIND.key,
                    project_table.TEMPLATE,
                    section["content"],
                )
            )
    return documents


def _rendered_before(kind: str, content: dict) -> bytes | None:
    """The file of a finished job with the same content, if there is one: nothing to render."""
    job = (
        ReportJob.objects.filter(
            kind=kind, state=ReportJob.State.DONE, content_hash=content_hash(kind, content)
        )
        .exclude(file="")
        .first()
    )
    if job is None or not job.file.storage.exists(job.file.name):
        return None
    with job.file.open("rb") as handle:
        return handle.read()


def file_name(content: dict) -> str:
    return safe_name(f"{content['year']}年度绩效自评材料-{content['bureau']}.zip")


def produce(content: dict, progress: Progress) -> Output:
    documents = documents_of(content)
    handle, path = tempfile.mkstemp(prefix="jixiao-batch-", suffix=".zip")
    os.close(handle)
    try:
        # PDFs are compressed already: storing them is as small and much faster.
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            for index, (name, kind, template, document) in enumerate(documents):
                progress(index, len(documents), name)
                data = _rendered_before(kind, document)
                if data is None:
                    data = html_to_pdf(render_print_html(template, document))
                archive.writestr(name, data)
        progress(len(documents), len(documents), "")
    except BaseException:
        os.unlink(path)
        raise
    return Output(file_name=file_name(content), path=path)


KIND = DocumentKind(
    key="year_batch",
    label=gettext_lazy("All approved filings of the year (zip)"),
    scope="bureau",
    build=batch_content,
    produce=produce,
    may_request=can_see_year_reports,
    content_type="application/zip",
)

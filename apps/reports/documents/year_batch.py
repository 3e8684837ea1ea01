"""A bureau's year as one zip: the summary, and a folder per department with its bundle and
the document of each of its approved filings."""

import os
import tempfile
import zipfile

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from apps.filings.models import Filing
from apps.organizations.models import Department

from ..models import ReportJob
from ..pdf import html_to_pdf
from ..permissions import can_see_year_reports
from . import bureau_summary, department_bundle, fingerprints, per_filing, registry
from .common import (
    APPROVED_STATUSES,
    DocumentKind,
    Output,
    Progress,
    Target,
    render_print_html,
    safe_name,
)

# Bump when what the batch holds changes in code (its documents have their own versions).
TEMPLATE_VERSION = 1


def _approved(target: Target) -> QuerySet[Filing]:
    """The year's approved filings of every kind that prints."""
    return per_filing.printed(
        Filing.objects.filter(fiscal_year=target.fiscal_year, status__in=APPROVED_STATUSES)
    )


def batch_content(target: Target) -> dict:
    """The summary and, for each department with approved filings, its bundle of them.

    Each document comes with its content hash, so a file rendered for it alone is reused.
    """
    year = fingerprints.year_stamp(target.fiscal_year)
    stamps = fingerprints.filing_stamps(_approved(target))
    # The stamped filings only: a filing approved meanwhile waits for the next batch.
    printed = per_filing.print_filings(
        Filing.objects.filter(pk__in=list(stamps)), target.fiscal_year
    )
    by_department: dict[int, list[per_filing.Printed]] = {}
    for item in printed:
        by_department.setdefault(item.department_id, []).append(item)
    departments = []
    for department in Department.objects.filter(pk__in=list(by_department)).order_by(
        "budget_code", "pk"
    ):
        group = by_department[department.pk]
        department_target = Target(fiscal_year=target.fiscal_year, department=department)
        ids = {item.filing_id for item in group}
        departments.append(
            {
                "folder": safe_name(f"{department.budget_code}{department.name}"),
                "bundle": department_bundle.bundle_from(department_target, group),
                "digest": department_bundle.digest_of(
                    department_target, year, {pk: s for pk, s in stamps.items() if pk in ids}
                ),
                # In the order of the bundle's sections.
                "section_digests": [
                    per_filing.filing_digest(item.document, item.filing_id, year, stamps)
                    for item in group
                ],
            }
        )
    return {
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "summary": bureau_summary.summary_content(target),
        "summary_digest": bureau_summary.fingerprint(target),
        "departments": departments,
    }


def fingerprint(target: Target) -> str:
    """The batch's content hash: the summary's (every project of the year), the approved
    filings it holds (a kind filed by the department has no project) and the year's."""
    parts = {
        "summary": bureau_summary.fingerprint(target),
        "filings": fingerprints.in_order(fingerprints.filing_stamps(_approved(target))),
        "year": fingerprints.year_stamp(target.fiscal_year),
        "documents": [department_bundle.TEMPLATE_VERSION, per_filing.versions()],
    }
    return fingerprints.digest("year_batch", TEMPLATE_VERSION, parts)


def documents_of(content: dict) -> list[tuple[str, str, str, dict, str]]:
    """(path in the zip, kind, template, content, content hash) of every document, in order."""
    summary = content["summary"]
    documents = [
        (
            bureau_summary.file_name(summary),
            bureau_summary.KIND.key,
            bureau_summary.TEMPLATE,
            summary,
            content["summary_digest"],
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
                department["digest"],
            )
        )
        for section, digest in zip(bundle["sections"], department["section_digests"], strict=True):
            filing = registry.kind_of(section["kind"]).filing
            assert filing is not None
            documents.append(
                (
                    f"{folder}/{filing.file_name(section['content'])}",
                    section["kind"],
                    filing.template,
                    section["content"],
                    digest,
                )
            )
    return documents


def _rendered_before(kind: str, digest: str) -> bytes | None:
    """The file of a finished job with the same content hash, if any: nothing to render.

    The hash names the document's target (its filings, department or year), so equal hashes
    are the same document.
    """
    job = (
        ReportJob.objects.filter(kind=kind, state=ReportJob.State.DONE, content_hash=digest)
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
            for index, (name, kind, template, document, digest) in enumerate(documents):
                progress(index, len(documents), name)
                data = _rendered_before(kind, digest)
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
    fingerprint=fingerprint,
    produce=produce,
    may_request=can_see_year_reports,
    content_type="application/zip",
)

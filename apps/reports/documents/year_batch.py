"""A bureau's year as one zip: the summary, and a folder per department with its bundle, the
documents of each of its approved filings (its table, its report) and, beside its first
document, a folder of the filing's evidence (<department>/<document's name>/附件/<file>)."""

import os

from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.filings.models import Evidence, Filing
from apps.organizations.models import Department

from ..permissions import can_see_year_reports
from . import bureau_summary, department_bundle, fingerprints, per_filing
from .common import APPROVED_STATUSES, DocumentKind, Target, safe_name
from .year_zip import ATTACHMENTS, MISSING_NOTE, _entry_name, documents_of, produce

__all__ = ["KIND", "batch_content", "documents_of", "fingerprint", "produce"]

# Bump when what the batch holds changes in code (its documents have their own versions).
TEMPLATE_VERSION = 3


def _approved(target: Target) -> QuerySet[Filing]:
    """The year's approved filings of every kind that prints."""
    return per_filing.printed(
        Filing.objects.filter(fiscal_year=target.fiscal_year, status__in=APPROVED_STATUSES)
    )


def _evidence_files(filing_ids: list[int]) -> dict[int, list[dict]]:
    """By filing: its evidence as plain values, each with the name it takes in the zip."""
    files: dict[int, list[dict]] = {}
    taken: dict[int, set[str]] = {}
    evidence = (
        Evidence.objects.filter(filing_id__in=filing_ids)
        .select_related("uploaded_by")
        .order_by("filing_id", "created_at", "pk")
    )
    for item in evidence:
        names = taken.setdefault(item.filing_id, {MISSING_NOTE.lower()})
        files.setdefault(item.filing_id, []).append(
            {
                "name": _entry_name(item.original_name, names),
                "stored": item.file.name,
                "original_name": item.original_name,
                "size": item.size,
                "sha256": item.sha256,
                "uploaded_by": str(item.uploaded_by),
                "uploaded_at": timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    return files


def _attachments(folder: str, group: list[per_filing.Printed], files: dict) -> list[dict]:
    """The evidence folder of each filing of a department that has evidence, in print order,
    beside the filing's first document (its table, not its report too)."""
    found = []
    placed: set[int] = set()
    for item in group:
        if item.filing_id not in files or item.filing_id in placed:
            continue
        placed.add(item.filing_id)
        assert item.document.filing is not None
        stem = os.path.splitext(item.document.filing.file_name(item.content))[0]
        found.append(
            {"folder": f"{folder}/{safe_name(stem)}/{ATTACHMENTS}", "files": files[item.filing_id]}
        )
    return found


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
    evidence = _evidence_files([item.filing_id for item in printed])
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
        folder = safe_name(f"{department.budget_code}{department.name}")
        digests = [
            per_filing.filing_digest(item.document, item.filing_id, year, stamps) for item in group
        ]
        departments.append(
            {
                "folder": folder,
                "bundle": department_bundle.bundle_from(department_target, group, digests),
                "digest": department_bundle.digest_of(
                    department_target, year, {pk: s for pk, s in stamps.items() if pk in ids}
                ),
                "attachments": _attachments(folder, group, evidence),
            }
        )
    return {
        "ids": {"bureau": target.bureau.pk, "fiscal_year": target.fiscal_year.pk},
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "summary": bureau_summary.summary_content(target),
        "summary_digest": bureau_summary.fingerprint(target),
        "departments": departments,
    }


def fingerprint(target: Target) -> str:
    """The batch's content hash, from aggregates the database computes: the summary's (every
    project of the year), the approved filings it holds (a kind filed by the department has no
    project), their evidence and the year's."""
    approved = _approved(target)
    evidence = Evidence.objects.filter(filing__in=approved.order_by().values("pk")).aggregate(
        count=Count("pk"), ids=Sum("pk"), changed=Max("updated_at")
    )
    parts = {
        "summary": bureau_summary.fingerprint(target),
        "filings": fingerprints.set_stamp(approved),
        "year": fingerprints.year_stamp(target.fiscal_year),
        "documents": [department_bundle.TEMPLATE_VERSION, per_filing.versions()],
        "evidence": evidence,
    }
    return fingerprints.digest("year_batch", TEMPLATE_VERSION, parts)


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

"""A bureau's year as one zip: the summary, and a folder per department with its bundle, the
documents of each of its approved filings (its table, its report) and, beside its first
document, a folder of the filing's evidence (<department>/<document's name>/附件/<file>)."""

import logging
import os
import shutil
import tempfile
import zipfile

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.filings.models import Evidence, Filing
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

logger = logging.getLogger(__name__)

# Bump when what the batch holds changes in code (its documents have their own versions).
TEMPLATE_VERSION = 2

# The zip is for the bureau's archive, in the language of the official forms.
ATTACHMENTS = "附件"
MISSING_NOTE = "缺失附件.txt"
COPY_CHUNK = 1024 * 1024


def _approved(target: Target) -> QuerySet[Filing]:
    """The year's approved filings of every kind that prints."""
    return per_filing.printed(
        Filing.objects.filter(fiscal_year=target.fiscal_year, status__in=APPROVED_STATUSES)
    )


def _entry_name(original: str, taken: set[str]) -> str:
    """A safe file name for the zip, its extension kept, numbered when the folder has it."""
    stem, dot, extension = original.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        stem, extension = original, ""
    stem = safe_name(stem)[:100]
    suffix = f".{safe_name(extension)}" if extension else ""
    name, number = f"{stem}{suffix}", 2
    while name.lower() in taken:  # unpacked on Windows, names differing in case collide
        name, number = f"{stem} ({number}){suffix}", number + 1
    taken.add(name.lower())
    return name


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
        departments.append(
            {
                "folder": folder,
                "bundle": department_bundle.bundle_from(department_target, group),
                "digest": department_bundle.digest_of(
                    department_target, year, {pk: s for pk, s in stamps.items() if pk in ids}
                ),
                # In the order of the bundle's sections.
                "section_digests": [
                    per_filing.filing_digest(item.document, item.filing_id, year, stamps)
                    for item in group
                ],
                "attachments": _attachments(folder, group, evidence),
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
        "evidence": [
            list(row)
            for row in Evidence.objects.filter(filing__in=_approved(target).values("pk"))
            .order_by("filing_id", "pk")
            .values_list("filing_id", "pk", "sha256", "original_name")
        ],
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


def _copy_evidence(archive: zipfile.ZipFile, path: str, stored: str) -> bool:
    """Copy one evidence file from storage into the zip; False when it cannot be read."""
    storage = Evidence._meta.get_field("file").storage
    try:
        source = storage.open(stored, "rb")
    except OSError:
        logger.warning("Evidence file %s is missing from storage; noted in the batch.", stored)
        return False
    with source, archive.open(path, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, COPY_CHUNK)
    return True


def _missing_note(files: list[dict]) -> str:
    lines = ["以下佐证材料的文件在生成本压缩包时未能读取，未收入本文件夹：", ""]
    lines += [
        f"{f['original_name']}（{f['size']} 字节，{f['uploaded_by']} 于 "
        f"{f['uploaded_at']} 上传，SHA-256 {f['sha256']}）"
        for f in files
    ]
    return "\n".join(lines) + "\n"


def produce(content: dict, progress: Progress) -> Output:
    documents = documents_of(content)
    folders = [
        folder for department in content["departments"] for folder in department["attachments"]
    ]
    total = len(documents) + sum(len(folder["files"]) for folder in folders)
    handle, path = tempfile.mkstemp(prefix="jixiao-batch-", suffix=".zip")
    os.close(handle)
    try:
        # PDFs are compressed already: storing them is as small and much faster.
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            for index, (name, kind, template, document, digest) in enumerate(documents):
                progress(index, total, name)
                data = _rendered_before(kind, digest)
                if data is None:
                    data = html_to_pdf(render_print_html(template, document))
                archive.writestr(name, data)
            index = len(documents)
            for folder in folders:
                missing = []
                for file in folder["files"]:
                    entry = f"{folder['folder']}/{file['name']}"
                    progress(index, total, entry)
                    index += 1
                    if not _copy_evidence(archive, entry, file["stored"]):
                        missing.append(file)
                if missing:
                    archive.writestr(f"{folder['folder']}/{MISSING_NOTE}", _missing_note(missing))
        progress(total, total, "")
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

"""The stored pages of filings' documents: found by content hash, rendered once when missing.

A filing's document is stored as the finished job of that document (its file with page
numbers, its sheet without): what a bundle or the year's zip renders of a filing is then
served alone without rendering again, and what was asked for alone is merged into bundles.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from .. import paging, pdf
from ..models import ReportJob
from ..parallel import pool_map
from . import registry
from .common import render_print_html


@dataclass(frozen=True)
class Wanted:
    """One document of one filing, as a bundle or the year's zip prints it."""

    key: str  # the document kind
    filing_id: int
    department_id: int
    digest: str
    content: dict


@dataclass(frozen=True)
class Stored:
    sheet: str  # storage names
    file: str
    file_name: str


def _found(wanted: Sequence[Wanted], fiscal_year_id: int) -> dict[tuple[str, int, str], Stored]:
    """The finished jobs of the year holding documents' pages (one query)."""
    found: dict[tuple[str, int, str], Stored] = {}
    rows = (
        ReportJob.objects.filter(
            fiscal_year_id=fiscal_year_id,
            kind__in={w.key for w in wanted},
            state=ReportJob.State.DONE,
            filing__isnull=False,
        )
        .exclude(sheet="")
        .order_by("pk")
        .values_list("kind", "filing_id", "content_hash", "sheet", "file", "file_name")
    )
    for kind, filing_id, digest, sheet, file, file_name in rows:
        found[(kind, filing_id, digest)] = Stored(sheet, file, file_name)
    return found


def render_sheet(item: tuple[str, dict]) -> tuple[bytes, bytes]:
    """A document's pages without and with their numbers (in a worker process, maybe)."""
    template, content = item
    sheet = pdf.render_pdf(render_print_html(template, content), numbered=False).data
    return sheet, paging.numbered(sheet)


def _store(want: Wanted, fiscal_year_id: int, bureau_id: int, pdfs, now) -> Stored:
    sheet, data = pdfs
    printing = registry.kind_of(want.key).filing
    assert printing is not None
    job = ReportJob.objects.create(
        kind=want.key,
        bureau_id=bureau_id,
        fiscal_year_id=fiscal_year_id,
        department_id=want.department_id,
        filing_id=want.filing_id,
        state=ReportJob.State.DONE,
        progress=100,
        content_hash=want.digest,
        file_name=printing.file_name(want.content),
        started_at=now,
        finished_at=now,
        heartbeat_at=now,
    )
    name = f"{want.key}/{job.pk}/{uuid.uuid4().hex}"
    job.file.save(f"{name}.pdf", ContentFile(data), save=False)
    job.sheet.save(f"{name}.pages.pdf", ContentFile(sheet), save=False)
    job.save(update_fields=["file", "sheet"])
    return Stored(job.sheet.name, job.file.name, job.file_name)


def ensure(
    wanted: Sequence[Wanted],
    *,
    fiscal_year_id: int,
    bureau_id: int,
    workers: int = 1,
    progress=None,
) -> dict[tuple[str, int], Stored]:
    """By (document, filing): the stored pages of each wanted document, rendering (on up to
    `workers` processes) and storing those not stored yet or stale by their content hash."""
    found = _found(wanted, fiscal_year_id)
    storage = ReportJob._meta.get_field("sheet").storage
    result: dict[tuple[str, int], Stored] = {}
    missing = []
    for want in wanted:
        stored = found.get((want.key, want.filing_id, want.digest))
        if stored is not None and storage.exists(stored.sheet):
            result[(want.key, want.filing_id)] = stored
        else:
            missing.append(want)
    items = []
    for want in missing:
        printing = registry.kind_of(want.key).filing
        assert printing is not None
        items.append((printing.template, want.content))
    now = timezone.now()
    rendered = pool_map(render_sheet, items, workers)
    for index, (want, pdfs) in enumerate(zip(missing, rendered, strict=True)):
        result[(want.key, want.filing_id)] = _store(want, fiscal_year_id, bureau_id, pdfs, now)
        if progress is not None:
            progress(index + 1, len(missing))
    return result


def read(name: str) -> bytes:
    with ReportJob._meta.get_field("sheet").storage.open(name, "rb") as handle:
        return handle.read()

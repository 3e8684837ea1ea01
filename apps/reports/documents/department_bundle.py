"""A department's bundle: cover, contents, and the document of each of its filings of the year.

Each filing of a kind that prints (per_filing.py) is a section: its document's stored pages
(sheets.py: laid out once per content, rendered and stored first when missing), merged after
the cover and contents, whose page numbers are those of the merged file, and before the
closing opinions; the pages are numbered after merging (paging.py).
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.filings.models import Filing

from .. import paging, pdf
from ..parallel import render_processes
from ..permissions import can_see_department_reports
from . import fingerprints, per_filing, sheets
from .common import (
    DocumentKind,
    Output,
    Progress,
    Target,
    date_text,
    render_print_html,
    safe_name,
    strongest_watermark,
)
from .per_filing import Printed

TEMPLATE = "print/department_bundle.html"
# Bump when what the bundle prints changes in code rather than in its template.
TEMPLATE_VERSION = 1


def _filings(target: Target) -> QuerySet[Filing]:
    """The filings the bundle prints: the department's of the year, of every kind that prints."""
    return per_filing.printed(
        Filing.objects.filter(department=target.department, fiscal_year=target.fiscal_year)
    )


def bundle_content(target: Target) -> dict:
    """The bundle's cover facts and its sections."""
    assert target.department is not None
    year = fingerprints.year_stamp(target.fiscal_year)
    stamps = fingerprints.filing_stamps(_filings(target))
    # The stamped filings only, each with its document's content hash.
    printed = per_filing.print_filings(
        Filing.objects.filter(pk__in=list(stamps)), target.fiscal_year
    )
    digests = [per_filing.filing_digest(p.document, p.filing_id, year, stamps) for p in printed]
    return bundle_from(target, printed, digests)


def bundle_from(target: Target, printed: list[Printed], digests: list[str]) -> dict:
    """A bundle of filings built already (the batch builds them once for both uses), with the
    content hash of each one's document."""
    department = target.department
    assert department is not None
    sections: list[dict[str, Any]] = []
    for index, (item, digest) in enumerate(zip(printed, digests, strict=True), start=1):
        filing = item.document.filing
        assert filing is not None
        sections.append(
            {
                "kind": item.document.key,
                "template": filing.section_template,
                "anchor": f"s{index}",
                "title": filing.title(item.content),
                "content": item.content,
                "filing": item.filing_id,
                "digest": digest,
            }
        )
    # The report date is the day the latest of its filings changed: the same data gives the
    # same document (and content hash) whatever day it is printed.
    days = [datetime.date.fromisoformat(s["content"]["updated_on"]) for s in sections]
    report_date = max(days) if days else timezone.localdate()
    return {
        "scope": f"d{department.pk}",
        "ids": {
            "bureau": target.bureau.pk,
            "fiscal_year": target.fiscal_year.pk,
            "department": department.pk,
        },
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "department": {"name": department.name, "budget_code": department.budget_code},
        "report_date": date_text(report_date),
        "watermark": strongest_watermark([s["content"].get("watermark", "") for s in sections]),
        "sections": sections,
    }


def file_name(content: dict) -> str:
    department = content["department"]
    return safe_name(
        f"{content['year']}年度绩效自评材料-{department['budget_code']}{department['name']}.pdf"
    )


def build(target: Target) -> dict:
    return bundle_content(target)


def digest_of(target: Target, year: dict, stamps: dict[int, list]) -> str:
    """The bundle's content hash from its filings' stamps and the year's."""
    department = target.department
    assert department is not None
    parts: dict[str, Any] = {
        "department": [department.pk, department.updated_at],
        "year": year,
        "filings": fingerprints.in_order(stamps),
        "sections": per_filing.versions(),
    }
    if not stamps:
        # An empty bundle is dated the day it is printed.
        parts["today"] = timezone.localdate().isoformat()
    return fingerprints.digest("department_bundle", TEMPLATE_VERSION, parts)


def fingerprint(target: Target) -> str:
    stamps = fingerprints.filing_stamps(_filings(target))
    return digest_of(target, fingerprints.year_stamp(target.fiscal_year), stamps)


def wanted(content: dict) -> list[sheets.Wanted]:
    """The documents of the bundle's filings, as sheets.ensure takes them."""
    department = content["ids"]["department"]
    return [
        sheets.Wanted(s["kind"], s["filing"], department, s["digest"], s["content"])
        for s in content["sections"]
    ]


def _frame(content: dict, sections: list[int], front: int) -> tuple[bytes, int, int]:
    """Cover, contents and opinions, the contents giving each section's first page when the
    cover and contents take `front` pages; with the pages they really took (front, all)."""
    page = front + 1
    listed = []
    for section, pages in zip(content["sections"], sections, strict=True):
        listed.append({"title": section["title"], "page": page})
        page += pages
    framed = {**content, "sections": listed, "opinions_page": page}
    rendered = pdf.render_pdf(render_print_html(TEMPLATE, framed), numbered=False)
    return rendered.data, rendered.anchors["opinions"], rendered.pages


def assemble(content: dict, pages: list[bytes]) -> bytes:
    """The bundle from its sections' stored pages (in its sections' order)."""
    counts = [paging.page_count(data) for data in pages]
    front = 2  # the cover and one page of contents, unless the contents are longer
    for _attempt in range(3):
        frame, taken, total = _frame(content, counts, front)
        if taken == front:
            break
        front = taken
    return paging.merged(
        [(frame, range(front)), *[(data, None) for data in pages], (frame, range(front, total))]
    )


def produce(content: dict, progress: Progress) -> Output:
    ids = content["ids"]
    stored = sheets.ensure(
        wanted(content),
        fiscal_year_id=ids["fiscal_year"],
        bureau_id=ids["bureau"],
        workers=render_processes(),
        progress=progress,
    )
    pages = [sheets.read(stored[(s["kind"], s["filing"])].sheet) for s in content["sections"]]
    return Output(file_name=file_name(content), data=assemble(content, pages))


KIND = DocumentKind(
    key="department_bundle",
    label=gettext_lazy("Department bundle"),
    scope="department",
    build=build,
    fingerprint=fingerprint,
    produce=produce,
    may_request=can_see_department_reports,
)

"""A department's bundle: cover, contents, and the document of each of its filings of the year.

Each filing of a kind that prints (per_filing.py) is a section, printed by its own document's
section template and listed in the table of contents.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.filings.models import Filing

from ..permissions import can_see_department_reports
from . import fingerprints, per_filing
from .common import (
    DocumentKind,
    Output,
    Progress,
    Target,
    date_text,
    pdf_output,
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
    return bundle_from(target, per_filing.print_filings(_filings(target), target.fiscal_year))


def bundle_from(target: Target, printed: list[Printed]) -> dict:
    """A bundle of filings built already (the batch builds them once for both uses)."""
    department = target.department
    assert department is not None
    sections: list[dict[str, Any]] = []
    for index, item in enumerate(printed, start=1):
        filing = item.document.filing
        assert filing is not None
        sections.append(
            {
                "kind": item.document.key,
                "template": filing.section_template,
                "anchor": f"s{index}",
                "title": filing.title(item.content),
                "content": item.content,
            }
        )
    # The report date is the day the latest of its filings changed: the same data gives the
    # same document (and content hash) whatever day it is printed.
    days = [datetime.date.fromisoformat(s["content"]["updated_on"]) for s in sections]
    report_date = max(days) if days else timezone.localdate()
    return {
        "scope": f"d{department.pk}",
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


def produce(content: dict, progress: Progress) -> Output:
    return pdf_output(TEMPLATE, content, file_name(content), progress)


KIND = DocumentKind(
    key="department_bundle",
    label=gettext_lazy("Department bundle"),
    scope="department",
    build=build,
    fingerprint=fingerprint,
    produce=produce,
    may_request=can_see_department_reports,
)

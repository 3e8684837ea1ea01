"""A department's bundle: cover, contents, and every project table of the year.

The department documents (部门整体 自评表, 打分表, 评价报告) slot in later as more sections:
a section is a template and its content, listed in the table of contents.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.evaluations.models import Filing

from ..permissions import can_see_department_reports
from . import fingerprints, project_table
from .common import (
    DocumentKind,
    Output,
    Progress,
    Target,
    date_text,
    pdf_output,
    safe_name,
)
from .project_table import load_filings, project_contents

TEMPLATE = "print/department_bundle.html"
# Bump when what the bundle prints changes in code rather than in its template.
TEMPLATE_VERSION = 1
SECTION_TEMPLATES = {"project_table": "print/_project_table.html"}


def _filings(target: Target, *, approved_only: bool = False) -> QuerySet[Filing]:
    """The filings the bundle prints; approved_only keeps approved filings only."""
    filings = Filing.objects.filter(
        department=target.department, fiscal_year=target.fiscal_year, kind=Filing.Kind.PROJECT
    )
    if approved_only:
        filings = filings.filter(status__in=(Filing.Status.APPROVED, Filing.Status.PUBLISHED))
    return filings


def bundle_content(target: Target, *, approved_only: bool = False) -> dict:
    """The bundle's cover facts and its sections; approved_only keeps approved filings only."""
    assert target.department is not None
    filings = _filings(target, approved_only=approved_only)
    loaded = load_filings(filings.values_list("pk", flat=True))
    contents = project_contents(loaded, target.fiscal_year)
    return bundle_from_projects(target, [contents[f.pk] for f in loaded])


def bundle_from_projects(target: Target, projects: list[dict]) -> dict:
    """A bundle of already built project contents (the batch builds them once for both uses)."""
    department = target.department
    assert department is not None
    sections: list[dict[str, Any]] = [
        {
            "kind": "project_table",
            "template": SECTION_TEMPLATES["project_table"],
            "anchor": f"s{index}",
            "title": f"项目支出绩效自评表——{content['project']['name']}",
            "content": content,
        }
        for index, content in enumerate(projects, start=1)
    ]
    # The report date is the day the latest of its filings changed: the same data gives the
    # same document (and content hash) whatever day it is printed.
    days = [datetime.date.fromisoformat(c["updated_on"]) for c in projects]
    report_date = max(days) if days else timezone.localdate()
    return {
        "scope": f"d{department.pk}",
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "department": {"name": department.name, "budget_code": department.budget_code},
        "report_date": date_text(report_date),
        "draft": not sections or any(s["content"]["draft"] for s in sections),
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
        "sections": project_table.TEMPLATE_VERSION,
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

"""A bureau's summary of a year: every project with its self and review results and state."""

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext_lazy

from apps.budgets.models import Project
from apps.filings.models import Filing, FilingRevision
from apps.reviews.models import Review

from ..permissions import can_see_year_reports
from . import fingerprints
from .common import (
    APPROVED_STATUSES,
    WATERMARK_DRAFT,
    DocumentKind,
    Output,
    Progress,
    Target,
    merge_rows,
    pdf_output,
    percent_text,
    safe_name,
    score_text,
)

TEMPLATE = "print/bureau_summary.html"
# Bump when what the summary prints changes in code rather than in its template.
TEMPLATE_VERSION = 1
NOT_STARTED = "未填报"


def _latest_reviews(filing_ids: list[int]) -> dict[int, Review]:
    """The latest review (decided first) of each filing's latest revision."""
    latest: dict[int, int] = {}
    for filing_id, revision_id in (
        FilingRevision.objects.filter(filing_id__in=filing_ids)
        .order_by("filing_id", "-number")
        .values_list("filing_id", "id")
    ):
        latest.setdefault(filing_id, revision_id)
    chosen: dict[int, Review] = {}
    for review in Review.objects.filter(revision_id__in=latest.values()).order_by(
        "-decided_at", "-created_at", "-id"
    ):
        if review.total_score is not None or review.grade:
            chosen.setdefault(review.filing_id, review)
    return chosen


def summary_content(target: Target) -> dict:
    """One row per project of the bureau's year, grouped by department."""
    projects = list(
        Project.objects.filter(fiscal_year=target.fiscal_year)
        .select_related("department", "filing")
        .order_by("department__budget_code", "code", "pk")
    )
    filings = {p.pk: getattr(p, "filing", None) for p in projects}
    reviews = _latest_reviews([f.pk for f in filings.values() if f is not None])
    rows = []
    counts = {"projects": len(projects), "approved": 0, "not_started": 0}
    for project in projects:
        filing = filings[project.pk]
        review = reviews.get(filing.pk) if filing else None
        if filing is None:
            counts["not_started"] += 1
        elif filing.status in APPROVED_STATUSES:
            counts["approved"] += 1
        rows.append(
            {
                "department": f"{project.department.name}（{project.department.budget_code}）",
                "project": project.name,
                "self_score": score_text(filing.total_score) if filing else "",
                "self_grade": filing.grade if filing else "",
                "review_score": score_text(review.total_score) if review else "",
                "review_grade": review.grade if review else "",
                "rate": percent_text(filing.execution_rate) if filing else "",
                "state": str(filing.get_status_display()) if filing else NOT_STARTED,
            }
        )
    scope = f"y{target.fiscal_year.pk}"
    return {
        "scope": scope,
        "year": target.fiscal_year.year,
        "bureau": target.bureau.name,
        "rows": merge_rows(rows, ("department",), scope=scope),
        "counts": counts,
        # Final once every project of the year is approved.
        "watermark": WATERMARK_DRAFT if counts["approved"] < counts["projects"] else "",
    }


def file_name(content: dict) -> str:
    return safe_name(f"{content['year']}年度项目支出绩效自评结果汇总表-{content['bureau']}.pdf")


def fingerprint(target: Target) -> str:
    """The summary's content hash: the year's projects, their filings and reviews, as
    aggregates the database computes (a fixed number of queries, little to read)."""
    year = target.fiscal_year
    projects = Project.objects.filter(fiscal_year=year).aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        changed=Max("updated_at"),
        departments=Sum("department_id"),
        departments_at=Max("department__updated_at"),
    )
    parts = {
        "year": [year.pk, year.year, year.updated_at, target.bureau.pk, target.bureau.updated_at],
        "projects": projects,
        "filings": fingerprints.set_stamp(Filing.objects.filter(project__fiscal_year=year)),
    }
    return fingerprints.digest("bureau_summary", TEMPLATE_VERSION, parts)


def produce(content: dict, progress: Progress) -> Output:
    return pdf_output(TEMPLATE, content, file_name(content), progress)


KIND = DocumentKind(
    key="bureau_summary",
    label=gettext_lazy("Summary of the year"),
    scope="bureau",
    build=summary_content,
    fingerprint=fingerprint,
    produce=produce,
    may_request=can_see_year_reports,
)

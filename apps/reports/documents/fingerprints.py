"""Content hashes from cheap inputs, so that asking for a document never builds it.

A document is rebuilt from its filings (version, status, who they belong to), the reviews it can
show, the year's print settings and its template version. Each of these has a version or an
`updated_at` that only moves forward, so the same stamps mean the same document. Each function
here costs a fixed number of queries however many filings a document holds; what asks for a
year's documents (its summary, its zip) stamps the year's filings as one set, in aggregates the
database computes (`set_stamp`), so the request costs the same for 100 filings or 30,000.
"""

import hashlib
import json
from collections.abc import Callable

from django.db.models import Count, Max, Q, QuerySet, Sum

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.indicators.models import IndicatorCategory, ScoringPolicy
from apps.reviews.models import Review

from .common import layout_fingerprint

Stamp = list

# What else the prints of a year read, stamped by the apps after this one that hold it (a
# bureau's outlines of the narrative reports): name → the stamp of a year, in one query.
_year_parts: dict[str, Callable[[FiscalYear], object]] = {}


def register_year_part(name: str, stamp: Callable[[FiscalYear], object]) -> None:
    """Add a part of every year's stamp; registering a name again replaces it."""
    _year_parts[name] = stamp


def digest(kind: str, version: int, parts: dict) -> str:
    """SHA-256 of a kind, its template version, the print layout files and the stamps."""
    payload = json.dumps(
        {"kind": kind, "version": version, "layout": layout_fingerprint(), "parts": parts},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def year_stamp(fiscal_year: FiscalYear) -> dict:
    """What a year's prints depend on besides the filings: policies (with layouts), categories,
    and the parts other apps registered."""
    bureau = fiscal_year.bureau
    policies = (
        ScoringPolicy.objects.filter(fiscal_year=fiscal_year)
        .values_list("pk", "updated_at")
        .annotate(weights_at=Max("group_weights__updated_at"), weights=Count("group_weights"))
        .order_by("pk")
    )
    categories = IndicatorCategory.objects.filter(bureau_id=bureau.pk).aggregate(
        changed=Max("updated_at"), count=Count("pk")
    )
    return {
        "year": [fiscal_year.pk, fiscal_year.year, fiscal_year.updated_at],
        "bureau": [bureau.pk, bureau.updated_at],
        "policies": [list(p) for p in policies],
        "categories": [categories["changed"], categories["count"]],
        "parts": {name: stamp(fiscal_year) for name, stamp in sorted(_year_parts.items())},
    }


def _review_stamps(reviews: QuerySet[Review]) -> dict[int, list[Stamp]]:
    """By filing: each review's id, decision, total and grade, and the last change of its rows."""
    stamps: dict[int, list[Stamp]] = {}
    for filing_id, *stamp in (
        reviews.values_list(
            "filing_id",
            "pk",
            "revision_id",
            "decision",
            "decided_at",
            "total_score",
            "grade",
            "updated_at",
        )
        .annotate(rows_at=Max("rows__updated_at"), row_count=Count("rows"))
        .order_by("filing_id", "pk")
    ):
        stamps.setdefault(filing_id, []).append(stamp)
    return stamps


def filing_stamps(filings: QuerySet[Filing]) -> dict[int, Stamp]:
    """By filing id: its version and status, its project's and department's last change, its
    reviews (every review of the filing: a superset of the ones a document shows)."""
    rows = filings.order_by().values_list(
        "pk",
        "version",
        "status",
        "updated_at",
        "total_score",
        "grade",
        "execution_rate",
        "department_id",
        "department__updated_at",
        "project_id",
        "project__updated_at",
    )
    reviews = _review_stamps(Review.objects.filter(filing__in=filings.order_by().values("pk")))
    return {row[0]: [*row, reviews.get(row[0], [])] for row in rows}


def set_stamp(filings: QuerySet[Filing]) -> dict:
    """A whole set of filings in aggregates computed by the database (two queries however many):
    which filings (count, sum of ids, how many in each state), their versions, and the last
    change of them, their departments, projects, reviews and reviewed rows.

    A filing entering or leaving the set changes the count or the sum of ids and, entering, the
    last change; any save moves an `updated_at` forward and a filing's save its version.
    """
    statuses = {
        f"n_{status}": Count("pk", filter=Q(status=status)) for status in Filing.Status.values
    }
    found = filings.order_by().aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        versions=Sum("version"),
        changed=Max("updated_at"),
        departments=Sum("department_id"),
        departments_at=Max("department__updated_at"),
        projects=Sum("project_id"),
        projects_at=Max("project__updated_at"),
        **statuses,
    )
    reviews = Review.objects.filter(filing__in=filings.order_by().values("pk")).aggregate(
        count=Count("pk", distinct=True),
        ids=Sum("pk", distinct=True),
        changed=Max("updated_at"),
        decided=Max("decided_at"),
        row_count=Count("rows"),
        rows_at=Max("rows__updated_at"),
    )
    return {"filings": found, "reviews": reviews}


def in_order(stamps: dict[int, Stamp]) -> list[Stamp]:
    """The stamps sorted by filing id: the same filings give the same list."""
    return [stamps[pk] for pk in sorted(stamps)]

"""The year's counts for the dashboard, computed once for each state of the year's data.

Counting a city's year (thirty thousand filings) takes the database tens of milliseconds; the
dashboard is opened far more often than the year changes. So the counts are kept in the cache
under a stamp of everything they are counted from, read in one indexed query: the number and
last change of the year's filings (and of their derived review columns), of its projects, and
of the bureau's departments, and the year's execution weight. Any save, transition, review,
new project or new department moves the stamp, and the next request counts again.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from apps.budgets.models import FiscalYear, Project
from apps.filings.models import Filing
from apps.organizations.models import Department

from . import tally as tally_module
from .selectors import unfiled_projects_of

KEPT_SECONDS = 3600


@dataclass(frozen=True)
class YearCounts:
    """What the dashboard counts over the whole year."""

    tally: tally_module.Tally
    not_started: tuple[int, ...]  # the departments with no filing yet, by budget code
    departments: int  # the bureau's departments


def _latest(rows: QuerySet, column: str) -> Subquery:
    """The latest value of a column among the rows: the first along its index, read backwards
    (an aggregate MAX in a subquery would read every row)."""
    present = rows.filter(**{f"{column}__isnull": False})
    return Subquery(present.order_by(F(column).desc()).values(column)[:1])


def stamp_of(fiscal_year: FiscalYear) -> tuple:
    """Everything the counts depend on, in one query of index lookups (no count: a count reads
    every row). A row added or changed moves a latest updated_at (or, for a review, the filing's
    derived_at); a row removed moves its year's or its bureau's updated_at (receivers.py)."""
    filings = Filing.objects.filter(fiscal_year=OuterRef("pk"))
    projects = Project.objects.filter(fiscal_year=OuterRef("pk"))
    departments = Department.objects.filter(bureau_id=OuterRef("bureau_id"))
    return tuple(
        FiscalYear.objects.filter(pk=fiscal_year.pk)
        .annotate(
            stamp_filings=_latest(filings, "updated_at"),
            stamp_derived=_latest(filings, "derived_at"),
            stamp_projects=_latest(projects, "updated_at"),
            stamp_departments=_latest(departments, "updated_at"),
        )
        .values_list(
            "updated_at",
            "bureau__updated_at",
            "stamp_filings",
            "stamp_derived",
            "stamp_projects",
            "stamp_departments",
        )
        .get()
    )


def _count(fiscal_year: FiscalYear, weight: Decimal) -> YearCounts:
    unfiled = unfiled_projects_of(fiscal_year=fiscal_year).count()
    groups = tally_module.grouped(Filing.objects.filter(fiscal_year=fiscal_year), weight)
    started = Filing.objects.filter(fiscal_year=fiscal_year, department=OuterRef("pk"))
    waiting = (
        Department.objects.filter(bureau_id=fiscal_year.bureau_id)
        .filter(~Exists(started))
        .order_by("budget_code")
        .values_list("pk", flat=True)
    )
    return YearCounts(
        tally=tally_module.tally_of(groups, unfiled_projects=unfiled),
        not_started=tuple(waiting),
        departments=Department.objects.filter(bureau_id=fiscal_year.bureau_id).count(),
    )


def year_counts(fiscal_year: FiscalYear, weight: Decimal) -> YearCounts:
    """The year's counts: from the cache while the stamp holds, else counted and kept."""
    stamp = hashlib.sha256(repr((weight, stamp_of(fiscal_year))).encode()).hexdigest()
    key = f"dashboard:counts:{fiscal_year.pk}:{stamp}"
    counts = cache.get(key)
    if counts is None:
        counts = _count(fiscal_year, weight)
        cache.set(key, counts, KEPT_SECONDS)
    return counts

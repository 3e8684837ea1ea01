"""The dashboard page's reads: the year's counts from the database, and one page of each list.

A fixed number of queries however many departments and filings the year has: the counts are
grouped in the database (tally.py), and each list (departments with their filings, the
departments not started, the scores) shows PAGE_SIZE rows at a time. The Excel downloads keep
the whole lists (selectors.dashboard_of).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from apps.budgets.models import FiscalYear
from apps.core.links import link_maker
from apps.filings.kinds import registered
from apps.filings.models import Filing
from apps.indicators.models import Framework

from . import aggregation as agg
from . import html
from . import tally as tally_module
from .counts import year_counts
from .rows import BADGE_CLASSES, Chip, DepartmentRow, FilingItem, PageRow
from .selectors import (
    departments_of,
    execution_weight_of,
    filing_item,
    unfiled_projects_of,
)

PAGE_SIZE = 50
SCORE_ROW_FIELDS = (
    "kind",
    "status",
    "total_score",
    "grade",
    "review_score",
    "execution_rate",
    "department_id",
    "fiscal_year_id",
    "project__name",
    "project__code",
    "department__name",
)
SCORED_STATUSES = [s for s in Filing.Status.values if agg.filing_state(s) in agg.SCORED_STATES]


@dataclass
class Overview:
    """What the dashboard page shows for one fiscal year."""

    fiscal_year: FiscalYear
    execution_weight: Decimal
    tally: tally_module.Tally
    department_count: int
    department_page: Page
    not_started_page: Page
    scored_page: Page

    @property
    def departments(self) -> list[PageRow]:
        return list(self.department_page.object_list)

    @property
    def not_started(self) -> list[DepartmentRow]:
        return list(self.not_started_page.object_list)

    @property
    def not_started_count(self) -> int:
        return self.not_started_page.paginator.count

    @property
    def scored(self) -> list[FilingItem]:
        return list(self.scored_page.object_list)

    @property
    def department_rows(self) -> str:
        department_url = link_maker("budgets:department_detail", "department_pk")
        return html.department_rows(self.departments, department_url)

    @property
    def not_started_rows(self) -> str:
        department_url = link_maker("budgets:department_detail", "department_pk")
        return html.not_started_rows(self.not_started, department_url)

    @property
    def score_rows(self) -> str:
        return html.score_rows(self.scored, link_maker("filings:page", "filing_pk"))

    @property
    def scored_count(self) -> int:
        return self.tally.scored

    @property
    def items_count(self) -> int:
        return self.tally.items

    @property
    def warning_count(self) -> int:
        return self.tally.warnings

    @property
    def state_rows(self) -> list[tuple[str, str, str, int]]:
        """(state, label, badge class, count) for the state table."""
        return [
            (state, str(agg.STATE_LABELS[state]), BADGE_CLASSES[state], count)
            for state, count in self.tally.states.items()
        ]

    @property
    def histogram_rows(self) -> list[tuple[str, int, int]]:
        """(bin label, self-evaluation count, review count) per score bin."""
        return list(zip(agg.BIN_LABELS, self.tally.own, self.tally.review, strict=True))

    @property
    def days_left(self) -> int:
        return self.fiscal_year.days_left()

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    def chart_data(self) -> dict[str, Any]:
        """The counts again, shaped for the charts (json_script); a bubble per band pair."""

        def bubbles(warned: int) -> list[dict[str, Any]]:
            return [
                {"x": rate * 10 + 5, "y": own * 10 + 5, "n": counts[warned]}
                for (rate, own), counts in sorted(self.tally.bubbles.items())
                if counts[warned]
            ]

        states = self.state_rows
        return {
            "states": {
                "labels": [label for _state, label, _badge, _count in states],
                "counts": [count for _state, _label, _badge, count in states],
            },
            "histogram": {
                "labels": list(agg.BIN_LABELS),
                "self": list(self.tally.own),
                "review": list(self.tally.review),
                "selfLabel": _("Self-evaluation scores"),
                "reviewLabel": _("Review scores"),
                "yLabel": _("Number of filings"),
            },
            "scatter": {
                "normal": bubbles(0),
                "warning": bubbles(1),
                "normalLabel": _("Filings"),
                "warningLabel": _("Score share above execution rate"),
                "xLabel": _("Execution rate (%)"),
                "yLabel": _("Self-evaluation score"),
                "countLabel": _("Number of filings"),
            },
        }


def _department_rows(fiscal_year: FiscalYear, page: Page) -> None:
    """Turn the page's departments into rows with their filings and unfiled projects."""
    rows = {department.pk: PageRow(department=department) for department in page}
    states = {state: str(label) for state, label in agg.STATE_LABELS.items()}
    statuses = {value: str(label) for value, label in Filing.Status.choices}
    kinds = {kind.key: str(kind.label) for kind in registered()}
    filing_url = link_maker("filings:page", "filing_pk")
    project_url = link_maker("budgets:project_detail", "project_pk")
    filings = (
        Filing.objects.filter(fiscal_year=fiscal_year, department_id__in=list(rows))
        .order_by("kind", "project__code", "pk")
        .values_list("pk", "department_id", "kind", "status", "project__name", "project__code")
    )
    for pk, department_id, kind, status, project_name, code in filings:
        state = agg.filing_state(status)
        rows[department_id].items.append(
            Chip(
                name=project_name or kinds.get(kind, kind),
                state=state,
                state_label=states[state],
                url=filing_url(pk),
                status_label=statuses[status],
                code=code or "",
                is_project=project_name is not None,
                filed=True,
            )
        )
    projects = unfiled_projects_of(fiscal_year=fiscal_year).filter(department_id__in=list(rows))
    for pk, department_id, name, code in projects.values_list(
        "pk", "department_id", "name", "code"
    ):
        rows[department_id].items.append(
            Chip(
                name=name,
                state=agg.NOT_STARTED,
                state_label=states[agg.NOT_STARTED],
                url=project_url(pk),
                code=code,
                is_project=True,
            )
        )
    for row in rows.values():
        # The department's own filing first, then its projects by code, filed or not.
        row.items.sort(key=lambda item: (item.is_project, item.code))
        row.chips = html.chips(row.items)
    _show(page, list(rows.values()))


def _show(page: Page, rows: list[Any]) -> None:
    """Let the page show the rows built from its objects (its numbering stays)."""
    page.object_list = rows


def overview_of(*, fiscal_year: FiscalYear, pages: dict[str, Any]) -> Overview:
    """The dashboard of a fiscal year; `pages` holds the page asked for of each list."""
    weight = execution_weight_of(fiscal_year=fiscal_year, framework=Framework.PROJECT)
    counts = year_counts(fiscal_year, weight)
    tally = counts.tally
    departments = departments_of(fiscal_year=fiscal_year)
    department_paginator = Paginator(departments, PAGE_SIZE)
    department_paginator.count = counts.departments  # type: ignore[misc]  # kept with the rest
    department_page = department_paginator.get_page(pages.get("page"))
    _department_rows(fiscal_year, department_page)

    not_started_page = Paginator(counts.not_started, PAGE_SIZE).get_page(pages.get("waiting"))
    shown = {
        d.pk: d
        for d in departments.filter(pk__in=list(not_started_page)).annotate(
            project_total=Count("projects", filter=Q(projects__fiscal_year=fiscal_year))
        )
    }
    _show(
        not_started_page,
        [
            DepartmentRow(department=shown[pk], project_total=shown[pk].project_total)
            for pk in not_started_page
            if pk in shown
        ],
    )

    scored = (
        Filing.objects.filter(fiscal_year=fiscal_year, status__in=SCORED_STATUSES)
        .select_related("project", "department")
        # Only what a scores row shows: fifty filings, projects and departments made lighter.
        .only(*SCORE_ROW_FIELDS)
        # In the order they reached the bureau: read along an index, not sorted, however many.
        .order_by(F("submitted_at").asc(nulls_last=True), "pk")
    )
    scored_paginator = Paginator(scored, PAGE_SIZE)
    scored_paginator.count = tally.scored  # type: ignore[misc]  # counted with the rest
    scored_page = scored_paginator.get_page(pages.get("scores"))
    _show(scored_page, [filing_item(f, f.department, weight) for f in scored_page])
    return Overview(
        fiscal_year=fiscal_year,
        execution_weight=weight,
        tally=tally,
        department_count=department_page.paginator.count,
        department_page=department_page,
        not_started_page=not_started_page,
        scored_page=scored_page,
    )

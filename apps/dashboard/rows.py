"""The rows the dashboard shows and exports: plain objects built once per request."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from apps.budgets.models import FiscalYear
from apps.organizations.models import Department

from . import aggregation as agg

BADGE_CLASSES = {
    agg.NOT_STARTED: "text-bg-secondary",
    agg.DRAFT: "text-bg-light border",
    agg.SUBMITTED: "text-bg-primary",
    agg.RETURNED: "text-bg-warning",
    agg.PASSED: "text-bg-success",
}


@dataclass(frozen=True)
class FilingItem:
    """One filing of a department, or a project that has none yet."""

    department: Department
    name: str
    kind_label: str
    state: str
    code: str = ""
    status_label: str = ""
    project_id: int | None = None
    filing_id: int | None = None
    self_score: Decimal | None = None
    grade: str = ""
    review_score: Decimal | None = None
    execution_rate: Decimal | None = None
    check: agg.ShareCheck | None = None

    @property
    def state_label(self) -> str:
        return str(agg.STATE_LABELS[self.state])

    @property
    def badge_class(self) -> str:
        return BADGE_CLASSES[self.state]

    @property
    def department_name(self) -> str:
        return self.department.name

    @property
    def gap(self) -> Decimal | None:
        return agg.score_gap(self.self_score, self.review_score)

    @property
    def execution_rate_percent(self) -> Decimal | None:
        rate = self.execution_rate
        return agg.rounded(rate * agg.HUNDRED if rate is not None else None)

    @property
    def share_percent(self) -> Decimal | None:
        return agg.rounded(self.check.share if self.check else None)

    @property
    def excess_points(self) -> Decimal | None:
        return agg.rounded(self.check.excess if self.check else None)

    @property
    def warning(self) -> bool:
        return bool(self.check and self.check.warning)

    @property
    def warning_text(self) -> str:
        return _("Yes") if self.warning else ""


@dataclass(frozen=True)
class Chip:
    """A filing (or a project not started) as the department table names it: plain strings,
    made once per request (labels translated once, links from a pattern)."""

    name: str
    state: str
    state_label: str
    url: str
    status_label: str = ""
    code: str = ""
    is_project: bool = False
    filed: bool = False

    @property
    def badge_class(self) -> str:
        return BADGE_CLASSES[self.state]


class _DepartmentNamed:
    """What every row of a department shows of it: code, name, parent, contact."""

    department: Department

    @property
    def budget_code(self) -> str:
        return self.department.budget_code

    @property
    def name(self) -> str:
        return self.department.name

    @property
    def parent_name(self) -> str:
        parent = self.department.parent
        return parent.name if parent else ""

    @property
    def contact_person(self) -> str:
        return self.department.contact_person

    @property
    def contact_phone(self) -> str:
        return self.department.contact_phone


@dataclass
class PageRow(_DepartmentNamed):
    """A department of the dashboard's page with its chips and the count of each state."""

    department: Department
    items: list[Chip] = field(default_factory=list)
    chips: str = ""  # the items as HTML (html.chips)

    @property
    def counts(self) -> dict[str, int]:
        return agg.state_counts(item.state for item in self.items)

    @property
    def count_cells(self) -> list[tuple[str, int]]:
        return list(self.counts.items())

    @property
    def started(self) -> bool:
        """True once the department has created any filing for the year."""
        return any(item.filed for item in self.items)


@dataclass
class DepartmentRow(_DepartmentNamed):
    """A department with its filings (and unfiled projects) and the count per state."""

    department: Department
    items: list[FilingItem] = field(default_factory=list)
    # Counted in the database when the items are not loaded (the departments not started).
    project_total: int | None = None

    @property
    def project_count(self) -> int:
        if self.project_total is not None:
            return self.project_total
        return sum(1 for item in self.items if item.project_id is not None)

    @cached_property
    def counts(self) -> dict[str, int]:
        return agg.state_counts(item.state for item in self.items)

    @property
    def count_cells(self) -> list[tuple[str, int]]:
        """(state, count) in display order, for the table's columns."""
        return list(self.counts.items())

    @property
    def started(self) -> bool:
        """True once the department has created any filing for the year."""
        return any(item.filing_id is not None for item in self.items)

    @property
    def filings_text(self) -> str:
        """The filings and their states on one line, for the spreadsheet."""
        return "\n".join(
            _("%(name)s: %(state)s") % {"name": item.name, "state": item.state_label}
            for item in self.items
        )


@dataclass
class Dashboard:
    """A fiscal year's whole lists, for the Excel downloads (the page shows overview.py)."""

    fiscal_year: FiscalYear
    execution_weight: Decimal
    departments: list[DepartmentRow]

    @cached_property
    def not_started(self) -> list[DepartmentRow]:
        return [row for row in self.departments if not row.started]

    @cached_property
    def scored(self) -> list[FilingItem]:
        """Filings that reached the bureau at least once; drafts are left out of scores."""
        return [
            item
            for row in self.departments
            for item in row.items
            if item.state in agg.SCORED_STATES
        ]

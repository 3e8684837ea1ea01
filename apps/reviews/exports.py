"""The review queue's lists as workbooks: the filtered queue, and the year's review summary.

Rows are plain objects over the queue's annotated filings (selectors.review_queue), so a list
exports exactly what the page lists, every page of it, in the same order.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from apps.filings.models import Filing

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class QueueRow:
    """One filing of the queue as its workbook row shows it."""

    filing: Filing

    @property
    def department_name(self) -> str:
        return self.filing.department.name

    @property
    def budget_code(self) -> str:
        return self.filing.department.budget_code

    @property
    def project_code(self) -> str:
        return self.filing.project.code if self.filing.project else ""

    @property
    def project_name(self) -> str:
        return self.filing.project.name if self.filing.project else ""

    @property
    def kind_label(self) -> str:
        return str(self.filing.kind_label)

    @property
    def status_label(self) -> str:
        return str(self.filing.get_status_display())

    @property
    def revision_number(self) -> int | None:
        return getattr(self.filing, "revision_number", None)

    @property
    def self_score(self) -> Decimal | None:
        return self.filing.total_score

    @property
    def grade(self) -> str:
        return self.filing.grade

    @property
    def review_score(self) -> Decimal | None:
        score = getattr(self.filing, "review_score", None)
        return None if score is None else Decimal(score).quantize(CENT)

    @property
    def review_grade(self) -> str:
        return getattr(self.filing, "review_grade", None) or ""

    @property
    def execution_rate_percent(self) -> Decimal | None:
        rate = self.filing.execution_rate
        return None if rate is None else (rate * HUNDRED).quantize(CENT)

    @property
    def reviewers(self) -> str:
        return "、".join(str(a.reviewer) for a in self.filing.assignments.all())

    @property
    def submitted_at_text(self) -> str:
        submitted = getattr(self.filing, "submitted_at", None)
        if submitted is None:
            return ""
        return timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M")


def queue_rows(filings: Iterable[Filing]) -> list[QueueRow]:
    return [QueueRow(filing) for filing in filings]

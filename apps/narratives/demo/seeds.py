"""The shapes the demo reports are written in: a report's sections and its 支付明细表."""

from dataclasses import dataclass
from decimal import Decimal

from apps.budgets.demo import BureauSeed, wan

# The filing kinds the demo's reports belong to (this app never imports a kind's app).
DEPARTMENT = "department"
PROJECT = "project"


@dataclass(frozen=True)
class PaymentSeed:
    """A 支付明细表 row (or its 合计) as printed, in 元."""

    name: str
    budget: Decimal | None
    applied: Decimal | None
    used: Decimal | None


def paid(name: str, budget: str, applied: str, used: str) -> PaymentSeed:
    """A row printed in 万元, in 元."""
    return PaymentSeed(name, wan(budget), wan(applied), wan(used))


def total(budget: str, applied: str, used: str) -> PaymentSeed:
    """The 合计 row as printed, in 元 (it has no name of its own, as the form types it)."""
    return paid("", budget, applied, used)


def section(key: str, *paragraphs: str) -> tuple[str, tuple[str, ...]]:
    """A section's paragraphs under its outline key, a paragraph a line."""
    return key, paragraphs


@dataclass(frozen=True)
class ReportSeed:
    """A published report: its sections' paragraphs by the outline's keys, in print order."""

    bureau: BureauSeed
    department: str
    # (key, paragraphs): a paragraph a line, as published; sections printed empty are left out.
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    project: str = ""  # blank: the department's own filing
    payments: tuple[PaymentSeed, ...] = ()
    payment_total: PaymentSeed | None = None

    @property
    def filing_kind(self) -> str:
        return PROJECT if self.project else DEPARTMENT

    @property
    def bodies(self) -> dict[str, str]:
        return {key: "\n".join(paragraphs) for key, paragraphs in self.sections}


@dataclass(frozen=True)
class OutlineSeed:
    """A bureau's outline for the seed's year, where its reports are not the layout's default."""

    bureau: BureauSeed
    filing_kind: str
    text: str

"""What a kind of filing tells the reports: which topics its data can draft, the figures it holds
now, and the drafted paragraphs of a topic. A kind registers a `ReportKind` in its
`AppConfig.ready`; this app never imports a kind's app."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from apps.filings.models import Filing

from .figures import Paragraph, Source

Sources = Mapping[str, Source]


@dataclass(frozen=True)
class ReportKind:
    filing_kind: str
    # topic → what the data drafts for it (shown to a bureau editing an outline).
    topics: Mapping[str, str]
    # The figures the filing's saved data holds now, by source key.
    sources: Callable[[Filing], dict[str, Source]]
    # The paragraphs drafted for a topic from those figures ([] when the data says nothing).
    draft: Callable[[Filing, str, Sources], Sequence[Paragraph]]
    # {year}, {department}, {project} of the outline's titles.
    names: Callable[[Filing], dict[str, str]]
    # The filing's 全年执行数 in 元, which the 支付明细表's 使用金额 must add up to.
    executed: Callable[[Filing], Decimal | None] = field(default=lambda filing: None)


_kinds: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> None:
    """Add a kind's report; its filings' reports print after their tables from now on."""
    from .documents import register_for  # documents reads this registry

    _kinds[kind.filing_kind] = kind
    register_for(kind.filing_kind)


def unregister(filing_kind: str) -> None:
    from .documents import unregister_for

    _kinds.pop(filing_kind, None)
    unregister_for(filing_kind)


def report_kind(filing_kind: str) -> ReportKind | None:
    return _kinds.get(filing_kind)


def reported_kinds() -> list[str]:
    return list(_kinds)

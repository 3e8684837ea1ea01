"""Reads of a filing's report: its outline, sections, payment rows and the figures' flags."""

from dataclasses import dataclass, field

from apps.filings.kinds import shown_kind
from apps.filings.models import Filing
from apps.indicators.models import ScoringPolicy

from . import shipped
from .figures import Flag, Source, flags
from .models import PaymentRow, ReportOutline, ReportSection
from .outlines import Outline, OutlineError, parse_outline
from .registry import ReportKind, report_kind


def default_outline_name(filing_kind: str, layout: str) -> str:
    """The shipped outline a layout's reports start from."""
    return shipped.BY_LAYOUT.get((filing_kind, layout)) or shipped.BY_LAYOUT[(filing_kind, "")]


def _layout_key(filing: Filing) -> str:
    framework = shown_kind(filing.kind).framework
    if not framework:
        return ""
    return (
        ScoringPolicy.objects.filter(fiscal_year_id=filing.fiscal_year_id, framework=framework)
        .values_list("layout", flat=True)
        .first()
        or ""
    )


def default_outline_text(filing_kind: str, layout: str) -> str:
    return shipped.OUTLINES[default_outline_name(filing_kind, layout)][1]


def outline_of(filing: Filing, kind: ReportKind) -> Outline:
    """The bureau's outline for the filing's year and kind, or its layout's shipped one."""
    topics = set(kind.topics)
    typed = (
        ReportOutline.objects.filter(fiscal_year_id=filing.fiscal_year_id, filing_kind=filing.kind)
        .values_list("text", flat=True)
        .first()
    )
    if typed:
        try:
            return parse_outline(typed, topics)
        except OutlineError:
            pass  # the admin refuses such a text; one saved before a topic went away falls back
    # A shipped outline may name a topic a kind cannot draft: that section is simply written.
    return parse_outline(default_outline_text(filing.kind, _layout_key(filing)))


@dataclass
class SectionView:
    """One section as pages and prints show it."""

    key: str
    heading: str
    level: int
    topic: str
    body: str = ""
    figures: list = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    has_payments: bool = False

    @property
    def flag_groups(self) -> list[tuple[str, list[Flag]]]:
        """The stale figures by the sentence that holds them, in the text's order."""
        groups: dict[str, list[Flag]] = {}
        for flag in self.flags:
            groups.setdefault(flag.sentence, []).append(flag)
        return list(groups.items())

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.body.splitlines() if line.strip()]


@dataclass
class Report:
    """A filing's report as it stands: outline, sections in order, payment rows, flags."""

    filing: Filing
    kind: ReportKind
    outline: Outline
    sections: list[SectionView]
    payments: list[PaymentRow]
    payment_total: PaymentRow | None
    sources: dict[str, Source]

    @property
    def stale(self) -> list[tuple[SectionView, Flag]]:
        return [(section, flag) for section in self.sections for flag in section.flags]

    @property
    def is_empty(self) -> bool:
        return not any(s.body.strip() for s in self.sections) and not self.payments

    @property
    def has_payments(self) -> bool:
        return any(section.has_payments for section in self.sections)


def report_of(filing: Filing) -> Report | None:
    """The report of a filing of a kind that has one (None otherwise), with flags computed."""
    kind = report_kind(filing.kind)
    if kind is None:
        return None
    outline = outline_of(filing, kind)
    saved = {s.key: s for s in ReportSection.objects.filter(filing=filing)}
    sources = kind.sources(filing)
    sections = []
    for section in outline.sections:
        stored = saved.get(section.key)
        body = stored.body if stored else ""
        records = list(stored.figures) if stored else []
        sections.append(
            SectionView(
                key=section.key,
                heading=section.heading,
                level=section.level,
                topic=section.topic,
                body=body,
                figures=records,
                flags=flags(body, records, sources),
                has_payments=section.has_payments,
            )
        )
    rows = list(PaymentRow.objects.filter(filing=filing))
    return assembled(filing, kind, outline, sections, rows, sources)


def assembled(
    filing: Filing,
    kind: ReportKind,
    outline: Outline,
    sections: list[SectionView],
    rows: list[PaymentRow],
    sources: dict[str, Source],
) -> Report:
    """A report from its parts; the payment rows with the 合计 row among them."""
    return Report(
        filing=filing,
        kind=kind,
        outline=outline,
        sections=sections,
        payments=[row for row in rows if not row.is_total],
        payment_total=next((row for row in rows if row.is_total), None),
        sources=sources,
    )

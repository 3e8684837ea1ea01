"""评价报告 as a document of its filing: alone, as a section of its department's bundle, and a
file of the year's zip, printed in its outline's order and headings as the seeds print it.

Registered with the reports for each kind of filing that has a report (`register_for`, called
when a kind registers its `ReportKind`), after the kind's own table. A report nobody wrote is
"blank": a bundle and the zip leave it out.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.budgets.models import FiscalYear
from apps.core.money import yuan_to_wan
from apps.filings.models import Filing
from apps.reports import documents
from apps.reports.documents import FilingPrint, filing_document, fingerprints, registry
from apps.reports.documents.common import safe_name, watermark_of

from .checks import COLUMNS, Payment, shown_ratio, sums
from .models import PaymentRow, ReportOutline, ReportSection
from .outlines import Outline, filled_titles
from .payments import as_payment
from .registry import report_kind, reported_kinds
from .selectors import Report, SectionView, assembled, outline_of

TEMPLATE = "print/narratives/report.html"
SECTION_TEMPLATE = "print/narratives/_report.html"
# Bump when what the report prints changes in code rather than in its templates.
TEMPLATE_VERSION = 1
KEY = "filing_report"


def _amount(value: Decimal | None) -> str:
    """An amount of the 支付明细表 in 万元 to two places, as the seeds print it."""
    return "" if value is None else f"{yuan_to_wan(value):.2f}"


def _payment_line(row: Payment) -> dict[str, str]:
    return {
        "name": row.name,
        **{column: _amount(getattr(row, column)) for column in COLUMNS},
        "ratio": shown_ratio(row),  # recomputed, whatever was typed
    }


def _payment_table(report: Report, year: int) -> dict | None:
    """The 支付明细表 as printed: its rows, and its 合计 as typed, else their sums."""
    rows = [as_payment(row) for row in report.payments]
    typed = as_payment(report.payment_total) if report.payment_total is not None else None
    if not rows and typed is None:
        return None
    summed = sums(rows)
    total = Payment(
        name="合计",
        **{
            column: typed_value
            if typed is not None and (typed_value := getattr(typed, column)) is not None
            else getattr(summed, column)
            for column in COLUMNS
        },
    )
    return {
        "title": f"{year}年支付明细表",
        "rows": [{"number": str(n), **_payment_line(row)} for n, row in enumerate(rows, start=1)],
        "total": _payment_line(total),
    }


def _report(filing: Filing, outline: Outline, bodies: dict, payments: list) -> Report:
    kind = report_kind(filing.kind)
    assert kind is not None
    sections = [
        SectionView(
            key=s.key,
            heading=s.heading,
            level=s.level,
            topic=s.topic,
            body=bodies.get(s.key, ""),
            has_payments=s.has_payments,
        )
        for s in outline.sections
    ]
    # A print shows the text as written: no figures are checked.
    return assembled(filing, kind, outline, sections, payments, sources={})


def _content(report: Report) -> dict:
    filing = report.filing
    year = filing.fiscal_year.year
    table = _payment_table(report, year) if report.has_payments else None
    sections: list[dict] = []
    for section in report.sections:
        shown = table if section.has_payments else None
        if shown is not None:
            table = None  # printed once, in the first section that holds it
        sections.append(
            {
                "key": section.key,
                "heading": section.heading,
                "level": section.level,
                "paragraphs": [line.strip() for line in section.paragraphs],
                "payments": shown,
            }
        )
    project = filing.project
    return {
        "scope": f"n{filing.pk}",
        "year": year,
        "department": {
            "name": filing.department.name,
            "budget_code": filing.department.budget_code,
        },
        "project": project.name if project is not None else "",
        "titles": filled_titles(report.outline, **report.kind.names(filing)),
        "table_number": report.outline.table_number,
        "footnote": report.outline.footnote,
        "sections": sections,
        # Nothing written: a bundle and the year's zip leave it out (per_filing.print_filings).
        "blank": report.is_empty,
        "status": filing.status,
        "watermark": watermark_of(filing.status),
        "updated_on": timezone.localdate(filing.updated_at).isoformat(),
        "orientation": "portrait",
    }


def report_contents(filing_ids: Sequence[int], fiscal_year: FiscalYear) -> dict[int, dict]:
    """The printed report of each filing of a kind that has one, by filing id, in print order
    (kinds as they registered, then department and project): one outline per kind."""
    kinds = reported_kinds()
    filings = sorted(
        Filing.objects.filter(pk__in=list(filing_ids), kind__in=kinds)
        .select_related("project", "department", "fiscal_year__bureau")
        .order_by("department__budget_code", "project__code", "pk"),
        key=lambda filing: kinds.index(filing.kind),
    )
    bodies: dict[int, dict[str, str]] = {}
    for filing_id, key, body in ReportSection.objects.filter(filing__in=filings).values_list(
        "filing_id", "key", "body"
    ):
        bodies.setdefault(filing_id, {})[key] = body
    payments: dict[int, list[PaymentRow]] = {}
    for row in PaymentRow.objects.filter(filing__in=filings):
        payments.setdefault(row.filing_id, []).append(row)
    outlines: dict[tuple[int, str], Outline] = {}
    found = {}
    for filing in filings:
        kind = report_kind(filing.kind)
        assert kind is not None
        place = (filing.fiscal_year_id, filing.kind)
        if place not in outlines:
            outlines[place] = outline_of(filing, kind)
        report = _report(
            filing, outlines[place], bodies.get(filing.pk, {}), payments.get(filing.pk, [])
        )
        found[filing.pk] = _content(report)
    return found


def title(content: dict) -> str:
    """The report's line in a bundle's table of contents."""
    if content["project"]:
        return f"项目绩效评价报告——{content['project']}"
    return f"部门整体支出绩效评价报告——{content['department']['name']}"


def file_name(content: dict) -> str:
    # Unlike any table's name ("…年度项目支出绩效自评表-", "…年度部门整体…"): one folder holds both.
    name = content["project"] or content["department"]["name"]
    return safe_name(f"{content['year']}年度绩效评价报告-{name}.pdf")


FILING_REPORT = filing_document(
    key=KEY,
    label=gettext_lazy("Evaluation report"),
    filing=FilingPrint(
        template=TEMPLATE,
        section_template=SECTION_TEMPLATE,
        version=TEMPLATE_VERSION,
        contents=report_contents,
        title=title,
        file_name=file_name,
    ),
)


def outlines_stamp(fiscal_year: FiscalYear) -> list:
    """The bureau's outlines of the year: a changed one reprints the year's reports."""
    return [
        list(row)
        for row in ReportOutline.objects.filter(fiscal_year=fiscal_year)
        .order_by("pk")
        .values_list("pk", "filing_kind", "updated_at")
    ]


def register() -> None:
    """The report as a document of the reports, and its outlines as part of a year's stamp."""
    documents.register(FILING_REPORT)
    fingerprints.register_year_part("report_outlines", outlines_stamp)
    for filing_kind in reported_kinds():
        register_for(filing_kind)


def register_for(filing_kind: str) -> None:
    """Print the reports of that kind's filings, after the kind's own table."""
    if KEY not in {kind.key for kind in documents.registered()}:
        documents.register(FILING_REPORT)
    documents.register_filing_document(filing_kind, KEY, extra=True)


def unregister_for(filing_kind: str) -> None:
    """Print that kind's reports no more (a test's kind going away)."""
    registry.unregister_filing_document(filing_kind, KEY)

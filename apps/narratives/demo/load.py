"""Writing the demo reports through the filing's save; run after the kinds' demo filings."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.filings.services import Summary, filing_save
from apps.organizations.models import Department

from ..models import PaymentRow, ReportOutline, ReportSection
from ..services import unchanged_summary
from . import ebian, ebian_projects, lishui, rugao, yunxi, yuxi
from .seeds import OutlineSeed, PaymentSeed, ReportSeed

OUTLINES: tuple[OutlineSeed, ...] = (rugao.OUTLINE,)
REPORTS: tuple[ReportSeed, ...] = (
    lishui.REPORT,
    yunxi.REPORT,
    ebian.REPORT,
    *ebian_projects.REPORTS,
    yuxi.REPORT,
    *rugao.REPORTS,
)

DEMO_REPORT_MODELS: tuple[type[models.Model], ...] = (ReportOutline, ReportSection, PaymentRow)

# A 支付明细表 row as compared and written: position, is_total, name, budget, applied, used.
PaymentCells = tuple[int, bool, str, Decimal | None, Decimal | None, Decimal | None]


@dataclass
class DemoReportsResult:
    created: Counter[type[models.Model]] = field(default_factory=Counter)
    updated: Counter[type[models.Model]] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)


@transaction.atomic
def demo_reports_load() -> DemoReportsResult:
    """Create or restore the published reports of seeds 000–004 (idempotent)."""
    result = DemoReportsResult()
    for outline in OUTLINES:
        _outline_load(result, outline)
    for seed in REPORTS:
        _report_load(result, seed)
    return result


def _fiscal_year(seed: OutlineSeed | ReportSeed) -> FiscalYear:
    return FiscalYear.objects.select_related("bureau").get(
        bureau__region_code=seed.bureau.region_code, year=seed.bureau.year
    )


def _outline_load(result: DemoReportsResult, seed: OutlineSeed) -> None:
    fiscal_year = _fiscal_year(seed)
    outline = ReportOutline.objects.filter(
        fiscal_year=fiscal_year, filing_kind=seed.filing_kind
    ).first()
    if outline is None:
        outline = ReportOutline(fiscal_year=fiscal_year, filing_kind=seed.filing_kind)
        result.created[ReportOutline] += 1
    elif outline.text != seed.text:
        result.updated[ReportOutline] += 1
    else:
        return
    outline.text = seed.text
    outline.full_clean()
    outline.save()


def _filing_of(seed: ReportSeed) -> Filing:
    """The demo filing the report belongs to, which the kind's demo loader created."""
    fiscal_year = _fiscal_year(seed)
    department = Department.objects.get(bureau=fiscal_year.bureau, name=seed.department)
    filings = Filing.objects.filter(
        kind=seed.filing_kind, department=department, fiscal_year=fiscal_year
    )
    if seed.project:
        return filings.get(project__name=seed.project)
    return filings.get(project__isnull=True)


def _row_cells(position: int, is_total: bool, row: PaymentSeed | PaymentRow) -> PaymentCells:
    return (position, is_total, row.name, row.budget, row.applied, row.used)


def _place(cells: PaymentCells) -> tuple[bool, int]:
    return cells[1], cells[0]


def _wanted_rows(seed: ReportSeed) -> list[PaymentCells]:
    rows = [_row_cells(index, False, row) for index, row in enumerate(seed.payments)]
    if seed.payment_total is not None:
        rows.append(_row_cells(0, True, seed.payment_total))
    return rows


def _report_load(result: DemoReportsResult, seed: ReportSeed) -> None:
    """Enter the published text and table with one save of the filing, only where they differ."""
    filing = _filing_of(seed)
    wanted = seed.bodies
    saved = {s.key: s for s in ReportSection.objects.filter(filing=filing)}
    # Figures the data drafted are not the published text: such a section is typed again.
    changed = [
        key
        for key, body in wanted.items()
        if key not in saved or saved[key].body != body or saved[key].figures
    ]
    extra = [key for key in saved if key not in wanted]
    rows = _wanted_rows(seed)
    stored_rows = [
        _row_cells(row.position, row.is_total, row)
        for row in PaymentRow.objects.filter(filing=filing)
    ]
    rows_differ = sorted(rows, key=_place) != sorted(stored_rows, key=_place)
    if not (changed or extra or rows_differ):
        return

    def write(locked: Filing) -> Summary:
        for key in changed:
            section = saved.get(key) or ReportSection(filing=locked, key=key)
            section.body, section.figures = wanted[key], []
            section.full_clean(exclude=["filing"])
            section.save()
            (result.updated if key in saved else result.created)[ReportSection] += 1
        ReportSection.objects.filter(filing=locked, key__in=extra).delete()
        result.updated[ReportSection] += len(extra)
        if rows_differ:
            PaymentRow.objects.filter(filing=locked).delete()
            made = [
                PaymentRow(
                    filing=locked,
                    position=position,
                    is_total=is_total,
                    name=name,
                    budget=budget,
                    applied=applied,
                    used=used,
                )
                for position, is_total, name, budget, applied, used in rows
            ]
            for row in made:
                row.full_clean(exclude=["filing"])
            PaymentRow.objects.bulk_create(made)
            (result.updated if stored_rows else result.created)[PaymentRow] += len(made)
        return unchanged_summary(locked)

    filing_save(filing=filing, by=None, base_version=filing.version, write=write)

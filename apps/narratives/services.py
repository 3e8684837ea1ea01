"""Every write of a report goes through the filing's save: its lock, version check and snapshot.

A report's sections are cells of its filing (`part.py`): saving one is saving the filing, so two
people editing the report, or one the report and another the table, never overwrite each
other, and the history and the submitted revision hold the text.
"""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.core.text import typed_text
from apps.filings.models import Filing
from apps.filings.permissions import can_edit_filing
from apps.filings.services import Summary, filing_save

from . import bounds, figures
from .checks import Payment
from .models import PaymentRow, ReportSection
from .registry import report_kind
from .selectors import outline_of


def unchanged_summary(filing: Filing) -> Summary:
    """The filing's summary as it is: a report's save changes none of what lists show of it."""
    return Summary(
        total_score=filing.total_score,
        grade=filing.grade,
        execution_rate=filing.execution_rate,
        error_count=filing.error_count,
        warning_count=filing.warning_count,
    )


def _allowed(filing: Filing, by: User):
    allowed, reason = can_edit_filing(by, filing)
    if not allowed:
        raise ApplicationError(reason)
    kind = report_kind(filing.kind)
    if kind is None:
        raise ApplicationError(_("Filings of this kind have no report."))
    return kind


def _clean_body(text: str, heading: str) -> str:
    try:
        return typed_text(text.replace("\r\n", "\n"), label=heading, limit=bounds.SECTION_CHARS)
    except ValueError as error:
        raise ApplicationError(str(error)) from error


def _write_sections(filing: Filing, bodies: Mapping[str, tuple[str, list]]) -> None:
    saved = {s.key: s for s in ReportSection.objects.filter(filing=filing)}
    for key, (body, records) in bodies.items():
        section = saved.get(key) or ReportSection(filing=filing, key=key)
        section.body, section.figures = body, records
        section.full_clean(exclude=["filing"])
        section.save()


def _write_payments(filing: Filing, rows: Sequence[Payment], total: Payment | None) -> None:
    if len(rows) > bounds.MAX_PAYMENT_ROWS:
        raise ApplicationError(
            _("A payment table holds at most %(limit)d rows.") % {"limit": bounds.MAX_PAYMENT_ROWS}
        )
    PaymentRow.objects.filter(filing=filing).delete()
    made = [
        PaymentRow(filing=filing, position=index, **vars(row))
        for index, row in enumerate(rows)
        if row.name.strip() or any(v is not None for v in (row.budget, row.applied, row.used))
    ]
    if total is not None and any(v is not None for v in (total.budget, total.applied, total.used)):
        made.append(PaymentRow(filing=filing, position=0, is_total=True, **vars(total)))
    for row in made:
        row.full_clean(exclude=["filing"])
    PaymentRow.objects.bulk_create(made)


def report_save(
    *,
    filing: Filing,
    by: User,
    base_version: int,
    bodies: Mapping[str, str],
    payments: tuple[Sequence[Payment], Payment | None] | None = None,
) -> Filing:
    """Save the sections' text as typed (and the payment table when given)."""
    kind = _allowed(filing, by)

    def write(locked: Filing) -> Summary:
        outline = outline_of(locked, kind)
        saved = {s.key: s for s in ReportSection.objects.filter(filing=locked)}
        cleaned = {}
        for section in outline.sections:
            if section.key not in bodies:
                continue
            body = _clean_body(bodies[section.key], section.heading)
            old = saved.get(section.key)
            records = figures.reanchor(body, old.figures if old else [])
            cleaned[section.key] = (body, records)
        _write_sections(locked, cleaned)
        if payments is not None:
            _write_payments(locked, *payments)
        return unchanged_summary(locked)

    return filing_save(filing=filing, by=by, base_version=base_version, write=write)


def report_draft(
    *, filing: Filing, by: User, base_version: int, keys: Sequence[str] | None = None
) -> Filing:
    """Draft from the data each section it can speak to: the empty ones, or those in `keys`
    (which are replaced)."""
    kind = _allowed(filing, by)

    def write(locked: Filing) -> Summary:
        outline = outline_of(locked, kind)
        sources = kind.sources(locked)
        saved = {s.key: s for s in ReportSection.objects.filter(filing=locked)}
        drafted = {}
        for section in outline.sections:
            if not section.topic or section.topic not in kind.topics:
                continue
            chosen = keys is not None and section.key in keys
            current = saved.get(section.key)
            if not chosen and (keys is not None or (current and current.body.strip())):
                continue
            paragraphs = kind.draft(locked, section.topic, sources)
            if paragraphs:
                drafted[section.key] = figures.compose(paragraphs, sources)
        if not drafted:
            raise ApplicationError(_("There was nothing to draft: every section has its text."))
        _write_sections(locked, drafted)
        return unchanged_summary(locked)

    return filing_save(filing=filing, by=by, base_version=base_version, write=write)


def report_update_figures(
    *, filing: Filing, by: User, base_version: int, key: str, index: int | None = None
) -> Filing:
    """Rewrite a stale figure of a section (`index`), or all of them, to the data's value."""
    kind = _allowed(filing, by)

    def write(locked: Filing) -> Summary:
        section = ReportSection.objects.filter(filing=locked, key=key).first()
        if section is None:
            raise ApplicationError(_("That section has no text."))
        sources = kind.sources(locked)
        body, records = section.body, list(section.figures)
        stale = figures.flags(body, records, sources)
        if index is not None:
            stale = [flag for flag in stale if flag.index == index]
        if not stale:
            raise ApplicationError(_("Nothing to update: the figures already agree with the data."))
        # From the last: a figure whose source is gone loses its record, moving those after it.
        for flag in sorted(stale, key=lambda flag: -flag.index):
            body, records = figures.update(body, records, flag.index, sources)
        _write_sections(locked, {key: (body, records)})
        return unchanged_summary(locked)

    return filing_save(filing=filing, by=by, base_version=base_version, write=write)

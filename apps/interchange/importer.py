"""Import an interchange document: all of it in one transaction, or nothing."""

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.filings.derived import submitted_at_refresh
from apps.filings.models import (
    Filing,
    FilingEvent,
    FilingRevision,
    FilingSnapshot,
)
from apps.narratives.models import PaymentRow, ReportSection
from apps.reviews.derived import review_columns_refresh
from apps.reviews.models import Review, ReviewerAssignment, RowReview

from . import fields, refs, schema
from .evidence import evidence_import, remove_files
from .kinds import content_import, kind_of
from .reference import restamp
from .resolve import Resolved, reference_import
from .schema import FormatError, items, join, need, text_of, values


@dataclass
class ImportResult:
    bureau: str = ""
    year: int = 0
    filings: list[str] = field(default_factory=list)


def _cells(record: Any, path: str) -> dict[str, str]:
    cells = need(record, "cells", path)
    if not isinstance(cells, dict) or not all(isinstance(v, str) for v in cells.values()):
        raise FormatError(join(path, "cells"), _("an object of texts expected"))
    return cells


def header_check(document: Any) -> None:
    """Refuse a document of another format or of a version this code does not read."""
    if need(document, "format", "") != schema.FORMAT:
        raise FormatError(
            "format", _("not a Jixiao filings document (%(format)s)") % {"format": schema.FORMAT}
        )
    version = need(document, "version", "")
    if version != schema.VERSION:
        raise FormatError(
            "version",
            _("version %(found)s is not one this system reads (%(known)s)")
            % {"found": version, "known": schema.VERSION},
        )


def _identity(record: Any, path: str) -> tuple:
    project = need(record, "project", path)
    if project is not None and not (
        isinstance(project, list) and len(project) == 2 and all(isinstance(p, str) for p in project)
    ):
        raise FormatError(join(path, "project"), _("a project is [department code, project code]"))
    kind = text_of(record, "kind", path)
    if project is not None:
        return (kind, tuple(project))
    return (kind, text_of(record, "department", path))


def duplicates_check(document: Any) -> None:
    """Refuse a document that holds one filing twice."""
    seen: dict[tuple, str] = {}
    for path, record in items(document, "filings", ""):
        key = _identity(record, path)
        if key in seen:
            raise FormatError(path, _("the same filing as %(other)s") % {"other": seen[key]})
        seen[key] = path


def _filing(record: Any, resolved: Resolved, path: str) -> Filing:
    kind_name = text_of(record, "kind", path)
    kind_of(kind_name, join(path, "kind"))
    department = resolved.department(need(record, "department", path), join(path, "department"))
    project = None
    key = need(record, "project", path)
    if key is not None:
        project = resolved.projects.get(tuple(key))
        if project is None:
            raise FormatError(join(path, "project"), _("no such project in reference.projects"))
        if project.department_id != department.pk:
            raise FormatError(join(path, "project"), _("the project belongs to another department"))
    clash = (
        Filing.objects.filter(project=project)
        if project
        else Filing.objects.filter(
            kind=kind_name, department=department, fiscal_year=resolved.year, project=None
        )
    )
    if clash.exists():
        raise FormatError(path, _("this filing is already in the database: nothing was imported"))
    data = values(Filing, record, fields.FILING, path)
    updated_by = resolved.user(need(record, "updated_by", path), join(path, "updated_by"))
    return Filing.objects.create(
        **data,
        department=department,
        fiscal_year=resolved.year,
        project=project,
        updated_by=updated_by,
    )


def _history(filing: Filing, record: Any, resolved: Resolved, mapper, path: str) -> None:
    kind = filing.kind
    for p, snap in items(record, "snapshots", path):
        made = FilingSnapshot.objects.create(
            filing=filing,
            saved_by=resolved.user(need(snap, "saved_by", p), join(p, "saved_by")),
            cells=refs.cells(kind, _cells(snap, p), mapper),
            **values(FilingSnapshot, snap, fields.SNAPSHOT, p),
        )
        restamp(made, snap)
    revisions: dict[int, FilingRevision] = {}
    for p, rev in items(record, "revisions", path):
        made_rev = FilingRevision.objects.create(
            filing=filing,
            submitted_by=resolved.user(need(rev, "submitted_by", p), join(p, "submitted_by")),
            cells=refs.cells(kind, _cells(rev, p), mapper),
            **values(FilingRevision, rev, fields.REVISION, p),
        )
        restamp(made_rev, rev)
        revisions[made_rev.number] = made_rev

    def revision(number: Any, p: str) -> FilingRevision | None:
        if number is None:
            return None
        if number not in revisions:
            raise FormatError(p, _("no revision of this number in the filing"))
        return revisions[number]

    def reviewed(number: Any, p: str) -> FilingRevision:
        found = revision(number, p)
        if found is None:
            raise FormatError(p, _("a value is required"))
        return found

    for p, event in items(record, "events", path):
        made_event = FilingEvent.objects.create(
            filing=filing,
            actor=resolved.user(need(event, "actor", p), join(p, "actor")),
            revision=revision(need(event, "revision", p), join(p, "revision")),
            **values(FilingEvent, event, fields.EVENT, p),
        )
        restamp(made_event, event)
    for p, assignment in items(record, "assignments", path):
        reviewer = resolved.someone(need(assignment, "reviewer", p), join(p, "reviewer"))
        made_assignment = ReviewerAssignment.objects.create(
            filing=filing,
            reviewer=reviewer,
            assigned_by=resolved.user(need(assignment, "assigned_by", p), join(p, "assigned_by")),
        )
        restamp(made_assignment, assignment)
    for p, review in items(record, "reviews", path):
        made_review = Review.objects.create(
            filing=filing,
            revision=reviewed(need(review, "revision", p), join(p, "revision")),
            reviewer=resolved.someone(need(review, "reviewer", p), join(p, "reviewer")),
            **values(Review, review, fields.REVIEW, p),
        )
        restamp(made_review, review)
        for row_path, row in items(review, "rows", p):
            made_row = RowReview.objects.create(
                review=made_review,
                row_key=refs.review_key(kind, text_of(row, "row_key", row_path), mapper),
                **values(RowReview, row, fields.ROW_REVIEW, row_path),
            )
            restamp(made_row, row)


def _report(filing: Filing, record: Any, mapper, path: str) -> None:
    report = need(record, "report", path)
    p = join(path, "report")
    for section_path, section in items(report, "sections", p):
        figures = need(section, "figures", section_path)
        if not isinstance(figures, list):
            raise FormatError(join(section_path, "figures"), _("a list expected"))
        made = ReportSection.objects.create(
            filing=filing,
            figures=refs.figures(filing.kind, figures, mapper),
            **values(ReportSection, section, fields.SECTION, section_path),
        )
        restamp(made, section)
    for row_path, row in items(report, "payments", p):
        made_row = PaymentRow.objects.create(
            filing=filing, **values(PaymentRow, row, fields.PAYMENT, row_path)
        )
        restamp(made_row, row)


def _refs_of(record: Any, kind: str, path: str) -> dict[str, set[str]]:
    """Every "#n" the filing's history, reviews and report figures mention, by table."""
    keys = [k for _p, r in items(record, "snapshots", path) for k in _cells(r, _p)]
    keys += [k for _p, r in items(record, "revisions", path) for k in _cells(r, _p)]
    review_keys = [
        text_of(row, "row_key", row_path)
        for p, review in items(record, "reviews", path)
        for row_path, row in items(review, "rows", p)
    ]
    report = need(record, "report", path)
    sources = [
        s
        for _p, section in items(report, "sections", join(path, "report"))
        for s in refs.figure_sources(need(section, "figures", _p))
    ]
    return refs.tokens(kind, keys, review_keys, sources, refs.REF)


def filing_import(record: Any, resolved: Resolved, path: str) -> Filing:
    """Write one filing; a value the database's constraints refuse is refused at its path."""
    try:
        with transaction.atomic():
            return _filing_import(record, resolved, path)
    except IntegrityError as error:
        raise FormatError(
            path, _("the database refuses it: %(error)s") % {"error": error}
        ) from None


def _filing_import(record: Any, resolved: Resolved, path: str) -> Filing:
    filing = _filing(record, resolved, path)
    kind = kind_of(filing.kind, join(path, "kind"))
    found = _refs_of(record, filing.kind, path)
    content = need(record, "content", path)
    mapping: dict[str, dict[str, str]] = {}
    if content is not None:
        mapping = content_import(filing, kind, content, resolved, found, join(path, "content"))
    mapper = refs.mapper_of(mapping)
    _history(filing, record, resolved, mapper, path)
    _report(filing, record, mapper, path)
    evidence_import(filing, record, resolved, path)
    restamp(filing, values(Filing, record, (), path))
    # Derived from the events and reviews as they were restamped: not part of the format.
    written = Filing.objects.filter(pk=filing.pk)
    submitted_at_refresh(written)
    review_columns_refresh(written)
    return filing


def document_import(document: Any, *, dry_run: bool = False) -> ImportResult:
    """Write every filing of the document, or refuse with FormatError and write nothing.

    A dry run checks everything the import checks, then rolls back.
    """
    header_check(document)
    duplicates_check(document)
    written: list[str] = []
    try:
        with transaction.atomic():
            resolved = reference_import(document)
            written = resolved.written
            result = ImportResult(bureau=resolved.bureau.region_code, year=resolved.year.year)
            for path, record in items(document, "filings", ""):
                result.filings.append(str(filing_import(record, resolved, path)))
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        remove_files(written)
        raise
    if dry_run:
        remove_files(written)
    return result

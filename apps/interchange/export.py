"""Export every filing of a bureau's year as one interchange document (docs/interchange.md)."""

import base64
import json
from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.narratives.models import PaymentRow, ReportSection
from apps.reviews.models import Review, ReviewerAssignment

from . import fields, refs, schema
from .kinds import DEPARTMENT, KINDS, content_export, own_ids
from .reference import reference_export, rubric_items
from .schema import dump


class ExportError(Exception):
    """Data the format cannot carry (e.g. a cell naming a scoring sheet row of another sheet)."""


def _user(user: User | None, users: set[User]) -> str | None:
    if user is None:
        return None
    users.add(user)
    return user.username


def _ids(filing: Filing, cells: list[dict], reviews: list[Review], sections) -> dict:
    """{table: {str(id): "#n"}} for every id the filing's rows, history and reviews hold."""
    kind = KINDS[filing.kind]
    keys = [key for found in cells for key in found]
    review_keys = [row.row_key for review in reviews for row in review.rows.all()]
    sources = [s for section in sections for s in refs.figure_sources(section.figures)]
    found = refs.tokens(filing.kind, keys, review_keys, sources, refs.ID)
    ids = {
        table: refs.numbered([*current, *(int(t) for t in found.get(table, ()))])
        for table, current in own_ids(filing, kind).items()
    }
    for table in {t.name for t in kind.tables} - set(ids):
        ids[table] = refs.numbered(int(t) for t in found.get(table, ()))
    rubric = getattr(getattr(filing, kind.related, None), "rubric", None)
    places = (
        {str(item.pk): f"#{n}" for n, item in enumerate(rubric_items(rubric), 1)} if rubric else {}
    )
    stray = found.get(refs.RUBRIC, set()) - set(places)
    if stray:
        raise ExportError(
            f"{filing}: cells name scoring sheet rows outside its sheet: {sorted(stray)}"
        )
    ids[refs.RUBRIC] = places
    return ids


def _evidence(filing: Filing, users: set[User]) -> tuple[list, list, dict]:
    places: dict[int, int] = {}
    files = []
    for place, evidence in enumerate(filing.evidence.order_by("created_at", "id"), 1):
        places[evidence.pk] = place
        record = {"ref": f"#{place}", **dump(evidence, fields.EVIDENCE)}
        record["uploaded_by"] = _user(evidence.uploaded_by, users)
        try:
            with evidence.file.open("rb") as handle:
                record["content_base64"] = base64.b64encode(handle.read()).decode("ascii")
        except OSError as error:
            raise ExportError(f"{filing}: the file of “{evidence}” cannot be read") from error
        files.append(record)
    events = [
        {
            "evidence": f"#{places[e.evidence_id]}" if e.evidence_id in places else None,
            "actor": _user(e.actor, users),
            **dump(e, fields.EVIDENCE_EVENT),
        }
        for e in filing.evidence_events.order_by("created_at", "id")
    ]
    return files, events, places


def filing_export(filing: Filing, users: set[User], rubrics: set) -> dict:
    kind = KINDS[filing.kind]
    snapshots = list(filing.snapshots.order_by("version"))
    revisions = list(filing.revisions.order_by("number"))
    reviews = list(Review.objects.filter(filing=filing).order_by("created_at", "id"))
    sections = list(ReportSection.objects.filter(filing=filing).order_by("id"))
    ids = _ids(filing, [s.cells for s in snapshots + revisions], reviews, sections)
    mapper = refs.mapper_of(ids)
    evaluation = getattr(filing, kind.related, None)
    if kind is DEPARTMENT and evaluation is not None and evaluation.rubric is not None:
        rubrics.add(evaluation.rubric)
    numbers = {revision.pk: revision.number for revision in revisions}
    files, evidence_events, _places = _evidence(filing, users)
    project = filing.project
    return {
        "department": filing.department.budget_code,
        "project": [project.department.budget_code, project.code] if project else None,
        **dump(filing, fields.FILING),
        "updated_by": _user(filing.updated_by, users),
        "content": content_export(filing, kind, ids),
        "snapshots": [
            {
                **dump(s, fields.SNAPSHOT),
                "saved_by": _user(s.saved_by, users),
                "cells": refs.cells(filing.kind, s.cells, mapper),
            }
            for s in snapshots
        ],
        "revisions": [
            {
                **dump(r, fields.REVISION),
                "submitted_by": _user(r.submitted_by, users),
                "cells": refs.cells(filing.kind, r.cells, mapper),
            }
            for r in revisions
        ],
        "events": [
            {
                **dump(e, fields.EVENT),
                "actor": _user(e.actor, users),
                "revision": numbers[e.revision_id] if e.revision_id else None,
            }
            for e in filing.events.order_by("created_at", "id")
        ],
        "assignments": [
            {
                "reviewer": _user(a.reviewer, users),
                "assigned_by": _user(a.assigned_by, users),
                **dump(a, fields.ASSIGNMENT),
            }
            for a in ReviewerAssignment.objects.filter(filing=filing).order_by("reviewer__username")
        ],
        "reviews": [
            {
                "revision": numbers[review.revision_id],
                "reviewer": _user(review.reviewer, users),
                **dump(review, fields.REVIEW),
                "rows": [
                    {
                        "row_key": refs.review_key(filing.kind, row.row_key, mapper),
                        **dump(row, fields.ROW_REVIEW),
                    }
                    for row in sorted(
                        review.rows.all(),
                        key=lambda row: refs.review_key(filing.kind, row.row_key, mapper),
                    )
                ],
            }
            for review in reviews
        ],
        "report": {
            "sections": [
                {
                    **dump(section, fields.SECTION),
                    "figures": refs.figures(filing.kind, section.figures, mapper),
                }
                for section in sections
            ],
            "payments": [
                dump(row, fields.PAYMENT)
                for row in PaymentRow.objects.filter(filing=filing).order_by("is_total", "position")
            ],
        },
        "evidence": files,
        "evidence_events": evidence_events,
    }


def document_export(year: FiscalYear) -> dict[str, Any]:
    """The document of every filing of the year's bureau and year."""
    filings = (
        Filing.objects.filter(fiscal_year=year)
        .select_related("department", "project__department", "updated_by")
        .order_by("department__budget_code", "kind", "project__code")
    )
    users: set[User] = set()
    rubrics: set = set()
    records = [filing_export(f, users, rubrics) for f in filings]
    bureau = year.bureau
    return {
        "format": schema.FORMAT,
        "version": schema.VERSION,
        "exported_at": timezone.now().isoformat(),
        "bureau": dump(bureau, fields.BUREAU),
        "fiscal_year": dump(year, fields.FISCAL_YEAR),
        "reference": reference_export(year, users, rubrics),
        "filings": records,
    }


def document_text(document: dict[str, Any]) -> str:
    """The document as UTF-8 JSON text, keys in a stable order, two spaces of indent."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

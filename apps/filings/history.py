"""The timeline of a filing: transitions, evidence uploads and removals, and for every save the
cells it changed."""

from dataclasses import dataclass
from datetime import datetime

from .kinds import shown_kind
from .models import Filing, FilingEvent, FilingSnapshot
from .models.evidence import EvidenceEvent
from .snapshots import CellChange, diff_cells
from .workflow import ACTION_LABELS


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    kind: str  # "transition", "evidence" or "save"
    title: str
    reason: str = ""
    from_status: str = ""
    to_status: str = ""
    changes: tuple[CellChange, ...] = ()
    # The stored FilingRevision.number a transition froze or decided: what reviewers see.
    revision: int | None = None
    # An evidence entry: the file's name and size, and its id while it is still attached.
    file_name: str = ""
    file_size: int | None = None
    evidence_id: int | None = None


def _transitions(filing: Filing) -> list[TimelineEntry]:
    status_labels = dict(Filing.Status.choices)
    events = FilingEvent.objects.filter(filing=filing).select_related("actor", "revision")
    return [
        TimelineEntry(
            at=event.created_at,
            who=str(event.actor or ""),
            kind="transition",
            title=str(ACTION_LABELS.get(event.action, event.action)),
            reason=event.reason,
            from_status=str(status_labels.get(event.from_status, event.from_status)),
            to_status=str(status_labels.get(event.to_status, event.to_status)),
            revision=event.revision.number if event.revision else None,
        )
        for event in events
    ]


def _evidence(filing: Filing) -> list[TimelineEntry]:
    events = EvidenceEvent.objects.filter(filing=filing).select_related("actor")
    return [
        TimelineEntry(
            at=event.created_at,
            who=str(event.actor or ""),
            kind="evidence",
            title=event.get_action_display(),
            file_name=event.original_name,
            file_size=event.size,
            evidence_id=event.evidence_id,
        )
        for event in events
    ]


def _saves(filing: Filing) -> list[TimelineEntry]:
    previous: dict[str, str] = {}
    kind = shown_kind(filing.kind)
    present = kind.presenter(filing)
    entries = []
    snapshots = FilingSnapshot.objects.filter(filing=filing).select_related("saved_by")
    for snapshot in snapshots:
        changes = diff_cells(kind, previous, snapshot.cells)
        previous = snapshot.cells
        entries.append(
            TimelineEntry(
                at=snapshot.created_at,
                who=str(snapshot.saved_by or ""),
                kind="save",
                title=str(snapshot.version),
                changes=tuple(present(changes)),
            )
        )
    return entries


def filing_timeline(filing: Filing) -> list[TimelineEntry]:
    """Every transition, evidence upload and removal, and save of the filing, newest first, in
    three queries."""
    entries = [*_transitions(filing), *_evidence(filing), *_saves(filing)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)

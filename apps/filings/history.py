"""The timeline of a filing: transitions and, for every save, the cells it changed."""

from dataclasses import dataclass
from datetime import datetime

from .kinds import shown_kind
from .models import Filing, FilingEvent, FilingSnapshot
from .snapshots import CellChange, diff_cells
from .workflow import ACTION_LABELS


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    kind: str  # "transition" or "save"
    title: str
    reason: str = ""
    from_status: str = ""
    to_status: str = ""
    changes: tuple[CellChange, ...] = ()


def filing_timeline(filing: Filing) -> list[TimelineEntry]:
    """Every transition and every save of the filing, newest first, in two queries."""
    status_labels = dict(Filing.Status.choices)
    entries = [
        TimelineEntry(
            at=event.created_at,
            who=str(event.actor or ""),
            kind="transition",
            title=str(ACTION_LABELS.get(event.action, event.action)),
            reason=event.reason,
            from_status=str(status_labels.get(event.from_status, event.from_status)),
            to_status=str(status_labels.get(event.to_status, event.to_status)),
        )
        for event in FilingEvent.objects.filter(filing=filing).select_related("actor")
    ]
    previous: dict[str, str] = {}
    kind = shown_kind(filing.kind)
    present = kind.presenter(filing)
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
    return sorted(entries, key=lambda entry: entry.at, reverse=True)

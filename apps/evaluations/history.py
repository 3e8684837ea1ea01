"""The timeline of a filing: transitions and, for every save, the cells it changed."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery

from apps.indicators.models import ScoringPolicy

from .models import Filing, FilingEvent, FilingSnapshot
from .selectors import FRAMEWORK_OF_KIND
from .snapshots import CellChange, diff_cells, in_unit
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
    # The unit the form shows amounts in (they are stored in 元), read in the same query.
    unit_of_policy = ScoringPolicy.objects.filter(
        fiscal_year=OuterRef("filing__fiscal_year"),
        framework=FRAMEWORK_OF_KIND[Filing.Kind(filing.kind)],
    ).values("amount_unit")[:1]
    snapshots = (
        FilingSnapshot.objects.filter(filing=filing)
        .select_related("saved_by")
        .annotate(amount_unit=Subquery(unit_of_policy))
    )
    for snapshot in snapshots:
        # Without a policy yet, the default a new policy gets.
        unit = snapshot.amount_unit or ScoringPolicy.AmountUnit.WAN
        changes = [
            c for c in diff_cells(previous, snapshot.cells) if not c.key.endswith(".position")
        ]
        previous = snapshot.cells
        entries.append(
            TimelineEntry(
                at=snapshot.created_at,
                who=str(snapshot.saved_by or ""),
                kind="save",
                title=str(snapshot.version),
                changes=tuple(in_unit(changes, unit)),
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)

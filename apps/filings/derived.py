"""Filing.submitted_at, derived from the filing's events: kept whatever writes an event.

The queue orders by it and the dashboard counts with it, in the database. A receiver sets it
when an event to 已提交 is saved; `submitted_at_refresh` derives it again for many filings at
once (after bulk inserts, an import, a migration).
"""

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Now
from django.db.models.signals import post_delete, post_save

from .models import Filing, FilingEvent


def _last_submission() -> Subquery:
    events = FilingEvent.objects.filter(
        filing=OuterRef("pk"), to_status=Filing.Status.SUBMITTED
    ).order_by("-created_at", "-pk")
    return Subquery(events.values("created_at")[:1])


def submitted_at_refresh(filings: QuerySet[Filing] | None = None) -> int:
    """Derive submitted_at again for the filings (all when None); the number updated."""
    filings = Filing.objects.all() if filings is None else filings
    return filings.update(submitted_at=_last_submission(), derived_at=Now())


def _event_saved(sender, instance: FilingEvent, raw: bool = False, **kwargs) -> None:
    # A fixture or a restore (raw) brings the filing's columns with it, as they were.
    if not raw and instance.to_status == Filing.Status.SUBMITTED:
        submitted_at_refresh(Filing.objects.filter(pk=instance.filing_id))


def _event_deleted(sender, instance: FilingEvent, **kwargs) -> None:
    submitted_at_refresh(Filing.objects.filter(pk=instance.filing_id))


def connect(senders: Iterable[type] = (FilingEvent,)) -> None:
    for sender in senders:
        post_save.connect(_event_saved, sender=sender, dispatch_uid="filings.submitted_at")
        post_delete.connect(_event_deleted, sender=sender, dispatch_uid="filings.submitted_at.del")

"""Signal receivers: a filing's transition writes its notices, and its commit queues the email."""

import logging

from apps.filings.models import FilingEvent

from .messages import NOTIFIED_ACTIONS
from .services import filing_event_record
from .tasks import notify_filing_event_task

logger = logging.getLogger(__name__)


def on_filing_transition_recorded(sender, *, event: FilingEvent, **kwargs) -> None:
    """Write the in-page notices in the transaction of the transition."""
    filing_event_record(event=event)


def on_filing_transitioned(sender, *, event: FilingEvent, **kwargs) -> None:
    """Queue the email of a committed transition; a failure to queue never undoes it."""
    if event.action not in NOTIFIED_ACTIONS:
        return
    try:
        # One attempt, no waiting for the broker inside a request: what is not queued now
        # stays pending in the outbox and goes out with the next sweep.
        notify_filing_event_task.apply_async(args=(event.pk,), retry=False)
    except Exception as error:
        logger.warning(
            "The email of filing event %s waits in the outbox: the task queue is unreachable (%s)",
            event.pk,
            type(error).__name__,
        )

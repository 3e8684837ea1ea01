"""Signal receivers: turn a committed filing transition into a notification task."""

import logging

from apps.evaluations.models import FilingEvent

from .services import NOTIFIED_ACTIONS
from .tasks import notify_filing_event_task

logger = logging.getLogger(__name__)


def on_filing_transitioned(sender, *, event: FilingEvent, **kwargs) -> None:
    """Queue the notifications of a transition; a failure to queue never undoes the transition."""
    if event.action not in NOTIFIED_ACTIONS:
        return
    try:
        notify_filing_event_task.delay(event.pk)
    except Exception:
        # The transition is committed; a broker outage must not turn it into an error page.
        logger.exception("Queueing the notifications of filing event %s failed", event.pk)

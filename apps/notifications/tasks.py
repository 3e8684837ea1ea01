"""Celery tasks: take ids, call one service. Without a broker they run in-process."""

from celery import shared_task
from django.db import OperationalError

from . import services

# Email is the only part of a notice left to a task. A database hiccup is retried with a
# growing pause; the message is acknowledged only after it ran, so a worker that dies
# midway leaves it to another. What cannot be queued at all stays in the outbox
# (Notification.email_pending) for send_pending_emails_task.
RETRIED_ON = (OperationalError,)


@shared_task(
    autoretry_for=RETRIED_ON,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=10,
    acks_late=True,
)
def notify_filing_event_task(event_id: int) -> int:
    """Email the notices of a filing's transition, then whatever else is pending in the outbox.

    Returns how many notices it had to create (normally none: the transition wrote them).
    """
    created = services.filing_event_notify(event_id=event_id)
    services.notifications_email_pending()
    return len(created)


@shared_task(
    autoretry_for=RETRIED_ON,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=10,
    acks_late=True,
)
def send_pending_emails_task() -> int:
    """Send the email left pending in the outbox (run by Celery beat every few minutes)."""
    return services.notifications_email_pending()


@shared_task
def send_filing_reminders_task() -> int:
    """Send today's deadline reminders (run daily by Celery beat), then any pending email."""
    created = services.filing_reminders_send()
    services.notifications_email_pending()
    return created

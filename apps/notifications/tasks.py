"""Celery tasks: take ids, call one service. Without a broker they run in-process."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def notify_filing_event_task(event_id: int) -> int:
    """Notify the people a filing's transition concerns; return how many were notified."""
    return len(services.filing_event_notify(event_id=event_id))


@shared_task
def send_filing_reminders_task() -> int:
    """Send today's deadline reminders (run daily by Celery beat)."""
    return services.filing_reminders_send()

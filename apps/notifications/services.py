"""Writes: notify people of a filing's transitions and of the closing window; mark as read.

Notifications are written in the site's language (Chinese), whatever language the person
who caused them browses in: the recipient's language is not known, the bureau's is.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.filings.models import Filing, FilingEvent
from apps.organizations.models import Department

from . import selectors
from .emails import notifications_email
from .messages import NOTIFIED_ACTIONS, event_message, filing_link
from .models import Notification

TITLE_MAX = Notification._meta.get_field("title").max_length or 300


def filing_event_record(*, event: FilingEvent) -> list[Notification]:
    """Write the in-page notices of a filing's transition, with their email pending.

    Called inside the transaction of the transition (filing_transition_recorded), so the notices
    exist exactly when the transition does, broker or not. Idempotent: people already told of
    the event are not told again.
    """
    if event.action not in NOTIFIED_ACTIONS:
        return []
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        filing = Filing.objects.select_related("department", "fiscal_year", "project").get(
            pk=event.filing_id
        )
        message = event_message(event, filing)
        if message is None:
            return []
        kind, recipients, title, body = message
        already = set(
            Notification.objects.filter(event=event).values_list("recipient_id", flat=True)
        )
        link = filing_link(filing)
        return Notification.objects.bulk_create(
            Notification(
                recipient=recipient,
                filing=filing,
                event=event,
                fiscal_year_id=filing.fiscal_year_id,
                kind=kind,
                title=title[:TITLE_MAX],
                body=body,
                link=link,
                email_pending=bool(recipient.email),
            )
            for recipient in recipients
            # The actor knows what they did (a filer who also heads the department).
            if recipient.pk not in already and recipient.pk != event.actor_id
        )


def filing_event_notify(*, event_id: int) -> list[Notification]:
    """Make sure the notices of a transition exist, then email the pending ones.

    The notices are normally written with the transition; this also covers an event recorded
    before they were. A second run creates nothing and emails only what is still pending.
    """
    with transaction.atomic():
        # Locking the event makes two runs for it (a redelivered task) wait for each other.
        event = FilingEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None:
            return []
        created = filing_event_record(event=event)
    with translation.override(settings.LANGUAGE_CODE):
        notifications_email(notifications=Notification.objects.filter(event_id=event_id))
    return created


def notifications_email_pending() -> int:
    """Send every email still pending (the outbox sweep); return how many went out."""
    with translation.override(settings.LANGUAGE_CODE):
        return notifications_email(notifications=Notification.objects.all())


def reminder_due(*, closes: datetime.date, reminder_days: int, today: datetime.date) -> bool:
    """Remind on the bureau's day before the close, and again on the last day.

    Not every day in between: a daily message is soon ignored, and two (an early notice and a
    last call) are what a department needs to plan the work and not to miss the day.
    """
    days_left = (closes - today).days
    return days_left in (reminder_days, 0)


def _reminder_body(
    fiscal_year: FiscalYear, today: datetime.date, departments: list[tuple[Department, int]]
) -> str:
    names = {
        "year": fiscal_year.year,
        "date": formats.date_format(fiscal_year.filing_closes, "DATE_FORMAT"),
    }
    if fiscal_year.filing_closes == today:
        opening = _("The filing window for fiscal year %(year)s closes today, %(date)s.") % names
    else:
        opening = _("The filing window for fiscal year %(year)s closes on %(date)s.") % names
    lines = [opening, _("Self-evaluations your departments have not submitted yet:")]
    lines += [
        _("%(department)s: %(count)s to complete and submit")
        % {"department": department.name, "count": count}
        for department, count in departments
    ]
    lines.append(
        _(
            "Submit them before the window closes. After it closes, only the finance bureau "
            "can reopen a filing."
        )
    )
    return "\n".join(lines)


def fiscal_year_remind(*, fiscal_year: FiscalYear, today: datetime.date) -> int:
    """Remind the filers of every department with unfinished work in the year; once a day."""
    with translation.override(settings.LANGUAGE_CODE):
        with transaction.atomic():
            # Two runs on the same day (cron and beat both set up) wait for each other.
            FiscalYear.objects.select_for_update().filter(pk=fiscal_year.pk).first()
            already = set(
                Notification.objects.filter(
                    fiscal_year=fiscal_year,
                    kind=Notification.Kind.REMINDER,
                    reminder_date=today,
                ).values_list("recipient_id", flat=True)
            )
            title = _("Reminder: self-evaluations for fiscal year %(year)s are due on %(date)s") % {
                "year": fiscal_year.year,
                "date": formats.date_format(fiscal_year.filing_closes, "DATE_FORMAT"),
            }
            created = Notification.objects.bulk_create(
                Notification(
                    recipient=user,
                    fiscal_year=fiscal_year,
                    kind=Notification.Kind.REMINDER,
                    reminder_date=today,
                    title=title[:TITLE_MAX],
                    body=_reminder_body(fiscal_year, today, departments),
                    link=reverse("home"),
                    email_pending=bool(user.email),
                )
                for user, departments in selectors.filers_to_remind(fiscal_year=fiscal_year).items()
                if user.pk not in already
            )
        notifications_email(
            notifications=Notification.objects.filter(
                fiscal_year=fiscal_year, kind=Notification.Kind.REMINDER, reminder_date=today
            )
        )
    return len(created)


def filing_reminders_send(*, today: datetime.date | None = None) -> int:
    """Send the reminders due today in every open fiscal year; return how many were created."""
    today = today or timezone.localdate()
    years = (
        FiscalYear.objects.filter(
            status=FiscalYear.Status.OPEN, filing_opens__lte=today, filing_closes__gte=today
        )
        .select_related("bureau")
        .order_by("pk")
    )
    created = 0
    for year in years:
        if reminder_due(
            closes=year.filing_closes, reminder_days=year.bureau.reminder_days, today=today
        ):
            created += fiscal_year_remind(fiscal_year=year, today=today)
    return created


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (it stays read if it already was)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of the user's unread notifications read; return how many."""
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )

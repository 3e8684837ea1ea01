"""Email of notifications: one message per recipient, failures logged and retried later."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification

logger = logging.getLogger(__name__)


def _absolute(link: str) -> str:
    # SITE_URL ("https://jx.example.gov.cn") makes links in emails clickable; without it the
    # email gives the path, which is still enough to find the page.
    return getattr(settings, "SITE_URL", "").rstrip("/") + link


def _email_of(notification: Notification) -> EmailMessage:
    subject = _("[Jixiao] %(title)s") % {"title": notification.title}
    parts = [notification.body]
    if notification.link:
        parts.append(_("Open it in Jixiao: %(url)s") % {"url": _absolute(notification.link)})
    parts.append(_("This email was sent by Jixiao automatically. Please do not reply to it."))
    return EmailMessage(
        # A header cannot hold a line break; a project name could.
        subject=" ".join(subject.split()),
        body="\n\n".join(parts),
        to=[notification.recipient.email],
    )


def notifications_email(*, notifications: QuerySet[Notification]) -> int:
    """Email those of the notifications whose email is pending, one message each; return how many.

    A failure is logged and the email stays pending, so a later run (the sweep) retries it; the
    in-app notification is already saved either way.
    """
    pending = list(
        notifications.filter(email_pending=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    if not pending:
        return 0
    sent = 0
    connection = get_connection()
    try:
        for notification in pending:
            # Claim it first: a concurrent run does not send the same email twice.
            claimed = Notification.objects.filter(pk=notification.pk, email_pending=True).update(
                email_pending=False, emailed_at=timezone.now()
            )
            if not claimed:
                continue
            try:
                message = _email_of(notification)
                message.connection = connection
                message.send()
            except Exception:
                logger.exception(
                    "Emailing notification %s to user %s failed",
                    notification.pk,
                    notification.recipient_id,
                )
                Notification.objects.filter(pk=notification.pk).update(
                    email_pending=True, emailed_at=None
                )
            else:
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("Closing the email connection failed")
    return sent

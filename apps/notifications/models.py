"""Notifications: what a user is told in the app (and by email) about filings and deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class Notification(BaseModel):
    """One message to one user: a filing's transition, or a reminder of the closing window."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REOPENED = "reopened", _("Reopened")
        REMINDER = "reminder", _("Deadline reminder")
        OTHER = "other", _("Other")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    filing = models.ForeignKey(
        "filings.Filing",
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    event = models.ForeignKey(
        "filings.FilingEvent",
        verbose_name=_("filing event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    fiscal_year = models.ForeignKey(
        "budgets.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    # A path inside this site ("/projects/3/evaluation/"), never an address elsewhere.
    link = models.CharField(_("link"), max_length=500, blank=True)
    # The day a reminder is for: at most one reminder of a kind per user, year and day.
    reminder_date = models.DateField(_("reminder date"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    # The outbox: set when the notice is written for someone with an email address, cleared
    # once the email went out. Pending email is sent by the task the transition queues, or,
    # when that could not be queued (the broker was down) or failed, by the next sweep.
    email_pending = models.BooleanField(_("email pending"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(email_pending=True),
                name="notification_outbox_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"],
                condition=Q(event__isnull=False),
                name="notification_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["recipient", "fiscal_year", "kind", "reminder_date"],
                condition=Q(reminder_date__isnull=False),
                name="notification_one_reminder_a_day",
            ),
            models.CheckConstraint(
                condition=~Q(kind="reminder")
                | (Q(reminder_date__isnull=False) & Q(fiscal_year__isnull=False)),
                name="notification_reminder_has_year_and_date",
            ),
            models.CheckConstraint(
                condition=Q(link="") | (Q(link__startswith="/") & ~Q(link__startswith="//")),
                name="notification_link_is_local",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

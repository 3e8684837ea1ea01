"""A filing's history: the snapshot of each save, the revision frozen at each submission, and
the event of each transition."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .filing import Filing


class FilingSnapshot(BaseModel):
    """Every cell of a filing as one save left it: the base of conflict messages and history."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="snapshots"
    )
    version = models.PositiveIntegerField(_("version"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    cells = models.JSONField(_("cells"))

    class Meta:
        db_table = "evaluations_filingsnapshot"  # created by apps.evaluations' migrations
        ordering = ["filing_id", "version"]
        verbose_name = _("filing snapshot")
        verbose_name_plural = _("filing snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "version"], name="filing_snapshot_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing} v{self.version}"


class FilingRevision(BaseModel):
    """What a submission froze: every cell, the score and grade; never changed afterwards."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    cells = models.JSONField(_("cells"))
    total_score = models.DecimalField(
        _("self-evaluation score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        db_table = "evaluations_filingrevision"  # created by apps.evaluations' migrations
        ordering = ["filing_id", "number"]
        verbose_name = _("filing revision")
        verbose_name_plural = _("filing revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "number"], name="filing_revision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing} #{self.number}"

    def save(self, *args, **kwargs) -> None:
        """A revision is written once, when it is submitted; it never changes afterwards."""
        if not self._state.adding:
            raise ValueError("A filing revision is immutable.")
        super().save(*args, **kwargs)


class FilingEvent(BaseModel):
    """One transition of a filing: who, when, from, to, and why."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=12, choices=Filing.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Filing.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    # A reopening's new deadline (Filing.reopened_until as this event set it).
    reopened_until = models.DateField(_("reopened until"), null=True, blank=True)
    revision = models.ForeignKey(
        FilingRevision,
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )

    class Meta:
        db_table = "evaluations_filingevent"  # created by apps.evaluations' migrations
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("filing event")
        verbose_name_plural = _("filing events")

    def __str__(self) -> str:
        return f"{self.filing}: {self.from_status} → {self.to_status}"

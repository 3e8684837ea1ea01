"""Report jobs (one rendering of one official document) and a bureau's print layout."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class ReportStorage(FileSystemStorage):
    """Rendered reports, outside every web root: only the checking download view serves them."""

    # Read on every use rather than fixed at import, so tests and workers can point it elsewhere.
    @property
    def base_location(self) -> str:
        root = getattr(settings, "REPORTS_ROOT", None)
        return str(root or os.path.join(settings.PRIVATE_MEDIA_ROOT, "reports"))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Reports have no URL; serve them through the download view.")


def report_storage() -> ReportStorage:
    """The storage of rendered reports (a callable, so migrations do not record a path)."""
    return ReportStorage()


class ReportJob(BaseModel):
    """One request for an official document: its state, progress, file and content hash."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("document"), max_length=30, db_index=True)
    bureau = models.ForeignKey(
        "organizations.FinanceBureau",
        verbose_name=_("finance bureau"),
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    fiscal_year = models.ForeignKey(
        "budgets.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
    )
    filing = models.ForeignKey(
        "filings.Filing",
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_jobs",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), storage=report_storage, max_length=255, blank=True)
    # A filing's document without its page numbers: the pages a bundle or the year's zip
    # merges rather than laying the document out again (paging.py).
    sheet = models.FileField(
        _("pages without numbers"), storage=report_storage, max_length=255, blank=True
    )
    # The name offered on download; the file on disk has a name of our own.
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    # SHA-256 of the plain content (and the print layout) the file was or will be rendered from.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Touched by the worker while it renders (and when the job is queued again): a running job
    # whose heartbeat is old belongs to a worker that died.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    worker_id = models.CharField(_("worker"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [
            models.Index(fields=["kind", "fiscal_year", "department", "filing", "content_hash"]),
            models.Index(fields=["state", "heartbeat_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_job_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

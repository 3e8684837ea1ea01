"""Evidence files (佐证材料) of a filing and the private storage that keeps them."""

import os
import re
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .filing import Filing


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT that no URL serves, only a checking view."""

    # Read on every use rather than fixed at import, so tests can point it elsewhere.
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    """The storage of evidence files (a callable, so migrations do not record a path)."""
    return PrivateStorage()


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """A random name in the filing's folder: the user's file name never reaches the disk."""
    extension = os.path.splitext(filename)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", extension):
        extension = ""
    return f"evidence/{instance.filing_id}/{uuid.uuid4().hex}{extension}"


class Evidence(BaseModel):
    """A file attached to a filing as evidence (佐证材料), kept outside every public root."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=evidence_upload_to, max_length=255
    )
    # The name the user gave the file, shown and used on download; never a path on disk.
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        db_table = "evaluations_evidence"  # created by apps.evaluations' migrations
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class EvidenceEvent(BaseModel):
    """An upload or removal of a filing's evidence: who, when, which file; kept after removal."""

    class Action(models.TextChoices):
        ADDED = "added", _("Evidence attached")
        REMOVED = "removed", _("Evidence removed")

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="evidence_events"
    )
    # The file while it is attached; the name, size and checksum below outlive it.
    evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("evidence file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)

    class Meta:
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("evidence event")
        verbose_name_plural = _("evidence events")

    def __str__(self) -> str:
        return f"{self.filing}: {self.get_action_display()} {self.original_name}"

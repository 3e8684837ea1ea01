"""An uploaded offline workbook between its preview and its confirmation.

The upload's cells are kept as the kind's form state (JSON), never the file itself: the preview
is computed from them, and confirming saves exactly what was previewed, checked against the
version the workbook was downloaded at. A confirmed upload stays as the record of who uploaded
what; a new upload of the same filing by the same user replaces an unconfirmed one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel
from apps.filings.models import Filing


class OfflineUpload(BaseModel):
    """One upload of a filled workbook: what it would save, and whether it was saved."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="offline_uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # The filing's version stamped in the workbook: the save's version check starts from it.
    base_version = models.PositiveIntegerField(_("base version"))
    state = models.JSONField(_("cells"), default=dict)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offline upload")
        verbose_name_plural = _("offline uploads")

    def __str__(self) -> str:
        return f"{self.filing_id} · {self.file_name}"

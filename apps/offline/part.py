"""The 离线填报 panel on every filing page of a kind that has a codec (apps.filings.parts)."""

from django.urls import reverse

from apps.filings import parts
from apps.filings.models import Filing

from .codecs import codec_of

PREFIX = "offline."  # no cells: offline filling saves the kind's own cells


def panel(filing: Filing) -> dict | None:
    """Download link and upload form; the template shows the form to those who may edit."""
    if codec_of(filing.kind) is None:
        return None
    return {
        "template": "offline/_panel.html",
        "download_url": reverse("offline:download", kwargs={"filing_pk": filing.pk}),
        "upload_url": reverse("offline:upload", kwargs={"filing_pk": filing.pk}),
    }


def register() -> None:
    parts.register_part(
        parts.Part(prefix=PREFIX, cells=lambda filing: {}, label=lambda f, key: key, panel=panel)
    )

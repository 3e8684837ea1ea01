"""Evidence files (佐证材料) in an import: written under new private names, checked against
their checksum, removed again when the import does not commit."""

import base64
import binascii
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from apps.filings.models import Evidence, Filing
from apps.filings.models.evidence import EvidenceEvent

from . import fields
from .reference import restamp
from .resolve import Resolved
from .schema import FormatError, items, join, need, text_of, values


def evidence_import(filing: Filing, record: Any, resolved: Resolved, path: str) -> None:
    """The filing's evidence files (bytes checked against their checksum) and their events."""
    files: dict[str, Evidence] = {}
    for p, file in items(record, "evidence", path):
        data = values(Evidence, file, fields.EVIDENCE, p)
        try:
            content = base64.b64decode(text_of(file, "content_base64", p), validate=True)
        except binascii.Error:
            raise FormatError(join(p, "content_base64"), _("not base64")) from None
        if hashlib.sha256(content).hexdigest() != data["sha256"] or len(content) != data["size"]:
            raise FormatError(join(p, "content_base64"), _("the file does not match its sha256"))
        evidence = Evidence(
            filing=filing,
            uploaded_by=resolved.someone(need(file, "uploaded_by", p), join(p, "uploaded_by")),
            **data,
        )
        evidence.file.save(data["original_name"], ContentFile(content), save=False)
        resolved.written.append(evidence.file.name)
        evidence.save()
        restamp(evidence, file)
        files[text_of(file, "ref", p)] = evidence
    for p, event in items(record, "evidence_events", path):
        ref = need(event, "evidence", p)
        if ref is not None and ref not in files:
            raise FormatError(join(p, "evidence"), _("no evidence file with this ref"))
        made = EvidenceEvent.objects.create(
            filing=filing,
            evidence=files.get(ref) if ref else None,
            actor=resolved.user(need(event, "actor", p), join(p, "actor")),
            **values(EvidenceEvent, event, fields.EVIDENCE_EVENT, p),
        )
        restamp(made, event)


def remove_files(names: list[str]) -> None:
    """Remove files an import wrote and did not commit."""
    storage = Evidence._meta.get_field("file").storage
    for name in names:
        storage.delete(name)

"""Evidence (佐证材料) of filings: what may be uploaded, and the writes that add and remove it."""

import hashlib
import logging
import math
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError

from .evidence_archives import archive_check
from .models import Evidence, Filing
from .models.evidence import EvidenceEvent
from .permissions import EDITABLE_STATUSES

logger = logging.getLogger(__name__)

MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class FileType:
    """A kind of file the system knows how to recognise by its first bytes."""

    content_type: str
    signatures: tuple[bytes, ...]


_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Compound File: Word 97-2003, Excel 97-2003

# Only these can be allowed: a type whose content cannot be recognised is refused even when
# settings.EVIDENCE_EXTENSIONS names it.
FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "doc": FileType("application/msword", _OLE),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP
    ),
    "xls": FileType("application/vnd.ms-excel", _OLE),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "ofd": FileType("application/ofd", _ZIP),
    "zip": FileType("application/zip", _ZIP),
}


@dataclass(frozen=True)
class UploadLimits:
    """What an upload may be, for forms and messages."""

    extensions: tuple[str, ...]
    max_bytes: int

    @property
    def max_megabytes(self) -> str:
        return megabytes(self.max_bytes)

    @property
    def types_display(self) -> str:
        return ", ".join(extension.upper() for extension in self.extensions)

    @property
    def accept(self) -> str:
        """The value of an <input type="file" accept="…"> attribute."""
        return ",".join(f".{extension}" for extension in self.extensions)


def upload_limits() -> UploadLimits:
    """The limits the settings set, restricted to the types the system can recognise."""
    extensions = tuple(
        extension
        for extension in dict.fromkeys(e.lower().lstrip(".") for e in settings.EVIDENCE_EXTENSIONS)
        if extension in FILE_TYPES
    )
    return UploadLimits(extensions=extensions, max_bytes=settings.EVIDENCE_MAX_BYTES)


def megabytes(size: int, *, round_up: bool = False) -> str:
    """Bytes in MB with one decimal; rounded up for a file's size, so it never looks allowed."""
    tenths = size * 10 / (1024 * 1024)
    tenths = math.ceil(tenths) if round_up else math.floor(tenths)
    return f"{tenths / 10:.1f}".removesuffix(".0")


def safe_original_name(name: str) -> str:
    """The file's own name without any folder, control characters or excess length."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def validate_upload(upload: File, *, name: str) -> FileType:
    """Refuse an empty, too large, disallowed, mislabelled or over-unpacking file; give its type."""
    limits = upload_limits()
    size = upload.size or 0
    if size == 0:
        raise ApplicationError(
            _("The file %(name)s is empty. Attach a file with content.") % {"name": name}
        )
    if size > limits.max_bytes:
        raise ApplicationError(
            _(
                "The file %(name)s is %(size)s MB; a file may be at most %(limit)s MB. "
                "Compress or split it, then attach it again."
            )
            % {"name": name, "size": megabytes(size, round_up=True), "limit": limits.max_megabytes}
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in limits.extensions:
        raise ApplicationError(
            _("The file %(name)s is not of an allowed type. Allowed types: %(types)s.")
            % {"name": name, "types": limits.types_display}
        )
    file_type = FILE_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in file_type.signatures):
        raise ApplicationError(
            _(
                "The content of %(name)s is not a %(type)s file: it may have been renamed. "
                "Attach the original file. Allowed types: %(types)s."
            )
            % {"name": name, "type": extension.upper(), "types": limits.types_display}
        )
    if file_type.signatures == _ZIP:
        # docx, xlsx and ofd are zips too: each is measured unpacked before it is kept.
        archive_check(upload.file or upload, name=name, allow_nested=extension != "zip")
    return file_type


def _sha256(upload: File) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _lock_editable(filing_id: int) -> Filing:
    """The filing, locked; refused unless the department may still change it."""
    locked = Filing.objects.select_for_update().get(pk=filing_id)
    if locked.status not in EDITABLE_STATUSES:
        raise ApplicationError(
            _("This filing is %(status)s; its evidence can no longer be changed.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _remove_file(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        # The row is gone either way; a leftover file costs disk space, it leaks nothing.
        logger.exception("Could not remove evidence file %s", name)


def _record(*, filing: Filing, evidence: Evidence, by: User, action: str) -> EvidenceEvent:
    """The upload or removal in the filing's history; called inside the write's transaction."""
    return EvidenceEvent.objects.create(
        filing=filing,
        evidence=evidence if action == EvidenceEvent.Action.ADDED else None,
        actor=by,
        action=action,
        original_name=evidence.original_name,
        size=evidence.size,
        sha256=evidence.sha256,
    )


def evidence_add(*, filing: Filing, by: User, upload: File, description: str = "") -> Evidence:
    """Check an uploaded file and attach it to the filing; no row and no file if anything fails."""
    original_name = safe_original_name(upload.name or "")
    file_type = validate_upload(upload, name=original_name)
    sha256 = _sha256(upload)
    storage = Evidence._meta.get_field("file").storage
    written = ""
    try:
        with transaction.atomic():
            locked = _lock_editable(filing.pk)
            evidence = Evidence(
                filing=locked,
                original_name=original_name,
                size=upload.size,
                content_type=file_type.content_type,
                sha256=sha256,
                uploaded_by=by,
                description=description.strip(),
            )
            # A random name in the filing's folder (see evidence_upload_to), never the user's.
            written = evidence.file.field.generate_filename(evidence, original_name)
            evidence.file.name = storage.save(written, upload, max_length=255)
            written = evidence.file.name
            try:
                evidence.full_clean()
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages)) from exc
            evidence.save()
            _record(filing=locked, evidence=evidence, by=by, action=EvidenceEvent.Action.ADDED)
    except BaseException:
        # The file is written before the row is committed: remove what the failure left.
        if written:
            _remove_file(storage, written)
        raise
    logger.info(
        "Evidence %s (sha256 %s) attached to filing %s by user %s",
        evidence.pk,
        sha256,
        locked.pk,
        by.pk,
    )
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by: User) -> None:
    """Detach a file from its filing; the file leaves the disk once the deletion is committed."""
    locked = _lock_editable(evidence.filing_id)
    _record(filing=locked, evidence=evidence, by=by, action=EvidenceEvent.Action.REMOVED)
    storage, name = evidence.file.storage, evidence.file.name
    pk, filing_id = evidence.pk, evidence.filing_id
    evidence.delete()
    if name:
        transaction.on_commit(lambda: _remove_file(storage, name))
    logger.info("Evidence %s removed from filing %s by user %s", pk, filing_id, by.pk)

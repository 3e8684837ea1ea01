"""What is inside a zip (or a docx, xlsx or ofd, which are zips), before it is kept."""

import zipfile
import zlib
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError

# Archives inside a .zip are refused: they cannot be measured without unpacking them, and
# whoever downloads the evidence would unpack them blind. Office files keep their embedded
# objects (a chart's workbook inside a docx is a zip).
NESTED_ARCHIVE_EXTENSIONS = (".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab")


def archive_check(handle: IO[bytes], *, name: str, allow_nested: bool) -> None:
    """Refuse a malformed, encrypted or oversized archive, or (unless allowed) one of archives.

    The declared sizes bound what unpacking can produce (Python's zipfile stops at them and
    checks each entry's CRC), and every entry is read through once, so a zip that lies about
    its sizes fails as malformed instead of unpacking past the limit.
    """
    max_unpacked = settings.EVIDENCE_MAX_UNPACKED_BYTES
    max_entries = settings.EVIDENCE_MAX_ARCHIVE_ENTRIES
    limit_mb = f"{max_unpacked / (1024 * 1024):.0f}"
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            if len(entries) > max_entries:
                raise ApplicationError(
                    _(
                        "%(name)s holds %(count)s files; an archive may hold at most %(limit)s. "
                        "Split it into several archives."
                    )
                    % {"name": name, "count": len(entries), "limit": max_entries}
                )
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise ApplicationError(
                    _(
                        "%(name)s is protected by a password. "
                        "Attach it without a password so that reviewers can open it."
                    )
                    % {"name": name}
                )
            if sum(entry.file_size for entry in entries) > max_unpacked:
                raise ApplicationError(
                    _(
                        "%(name)s unpacks to more than %(limit)s MB. "
                        "Attach the files it holds in smaller parts."
                    )
                    % {"name": name, "limit": limit_mb}
                )
            if not allow_nested and any(
                entry.filename.lower().endswith(NESTED_ARCHIVE_EXTENSIONS) for entry in entries
            ):
                raise ApplicationError(
                    _(
                        "%(name)s contains another archive. "
                        "Unpack it and put its files into this archive directly."
                    )
                    % {"name": name}
                )
            if archive.testzip() is not None:
                raise zipfile.BadZipFile("CRC mismatch")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        raise ApplicationError(
            _("%(name)s is damaged or not a readable archive. Create it again and attach it.")
            % {"name": name}
        ) from None
    finally:
        handle.seek(0)

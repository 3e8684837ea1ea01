"""Serving generated files: a Content-Disposition any browser reads (RFC 6266 / RFC 5987)."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse
from import_export.formats.base_formats import XLSX

# Path separators, quotes, the characters Windows refuses, and controls.
_UNSAFE = re.compile(r'[\\/:*?"<>|;,\x00-\x1f\x7f]+')


def safe_filename(name: str) -> str:
    """A file name with nothing a file system or a header could misread."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" ._")
    return cleaned or "download"


def content_disposition(filename: str, *, fallback: str) -> str:
    """attachment; an ASCII filename for old clients and filename* (UTF-8) for the real name."""
    ascii_name = safe_filename(fallback).encode("ascii", "replace").decode("ascii")
    ascii_name = ascii_name.replace("?", "_")
    encoded = quote(safe_filename(filename), safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


def xlsx_response(content: bytes, *, filename: str, fallback: str) -> HttpResponse:
    """A download of an .xlsx workbook."""
    response = HttpResponse(content, content_type=XLSX.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, fallback=fallback)
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Evidence uploads are measured while they stream: a file past the limit is never read whole."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# Room for the form's other fields and the multipart headers around the file: a request
# larger than the file limit plus this cannot hold an allowed file, and is refused unread.
FORM_OVERHEAD_BYTES = 64 * 1024


def upload_too_large(request: HttpRequest) -> int | None:
    """The request's declared size when it exceeds what any allowed upload needs, else None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length > settings.EVIDENCE_MAX_BYTES + FORM_OVERHEAD_BYTES else None


class EvidenceSizeLimitHandler(FileUploadHandler):
    """Counts each file's bytes as they arrive and stops reading the request past the limit.

    Installed first among request.upload_handlers, it passes chunks on to Django's own
    handlers (memory or temporary file) until a file passes EVIDENCE_MAX_BYTES; then it stops
    the upload, so neither the rest of the body nor a full-size temporary file is ever taken.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.max_bytes: int = settings.EVIDENCE_MAX_BYTES
        self.received = 0
        self.refused_name: str | None = None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.refused_name = self.file_name or ""
            # The client is still sending: close the connection rather than read on.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the uploaded file

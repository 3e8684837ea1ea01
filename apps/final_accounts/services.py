"""Writes of the final accounts: store an upload with its findings; mark one confirmed."""

from typing import IO

from django.db import transaction
from django.utils import timezone

from .checks import check_tables
from .models import Disclosure
from .selectors import codes_of_year
from .upload import read_upload


@transaction.atomic
def disclosure_upload(
    *,
    department,
    fiscal_year,
    by,
    upload: IO[bytes] | bytes,
    size: int | None = None,
    file_name: str = "",
) -> Disclosure:
    """Read and check the upload; store it with its findings (they do not block storing).

    Raises UploadRefused (nothing stored) when the file cannot be read as the template.
    """
    tables = read_upload(upload, department=department, fiscal_year=fiscal_year, size=size)
    findings = check_tables(
        tables, catalogue=codes_of_year(fiscal_year.year), year=fiscal_year.year
    )
    return Disclosure.objects.create(
        department=department,
        fiscal_year=fiscal_year,
        uploaded_by=by,
        file_name=file_name[:255],
        tables=tables,
        findings=findings,
    )


def disclosure_mark_confirmed(*, disclosure: Disclosure, by) -> Disclosure:
    """The upload filled the filing: it is the confirmed one of its department and year.

    Called by the department filing's confirm step inside its own transaction.
    """
    Disclosure.objects.filter(
        department_id=disclosure.department_id,
        fiscal_year_id=disclosure.fiscal_year_id,
        status=Disclosure.Status.CONFIRMED,
    ).exclude(pk=disclosure.pk).update(status=Disclosure.Status.PENDING)
    disclosure.status = Disclosure.Status.CONFIRMED
    disclosure.confirmed_by = by
    disclosure.confirmed_at = timezone.now()
    disclosure.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    return disclosure

"""Download, edit and upload a filing's offline workbook through the pages."""

import io
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from apps.exchange.workbook import workbook_bytes
from apps.filings.models import Filing
from apps.offline.project_sheet import SHEET, plan_of
from apps.project_evaluations.selectors import policy_of


def download(client, filing: Filing) -> bytes:
    response = client.get(reverse("offline:download", kwargs={"filing_pk": filing.pk}))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def edited(content: bytes, edit: Callable[[Workbook], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    edit(workbook)
    return workbook_bytes(workbook)


def upload(client, filing: Filing, content: bytes, name: str = "填报.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("offline:upload", kwargs={"filing_pk": filing.pk}), {"workbook": file}
    )


def confirm(client, filing: Filing, upload_pk: int):
    return client.post(
        reverse("offline:confirm", kwargs={"filing_pk": filing.pk, "upload_pk": upload_pk})
    )


def cell_of(filing: Filing, key: str, row: int = 0) -> tuple[int, int]:
    """(row, column) of an indicator row's input in the filing's sheet (row 0: the first)."""
    plan = plan_of(policy_of(filing))
    column = plan.column(key)
    assert column is not None, key
    return plan.first_row + row, column


def set_cell(filing: Filing, key: str, value, row: int = 0) -> Callable[[Workbook], None]:
    line, column = cell_of(filing, key, row)

    def edit(workbook: Workbook) -> None:
        workbook[SHEET].cell(row=line, column=column).value = value

    return edit


def said(msgid: str) -> str:
    """A message as the pages say it (in the site's language, whatever the catalog holds)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(msgid)

"""Printing a department filing in tests, and reading its text back."""

import re

from apps.department_evaluations.documents import DEPARTMENT_TABLE
from apps.filings.models import Filing
from apps.reports.documents.common import Target
from tests.reports import helpers


def pdf_of(filing: Filing) -> bytes:
    """The filing's 部门整体支出绩效自评 PDF."""
    target = Target(fiscal_year=filing.fiscal_year, department=filing.department, filing=filing)
    output = DEPARTMENT_TABLE.produce(DEPARTMENT_TABLE.build(target), lambda *args: None)
    assert output.data is not None
    return output.data


def flat_text(data: bytes) -> str:
    """The PDF's text without the spaces and line breaks a layout puts inside words."""
    return re.sub(r"\s+", "", "\n".join(helpers.pdf_pages(data)))


def first_missing(text: str, labels: list[str]) -> str | None:
    """The first label not found after the ones before it (None: all are, in this order)."""
    position = 0
    for label in labels:
        wanted = re.sub(r"\s+", "", label)
        found = text.find(wanted, position)
        if found == -1:
            return label
        position = found + len(wanted)
    return None

"""What every kind of document shares: its target, its output, hashing and print helpers."""

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.indicators import scoring
from apps.organizations.models import Department, FinanceBureau

from .. import pdf


@dataclass(frozen=True)
class Target:
    """What a document is about: a year, and a department or one filing of it."""

    fiscal_year: FiscalYear
    department: Department | None = None
    filing: Filing | None = None

    @property
    def bureau(self) -> FinanceBureau:
        return self.fiscal_year.bureau


@dataclass(frozen=True)
class Output:
    """A rendered document: bytes in memory or a temporary file, and the name offered."""

    file_name: str
    data: bytes | None = None
    path: str | None = None
    sheet: bytes | None = None  # a filing's document: its pages without numbers, stored too


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


Permission = Callable[[User, Target], tuple[bool, str]]


@dataclass(frozen=True)
class FilingPrint:
    """How a document of one filing prints, alone and among others (a bundle, the year's zip).

    A kind of filing gives this to `documents.filing_document`. Its content is plain and
    JSON-able, and besides what its templates print holds "watermark" (`watermark_of` its
    status: the word printed across its pages, or ""), "updated_on" (the ISO day the filing
    last changed: a bundle's report date) and "orientation" ("portrait" or "landscape": the
    page of its section in a bundle). A filing's content may say "blank": True (a report not
    yet written): bundles and the year's zip then leave that document out.
    """

    template: str  # the document alone: a whole page (extends base_print.html)
    section_template: str  # the same content as a section of a department's bundle
    # Bump when what the document prints changes in code rather than in its templates.
    version: int
    # The content of each filing, by filing id, in the order a bundle prints them: a fixed
    # number of queries however many filings.
    contents: Callable[[Sequence[int], FiscalYear], dict[int, dict]]
    title: Callable[[dict], str]  # the section's line in a bundle's table of contents
    file_name: Callable[[dict], str]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of official document: how to gather it, render it, and who may ask for it."""

    key: str
    label: object  # a lazy translation
    scope: Literal["department", "bureau"]
    build: Callable[[Target], dict]  # plain, JSON-able content: the template's input
    # The content hash, from cheap inputs (fingerprints.py): asking never builds the document.
    fingerprint: Callable[[Target], str]
    produce: Callable[[dict, Progress], Output]
    may_request: Permission
    content_type: str = "application/pdf"
    # Set for the document of one filing (made by `documents.filing_document`).
    filing: FilingPrint | None = None


# The print templates and styles are part of what a file was rendered from: a change to the
# layout renders again even when the data did not change.
_LAYOUT_FILES = (
    "templates/print",
    "templates/base_print.html",
    "static/css/print.css",
)


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for name in _LAYOUT_FILES:
        path = root / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def render_print_html(template: str, content: dict) -> str:
    """The print template filled with the content, in the language of the official forms."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, {"doc": content})


def pdf_output(template: str, content: dict, file_name: str, progress: Progress) -> Output:
    """Render one content to one PDF, telling progress before and after the layout."""
    progress(0, 2)
    html = render_print_html(template, content)
    progress(1, 2)
    data = pdf.html_to_pdf(html)
    progress(2, 2)
    return Output(file_name=file_name, data=data)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """A file or folder name from user text: no separators, control or reserved characters."""
    cleaned = _UNSAFE.sub("_", text).strip(" .")
    return cleaned[:120] or "_"


def score_text(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def percent_text(rate: Decimal | None) -> str:
    return "" if rate is None else f"{scoring.round_score(rate * 100):.2f}%"


def date_text(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


APPROVED_STATUSES = (Filing.Status.APPROVED, Filing.Status.PUBLISHED)
# With the reviewers (or the department head before them): the filer cannot change it.
PENDING_STATUSES = (Filing.Status.HEAD_REVIEW, Filing.Status.SUBMITTED, Filing.Status.IN_REVIEW)
# The word printed across the pages of a document not approved yet, in the forms' language.
WATERMARK_DRAFT = "草稿"
WATERMARK_PENDING = "待审核"


def watermark_of(status: str) -> str:
    """Across a filing's pages: 草稿 while the filer has it, 待审核 in review, none approved."""
    if status in APPROVED_STATUSES:
        return ""
    if status in PENDING_STATUSES:
        return WATERMARK_PENDING
    return WATERMARK_DRAFT


def strongest_watermark(watermarks: Sequence[str]) -> str:
    """A bundle's watermark: the least final of its documents', 草稿 when it holds none."""
    if not watermarks:
        return WATERMARK_DRAFT
    for mark in (WATERMARK_DRAFT, WATERMARK_PENDING, *watermarks):
        if mark and mark in watermarks:
            return mark
    return ""


def merge_rows(rows: Sequence[dict], keys: Sequence[str], scope: str) -> list[dict]:
    """Flag the label cells of grouped rows so the print shows each group's label once.

    For each key (outermost first), `rep` marks a label equal to the row above within the same
    outer groups (hidden, cell merged upwards) and `more` a label the row below repeats (its
    bottom border is left out). `dom_id` names the row for the page-break pass in pdf.py.
    """
    flagged = []
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        following = rows[index + 1] if index + 1 < len(rows) else None
        merge = {}
        for depth, key in enumerate(keys):
            outer = keys[: depth + 1]
            merge[key] = {
                "rep": previous is not None and all(previous[k] == row[k] for k in outer),
                "more": following is not None and all(following[k] == row[k] for k in outer),
            }
        repeats = any(flags["rep"] for flags in merge.values())
        flagged.append(
            {**row, "merge": merge, "dom_id": f"jx{'c' if repeats else 'r'}-{scope}-{index}"}
        )
    return flagged

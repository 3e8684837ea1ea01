"""Stored pages put together: page numbers stamped on, documents merged (pypdf).

A filing's document is laid out once, without its page numbers ("第 n 页 共 m 页"), and stored
so (its sheet). Served alone, or merged into a department's bundle after the bundle's cover and
contents, its pages get the numbers of the file they are in: a page of nothing but the footer,
laid out by WeasyPrint with the same @page rules (print.css), is stamped over each page. The
footers of a sequence of page kinds are laid out once per process.
"""

import io
from collections.abc import Sequence
from functools import lru_cache

from pypdf import PageObject, PdfReader, PdfWriter

from . import pdf

COVER, PORTRAIT, LANDSCAPE = "cover", "portrait", "landscape"

FOOTERS_MARK = '<meta name="generator" content="Jixiao page numbers">'
_FOOTERS = (
    f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">{FOOTERS_MARK}'
    '<link rel="stylesheet" href="/static/css/print.css"></head><body>{pages}</body></html>'
)


@lru_cache(maxsize=32)
def _footers(kinds: tuple[str, ...]) -> bytes:
    """Pages of nothing but their number, of these kinds (a cover counts but shows none)."""
    pages = "".join(
        f'<div class="jx-page-{kind}" style="break-before: page"></div>' for kind in kinds
    )
    return pdf.render_pdf(_FOOTERS.format(pages=pages)).data


def page_kind(page: PageObject) -> str:
    box = page.mediabox
    return LANDSCAPE if box.width > box.height else PORTRAIT


def _numbered(writer: PdfWriter, covers: int) -> bytes:
    kinds = tuple(
        COVER if index < covers else page_kind(page) for index, page in enumerate(writer.pages)
    )
    footers = PdfReader(io.BytesIO(_footers(kinds)))
    for index, page in enumerate(writer.pages):
        if index >= covers:
            page.merge_page(footers.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def numbered(sheet: bytes) -> bytes:
    """A document's stored pages with their page numbers."""
    return _numbered(PdfWriter(clone_from=io.BytesIO(sheet)), covers=0)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def merged(parts: Sequence[tuple[bytes, range | None]], covers: int = 1) -> bytes:
    """The pages of each part (all, or a range of them) in order, numbered from the first
    page; the first `covers` pages are counted but show no number."""
    writer = PdfWriter()
    for data, pages in parts:
        reader = PdfReader(io.BytesIO(data))
        writer.append(reader, pages=list(pages) if pages is not None else None)
    return _numbered(writer, covers)

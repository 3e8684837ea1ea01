"""HTML to PDF: one pure function, fetching nothing but the project's own static files.

Merged 一级/二级 cells and page breaks: a printed form merges the cells of a group's label, but
a rowspan cut by a page break leaves the next page without its label. So every row of a group
carries its labels; the repeated ones are laid out but hidden (`.jx-rep`, visibility: hidden)
and their cell borders inside the group are transparent, which merges them to the eye. After a
layout the rows that begin and end each page are known (their ids are page anchors); when a
group crosses a break, the laid-out boxes are mended before drawing: the labels of the first row
of the next page are shown and the border under the last row of the page drawn. Only visibility
and colours change, so the pages are those of the one layout (a second layout with that CSS
gave byte-identical files, at twice the cost).

Page numbers: `numbered=False` leaves them out (a filing's stored pages, numbered by paging.py
when served alone or merged into a bundle).
"""

import itertools
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from tinycss2.color5 import parse_color
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the HTML ("/static/css/print.css") resolve against this origin, which no
# network request can reach: the fetcher below answers it from the static files finders.
BASE_URL = "https://jixiao.invalid/"

BLACK = parse_color("#000")

# A row of a merged group: "jxc-<scope>-<n>" repeats a label of the row above, "jxr-…" does not.
_ROW_ID = re.compile(r"^jx([cr])-(?P<scope>[\w]+)-(?P<n>\d+)$")


class StaticOnlyFetcher(URLFetcher):
    """Serves files under STATIC_URL found by the staticfiles finders; refuses every other URL."""

    def fetch(self, url, headers=None):
        path = _static_path(url)
        if path is None:
            raise ValueError(f"Reports fetch only the project's static files, not {url!r}.")
        found = finders.find(path)
        if not found or isinstance(found, list):
            raise ValueError(f"No static file {path!r}.")
        with open(found, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def _static_path(url: str) -> str | None:
    """The path of a static file the URL names, or None when it names anything else."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if not relative or ".." in relative.split("/") or "\\" in relative:
        return None
    return relative


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    layouts: int  # always 1: a group cut by a page break is mended in the laid-out pages
    # The page (from 0) of each element id that is no table row (a bundle's sections).
    anchors: dict[str, int] = field(default_factory=dict)


def _layout(html: str, fonts: FontConfiguration) -> Document:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render(
        font_config=fonts
    )


def _rows_by_page(document: Document) -> list[list[tuple[float, str]]]:
    pages = []
    for page in document.pages:
        rows = []
        for name, position in page.anchors.items():
            if _ROW_ID.match(name):
                rows.append((position[1], name))
        pages.append(sorted(rows))
    return pages


def cut_groups(document: Document) -> list[tuple[int, str, str]]:
    """(page of the first row, first row on that page, last row of the page before) of each
    group a page break cut."""
    cut = []
    pages = _rows_by_page(document)
    for index, (before, after) in enumerate(itertools.pairwise(pages), start=1):
        if not before or not after:
            continue
        first = _ROW_ID.match(after[0][1])
        last = _ROW_ID.match(before[-1][1])
        if first is None or last is None or first.group(1) != "c":
            continue
        cut.append((index, after[0][1], before[-1][1]))
    return cut


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _classes(box) -> list[str]:
    element = box.element
    return (element.get("class") or "").split() if element is not None else []


def _restyled(box, **values) -> None:
    style = box.style.copy()  # the style may be shared with other boxes: change a copy
    style.update(values)
    box.style = style


def _show_labels(page, row_id: str) -> None:
    """Show the labels a row repeats from the row above (.jx-rep), on the page it opens."""
    for box in _descendants(page._page_box):
        if box.element is not None and box.element.get("id") == row_id and box.element_tag == "tr":
            for inner in _descendants(box):
                if "jx-rep" in _classes(inner) and inner.element_tag == "span":
                    for text in _descendants(inner):
                        _restyled(text, visibility="visible")


def _close_group(page, row_id: str) -> None:
    """Draw the bottom border of a row's .jx-more cells, the last row of its page.

    Collapsed borders are resolved into the table's grid before layout (as a second layout
    with `border-bottom-color: #000 !important` on those cells would resolve them): the line
    under each such cell turns black, the row's number mapped as draw_collapsed_borders does.
    """
    for table in _descendants(page._page_box):
        grid = getattr(table, "collapsed_border_grid", None)
        if grid is None or not getattr(table, "children", None):
            continue
        rows = [row for group in table.children for row in group.children]
        for y, row in enumerate(rows):
            if row.element is None or row.element.get("id") != row_id:
                continue
            header = len(table.children[0].children) if table.children[0].is_header else 0
            offset = (table.skipped_rows - header) if table.skipped_rows else 0
            line = y + 1 if header and y + 1 < header + 1 else y + 1 + offset  # row_number()
            for cell in row.children:
                if "jx-more" in _classes(cell):
                    score, (style, width, _color) = grid[1][line][cell.grid_x]
                    grid[1][line][cell.grid_x] = (score, (style, width, BLACK))


def mend_cut_groups(document: Document) -> int:
    """Show the labels of each group a page break cut on its next page, and close the group
    at the foot of the page before: only visibility and a colour change, so the pages are those
    of the one layout. Returns how many groups were cut."""
    cut = cut_groups(document)
    for page_index, first, last in cut:
        _show_labels(document.pages[page_index], first)
        _close_group(document.pages[page_index - 1], last)
    return len(cut)


def _strip_page_numbers(document: Document) -> None:
    """Leave out the page numbers (the @bottom-center boxes): the pages of a filing's document
    are stored so, and numbered when they are served alone or merged in a bundle."""
    for page in document.pages:
        box = page._page_box
        box.children = [
            child for child in box.children if getattr(child, "at_keyword", "") != "@bottom-center"
        ]


def render_pdf(html: str, *, numbered: bool = True) -> RenderedPdf:
    """Lay out the HTML as PDF pages once (mending the groups a page break cut); numbered=False
    leaves the page numbers out."""
    fonts = FontConfiguration()
    document = _layout(html, fonts)
    mend_cut_groups(document)
    anchors = {
        name: index
        for index, page in enumerate(document.pages)
        for name in page.anchors
        if not _ROW_ID.match(name)
    }
    if not numbered:
        _strip_page_numbers(document)
    return RenderedPdf(
        data=document.write_pdf(), pages=len(document.pages), layouts=1, anchors=anchors
    )


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document; only files under STATIC_URL are ever fetched."""
    return render_pdf(html).data

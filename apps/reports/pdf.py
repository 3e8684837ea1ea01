"""HTML to PDF: one pure function, fetching nothing but the project's own static files.

Merged 一级/二级 cells and page breaks: a printed form merges the cells of a group's label, but
a rowspan cut by a page break leaves the next page without its label. So every row of a group
carries its labels; the repeated ones are laid out but hidden (`.jx-rep`, visibility: hidden)
and their cell borders inside the group are transparent, which merges them to the eye. After a
first layout the rows that begin and end each page are known (their ids are page anchors); when
a group crosses a break, a second layout shows the labels of the first row of the next page and
draws the border under the last row of the page. Only visibility and colours change between the
two layouts, so the pages break at exactly the same rows.
"""

import itertools
import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the HTML ("/static/css/print.css") resolve against this origin, which no
# network request can reach: the fetcher below answers it from the static files finders.
BASE_URL = "https://jixiao.invalid/"

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
    layouts: int  # 1, or 2 when a merged group crossed a page break


def _layout(html: str, fonts: FontConfiguration, extra_css: str = "") -> Document:
    stylesheets = [CSS(string=extra_css, font_config=fonts)] if extra_css else None
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render(
        stylesheets=stylesheets, font_config=fonts
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


def continued_group_css(document: Document) -> str:
    """CSS that repeats the labels of groups a page break cut; empty when no group was cut."""
    rules = []
    pages = _rows_by_page(document)
    for before, after in itertools.pairwise(pages):
        if not before or not after:
            continue
        first = _ROW_ID.match(after[0][1])
        last = _ROW_ID.match(before[-1][1])
        if first is None or last is None or first.group(1) != "c":
            continue
        # The first row of the page repeats a label of the row above it, now on another page.
        # Passed as a user stylesheet, which yields to the author's rules unless important.
        rules.append(f"#{after[0][1]} .jx-rep {{ visibility: visible !important }}")
        rules.append(f"#{before[-1][1]} .jx-more {{ border-bottom-color: #000 !important }}")
    return "\n".join(rules)


def render_pdf(html: str) -> RenderedPdf:
    """Lay out the HTML as PDF pages (twice when a merged group crosses a page break)."""
    fonts = FontConfiguration()
    document = _layout(html, fonts)
    layouts = 1
    extra = continued_group_css(document)
    if extra:
        document = _layout(html, fonts, extra)
        layouts = 2
    return RenderedPdf(data=document.write_pdf(), pages=len(document.pages), layouts=layouts)


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document; only files under STATIC_URL are ever fetched."""
    return render_pdf(html).data

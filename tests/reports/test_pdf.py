"""The HTML → PDF function: fonts, fetching, escaping, and tables that span pages."""

import socket
import threading

import pytest

from apps.reports.documents import Target, kind_of
from apps.reports.documents.common import render_print_html
from apps.reports.pdf import StaticOnlyFetcher, html_to_pdf, render_pdf
from tests.reports import helpers


class _Listener:
    """A local TCP port that records every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture
def listener():
    listening = _Listener()
    yield listening
    listening.close()


def _table_pdf(world, rows, **data) -> bytes:
    filing = helpers.evaluate(world.project_a1, world.filer_a1, rows=rows, **data)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)
    content = kind_of("project_table").build(target)
    return html_to_pdf(render_print_html("print/project_table.html", content))


def test_the_fetcher_serves_static_files_and_refuses_everything_else():
    fetcher = StaticOnlyFetcher()
    css = fetcher("https://jixiao.invalid/static/css/print.css")
    assert b"@page" in css.read()
    for url in (
        "http://127.0.0.1:9/x.png",
        "file:///etc/passwd",
        "https://jixiao.invalid/static/../../config/settings/base.py",
        "https://jixiao.invalid/media/x.png",
        "https://example.org/static/css/print.css",
        "data:text/plain,hello",
    ):
        with pytest.raises(ValueError):
            fetcher(url)


def test_links_and_images_never_make_the_server_fetch_anything(listener):
    html = f"""<html><head>
      <link rel="stylesheet" href="http://127.0.0.1:{listener.port}/x.css">
      <style>@import url("file:///etc/passwd"); body {{ font-family: "Noto Sans CJK SC" }}</style>
    </head><body>
      <p>外部资源</p>
      <img src="http://127.0.0.1:{listener.port}/x.png">
      <img src="file:///etc/passwd">
      <a rel="attachment" href="file:///etc/passwd">附件</a>
      <a rel="attachment" href="http://127.0.0.1:{listener.port}/secret">附件</a>
    </body></html>"""

    data = html_to_pdf(html)

    assert listener.connections == 0
    assert b"root:" not in data
    assert "外部资源" in helpers.pdf_pages(data)[0]


def test_user_text_is_printed_as_text_not_markup(world, listener):
    hostile = f'<img src="http://127.0.0.1:{listener.port}/x.png"><b>粗体</b>'
    data = _table_pdf(
        world,
        helpers.standard_rows(world.bureau_a),
        goal_expected=hostile,
        notes='<link rel="attachment" href="file:///etc/passwd">',
    )

    text = "".join(helpers.pdf_pages(data))
    assert listener.connections == 0
    assert b"root:" not in data
    assert "<img src=" in text
    assert "<b>粗体</b>" in text
    assert 'href="file:///etc/passwd"' in text


def test_chinese_labels_are_embedded_in_noto_cjk(world):
    data = _table_pdf(world, helpers.standard_rows(world.bureau_a))

    fonts = helpers.pdf_fonts(data)
    # A missing font leaves empty boxes and no error: the glyphs must come from Noto CJK.
    assert any("Noto-Serif-CJK-SC" in name or "Noto-Sans-CJK-SC" in name for name in fonts)
    assert all("CJK" in name for name in fonts), fonts
    text = helpers.pdf_pages(data)[0]
    assert "项目支出绩效自评表" in text
    assert "督查督办信访件" in text


def test_eighty_rows_span_three_pages_with_their_header_and_every_row(world):
    data = _table_pdf(world, helpers.many_rows(world.bureau_a, 80))

    pages = helpers.pdf_pages(data)
    assert len(pages) >= 3
    row_pages = [page for page in pages if "号指标" in page]
    assert len(row_pages) >= 3
    for page in row_pages:
        assert "三级指标" in page and "偏差原因分析及改进措施" in page
    text = "".join(pages)
    for n in range(1, 81):
        assert text.count(f"第{n:03d}号指标") == 1, n


def test_a_group_cut_by_a_page_break_shows_its_labels_on_the_next_page(world):
    data = _table_pdf(world, helpers.many_rows(world.bureau_a, 80))

    row_pages = [page for page in helpers.pdf_pages(data) if "号指标" in page]
    assert len(row_pages) >= 3
    for page in row_pages:
        rows = page.split("总分")[0]
        # Once per page: repeated at the top of each page, merged (hidden) below it.
        assert rows.count("产出指标") == 1
        assert rows.count("数量指标") == 1


def test_a_table_that_fits_on_one_page_is_laid_out_once(world):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)
    html = render_print_html("print/project_table.html", kind_of("project_table").build(target))

    rendered = render_pdf(html)

    assert (rendered.pages, rendered.layouts) == (1, 1)


def test_every_page_is_numbered_n_of_m(world):
    data = _table_pdf(world, helpers.many_rows(world.bureau_a, 80))

    pages = helpers.pdf_pages(data)
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page

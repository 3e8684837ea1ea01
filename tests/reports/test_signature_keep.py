"""The signature and seal block is never alone on a page: it prints with the last indicator rows.

The number of rows varies so that, for some counts, the table ends right at the bottom of a page
(the print CSS in static/css/print.css keeps the block with the last two rows).
"""

import re

from apps.reports.documents import Target, kind_of
from tests.reports import helpers

SIGNATURE = ("填报人（签名）", "部门（单位）负责人（签章）", "填报单位（盖章）")


def _row_name(number: int) -> str:
    return f"第{number:03d}号指标"  # as helpers.many_rows names them


def _misplaced(pages: list[str], count: int) -> str | None:
    """What is wrong with where the signature block printed (None: it is with the last rows)."""
    with_block = [i for i, page in enumerate(pages) if SIGNATURE[0] in page]
    if len(with_block) != 1:
        return f"填报人 on pages {with_block}"
    # Without the spaces a layout puts between letters (the date's 年　月　日 is spaced out).
    page = re.sub(r"\s+", "", pages[with_block[0]])
    missing = [
        text
        for text in (*SIGNATURE, "年月日", "总分", _row_name(count - 1), _row_name(count))
        if text not in page
    ]
    return f"page {with_block[0] + 1} lacks {missing}" if missing else None


def _pdf_pages(world, count: int, orientation: str | None = None) -> list[str]:
    rows = helpers.many_rows(world.bureau_a, count)
    filing = helpers.evaluate(world.project_a1, world.filer_a1, rows=rows)
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    document = kind_of("project_table")
    content = document.build(target)
    if orientation:
        content["orientation"] = orientation
    output = document.produce(content, lambda *args: None)
    assert output.data is not None
    return helpers.pdf_pages(output.data)


def _check(world, counts: range, orientation: str | None = None) -> None:
    found = {count: _pdf_pages(world, count, orientation) for count in counts}

    wrong = {count: _misplaced(pages, count) for count, pages in found.items()}

    assert {count: why for count, why in wrong.items() if why} == {}
    # The counts tried run from a table on one page to tables ending on the next page.
    assert {len(pages) for pages in found.values()} >= {1, 2}


def test_the_signature_block_prints_with_the_last_indicator_rows_on_portrait_pages(world):
    _check(world, range(8, 31))


def test_the_signature_block_prints_with_the_last_indicator_rows_on_landscape_pages(world):
    # A landscape page (the split target or a review column) holds fewer rows.
    _check(world, range(2, 14), orientation="landscape")

"""The department self-evaluation offline: what an upload is refused for, and where."""

import pytest
from openpyxl import Workbook

from apps.budgets.demo import demo_load
from apps.department_evaluations.demo import demo_departments_load
from apps.exchange.reading import UploadRefused
from apps.filings.models import Filing
from apps.offline.department import CODEC
from apps.project_evaluations.demo import demo_evaluations_load

from .test_department_codec import TODAY, YUNXI, _downloaded, _filing, _uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo_load(today=TODAY)
    demo_evaluations_load()
    return demo_departments_load()


def _refused(filing: Filing, book: Workbook) -> list[str]:
    with pytest.raises(UploadRefused) as refused:
        CODEC.read(filing, _uploaded(book))
    return refused.value.messages


@pytest.mark.parametrize("heading", ["收入", None])
def test_a_wrong_or_missing_heading_is_refused_naming_sheet_row_and_column(loaded, heading):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["收支情况"].cell(4, 3).value = heading
    messages = _refused(filing, book)
    assert len(messages) == 1
    assert "收支情况" in messages[0] and "4" in messages[0] and "C" in messages[0]
    assert "收入合计" in messages[0]


def test_a_missing_sheet_is_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book.remove(book["绩效指标"])
    assert "绩效指标" in _refused(filing, book)[0]


def test_text_in_a_number_cell_is_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["收支情况"].cell(6, 3).value = "约一百万"
    messages = _refused(filing, book)
    assert len(messages) == 1
    assert "收支情况" in messages[0] and "6" in messages[0] and "C" in messages[0]
    assert "约一百万" in messages[0]


def test_the_same_saved_row_twice_is_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    sheet = book["绩效指标"]
    last = max(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value)
    for column in range(1, sheet.max_column + 1):
        sheet.cell(last + 1, column).value = sheet.cell(last, column).value
    messages = _refused(filing, book)
    assert len(messages) == 1
    assert "绩效指标" in messages[0] and str(last + 1) in messages[0] and "A" in messages[0]


def test_a_formula_is_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["收支情况"].cell(6, 3).value = "=D6+E6"
    messages = _refused(filing, book)
    assert len(messages) == 1 and "收支情况" in messages[0] and "C" in messages[0]


def test_merged_cells_where_values_are_expected_are_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["绩效目标"].merge_cells("B4:C4")
    messages = _refused(filing, book)
    assert messages and all("绩效目标" in m and "4" in m for m in messages)


def test_an_unknown_level_2_indicator_is_refused(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["绩效指标"].cell(4, 3).value = "不存在的指标"
    messages = _refused(filing, book)
    assert len(messages) == 1 and "不存在的指标" in messages[0] and "C" in messages[0]


def test_a_deleted_total_row_is_refused_rather_than_losing_the_first_row(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    book["收支情况"].delete_rows(5)
    messages = _refused(filing, book)
    assert (
        len(messages) == 1 and "收支情况" in messages[0] and "局机关及二级机构汇总" in messages[0]
    )

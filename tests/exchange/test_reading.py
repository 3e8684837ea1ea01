"""The one reader of uploaded workbooks: each bad input refused with its place, in Chinese."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from apps.exchange.reading import (
    MAX_UPLOAD_BYTES,
    SheetReader,
    UploadRefused,
    open_workbook,
    sheet_named,
    stamp,
    stamp_of,
)
from apps.exchange.workbook import workbook_bytes


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def _book(*rows, title="收入决算表") -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    return workbook


def _refused(call) -> list[str]:
    with pytest.raises(UploadRefused) as caught:
        call()
    return caught.value.messages


def test_a_workbook_reads_back_its_values_and_numbers_as_decimals():
    workbook = open_workbook(workbook_bytes(_book(["科目编码", "金额"], ["201", 9733858.45])))
    sheet = sheet_named(workbook, "收入决算表")
    reader = SheetReader(sheet, {1: "科目编码", 2: "金额"})

    reader.expect_headings(1, {1: "科目编码", 2: "金额"})

    assert reader.text(2, 1) == "201"
    assert reader.number(2, 2) == Decimal("9733858.45")
    reader.raise_problems()


def test_an_empty_file_is_refused():
    messages = _refused(lambda: open_workbook(b""))
    assert messages == ["文件是空的。请选择填好的 .xlsx 工作簿后重新上传。"]


def test_a_20_mb_file_is_refused_without_reading_it_whole():
    big = io.BytesIO(b"PK\x03\x04" + b"0" * (20 * 1024 * 1024))
    messages = _refused(lambda: open_workbook(big))
    assert "文件超过可上传的上限10 MB" in messages[0]
    assert big.tell() == MAX_UPLOAD_BYTES + 1  # it stopped reading past the limit
    messages = _refused(lambda: open_workbook(b"", size=20 * 1024 * 1024))
    assert "文件大小为20 MB" in messages[0]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 not a spreadsheet",
        "科目编码,金额\n201,1\n".encode(),
        b"PK\x03\x04broken zip",
    ],
    ids=["pdf", "csv", "damaged"],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(content):
    messages = _refused(lambda: open_workbook(content))
    assert messages == [
        "该文件不是 Excel 工作簿（.xlsx）。"
        "请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后重新上传。"
    ]


def test_a_zip_that_is_not_a_workbook_is_refused():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "不是 Excel 工作簿" in _refused(lambda: open_workbook(stream.getvalue()))[0]


def test_a_formula_cell_is_refused_with_its_place():
    workbook = open_workbook(workbook_bytes(_book(["科目编码", "金额"], ["201", "=1+1"])))
    reader = SheetReader(workbook.active, {2: "金额"})

    assert reader.number(2, 2) is None
    messages = _refused(reader.raise_problems)

    assert messages == [
        "工作表“收入决算表” 第2行 B列（金额）："
        "此单元格含有公式。请填写数值本身（复制后“选择性粘贴为数值”）。"
    ]


def test_a_value_inside_merged_cells_is_refused():
    book = _book(["科目编码", "金额", "备注"], ["201", 5, None])
    book.active.merge_cells("B2:C2")
    reader = SheetReader(open_workbook(workbook_bytes(book)).active, {3: "备注"})

    reader.text(2, 3)

    assert "第2行 C列（备注）：此单元格属于合并单元格" in _refused(reader.raise_problems)[0]


def test_text_in_a_number_cell_is_refused_and_dashes_are_blank():
    rows = (["金额"], ["一百元"], ["—"], ["1,234.50"])
    reader = SheetReader(open_workbook(workbook_bytes(_book(*rows))).active, {1: "金额"})

    assert reader.number(2, 1) is None
    assert reader.number(3, 1) is None
    assert reader.number(4, 1) == Decimal("1234.50")
    assert _refused(reader.raise_problems) == [
        "工作表“收入决算表” 第2行 A列（金额）：“一百元”不是数字。请只填写数字，例如 1234.56。"
    ]


def test_wrong_and_missing_headings_are_named():
    reader = SheetReader(open_workbook(workbook_bytes(_book(["科目编码", "科目"]))).active)

    reader.expect_headings(1, {1: "科目编码", 2: "科目名称", 3: "金额"})

    messages = _refused(reader.raise_problems)
    assert len(messages) == 2
    assert "B列" in messages[0] and "应为“科目名称”，而不是“科目”" in messages[0]
    assert "C列" in messages[1] and "应为“金额”，而不是“”" in messages[1]


def test_a_missing_sheet_is_named():
    workbook = open_workbook(workbook_bytes(_book(["a"])))
    messages = _refused(lambda: sheet_named(workbook, "支出决算表"))
    assert "工作簿中没有工作表“支出决算表”" in messages[0]


def test_a_stamp_survives_saving_and_is_hidden():
    book = _book(["a"])
    stamp(book, kind="project", filing=12, version=3)

    workbook = open_workbook(workbook_bytes(book))

    assert stamp_of(workbook) == {"kind": "project", "filing": "12", "version": "3"}
    assert workbook["_jixiao"].sheet_state == "veryHidden"
    assert stamp_of(open_workbook(workbook_bytes(_book(["a"])))) == {}

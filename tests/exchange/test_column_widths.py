"""Excel exports read well: columns as wide as their Chinese text, amounts with two places."""

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
import tablib

from apps.exchange.resources import ScoreResource, export_dataset, xlsx_bytes
from apps.exchange.workbook import AMOUNT_FORMAT, MAX_WIDTH, MIN_WIDTH, text_width


@dataclass
class _Row:
    """What ScoreResource reads of a dashboard row."""

    department_name: str = "甲县信访局"
    code: str = "P001"
    name: str = "信访维稳专项经费"
    state_label: str = "审核中"
    self_score: Decimal | None = Decimal("90.00")
    grade: str = "优"
    review_score: Decimal | None = Decimal("82.50")
    gap: Decimal | None = Decimal("-7.50")
    execution_rate_percent: Decimal | None = Decimal("98.75")
    share_percent: Decimal | None = Decimal("100.00")
    excess_points: Decimal | None = Decimal("1.25")
    warning_text: str = ""


def _read(dataset: tablib.Dataset):
    data = xlsx_bytes(dataset)
    return data, openpyxl.load_workbook(io.BytesIO(data)).active


def _widths(sheet) -> list[float]:
    return [sheet.column_dimensions[column[0].column_letter].width for column in sheet.columns]


def test_a_cjk_character_counts_as_two_columns():
    assert text_width("abc") == 3
    assert text_width("甲县信访局") == 10
    assert text_width("执行率（%）") == 11  # the full-width brackets are wide too


def test_each_column_is_as_wide_as_its_longest_text_counting_chinese_twice():
    dataset = tablib.Dataset(headers=["编码", "项目名称", "说明"], title="项目")
    dataset.append(["1", "督查督办信访件专项经费项目", "short"])
    dataset.append(["22", "短", "第一行\n第二行也不长"])

    _data, sheet = _read(dataset)

    code, name, note = _widths(sheet)
    assert code == MIN_WIDTH  # "编码" is 4 wide: the minimum holds
    assert name == text_width("督查督办信访件专项经费项目") + 2  # 26 + padding
    assert note == text_width("第二行也不长") + 2  # the longest line, not the whole cell
    assert sheet["C3"].alignment.wrap_text


def test_a_very_long_text_is_capped():
    dataset = tablib.Dataset(headers=["说明"])
    dataset.append(["很长的说明" * 40])

    _data, sheet = _read(dataset)

    assert _widths(sheet) == [MAX_WIDTH]


def test_the_header_is_bold_and_frozen():
    dataset = tablib.Dataset(headers=["部门", "得分"], title="得分")
    dataset.append(["甲县信访局", Decimal("90.00")])

    _data, sheet = _read(dataset)

    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "得分"


def test_the_score_list_formats_its_decimals_and_keeps_them_exact():
    rows = [
        _Row(),
        _Row(name="第二个项目", self_score=Decimal("1234567.89"), review_score=None, gap=None),
    ]
    dataset = export_dataset(ScoreResource(), rows, title="自评得分")

    data, sheet = _read(dataset)

    headers = [cell.value for cell in sheet[1]]
    assert headers == list(dataset.headers)
    for row_number, source in enumerate(dataset, start=2):
        for column, value in enumerate(source, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, Decimal):
                assert cell.number_format == AMOUNT_FORMAT
                assert Decimal(str(cell.value)) == value  # the same number, not a rounded one
            elif value in (None, ""):
                assert cell.value is None  # an empty cell
            else:
                assert cell.value == value and cell.number_format == "General"
    # The file holds the digits themselves.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert {"1234567.89", "82.5", "-7.5", "98.75"} <= set(re.findall(r"<v>([^<]*)</v>", xml))
    # An amount is measured as it shows: 1,234,567.89 is 12 wide.
    score_column = headers.index(str(ScoreResource().fields["self_score"].column_name)) + 1
    letter = sheet.cell(row=1, column=score_column).column_letter
    header_width = text_width(headers[score_column - 1])
    assert sheet.column_dimensions[letter].width == max(12, header_width) + 2


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil")', "==1+1"])
def test_text_never_becomes_a_formula(text):
    dataset = tablib.Dataset(headers=["项目名称"])
    dataset.append([text])

    _data, sheet = _read(dataset)

    assert sheet["A2"].data_type == "s"
    assert not str(sheet["A2"].value).startswith("=")

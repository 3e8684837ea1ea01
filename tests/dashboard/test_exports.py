"""The dashboard's lists as Excel workbooks: Chinese headers, numbers as numbers, safe names."""

import io
from decimal import Decimal
from urllib.parse import quote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.filings.models import Filing

from .builders import filing_of, populate, review_of

S = Filing.Status
TABLES = ["departments", "not-started", "scores"]


def _zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


def _url(table: str) -> str:
    return reverse("dashboard:export", kwargs={"table": table})


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    return workbook.active, rows[0], rows[1:]


@pytest.fixture
def scored(world):
    """A1's project in review: 90 self, 82.50 review, 80 % executed (a warning); A2 drafting."""
    filing = filing_of(world.project_a1, S.IN_REVIEW, total="90.00", rate="0.8000", grade="优")
    review_of(filing, world.reviewer_a, total="82.50")
    filing_of(world.project_a2, S.DRAFT, total="50.00", rate="0.5000")
    return filing


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("who", ["filer_a1", "head_a1"])
def test_department_staff_cannot_export(client, world, table, who):
    client.force_login(getattr(world, who))
    assert client.get(_url(table)).status_code == 403


def test_score_list_has_chinese_headers_and_numbers(client, world, scored):
    client.force_login(world.reviewer_a)

    sheet, headers, rows = _sheet(client.get(_url("scores")))

    for header in ("部门", "项目编码", "项目名称", "填报状态", "自评得分", "评价等次"):
        assert header in headers
    assert headers == [
        _zh(m)
        for m in (
            "Department",
            "Project code",
            "Project name",
            "Filing state",
            "self-evaluation score",
            "grade",
            "review score",
            "Review minus self-evaluation score",
            "Execution rate (%)",
            "Indicator score share (%)",
            "Share above execution rate (points)",
            "Warning",
        )
    ]
    # Only the filing that reached the bureau; the draft is left out.
    [row] = rows
    values = dict(zip(headers, row, strict=True))
    assert values["部门"] == world.dept_a1.name
    assert values["项目名称"] == world.project_a1.name
    assert values["填报状态"] == "已提交"
    assert values["自评得分"] == 90 and isinstance(values["自评得分"], int | float)
    assert values["评价等次"] == "优"
    assert values[_zh("review score")] == 82.5
    assert values[_zh("Review minus self-evaluation score")] == -7.5
    assert values[_zh("Execution rate (%)")] == 80
    # (90 − 8) ÷ 90 = 91.11 %, 11.11 points above 80 %.
    assert values[_zh("Indicator score share (%)")] == pytest.approx(91.11)
    assert values[_zh("Share above execution rate (points)")] == pytest.approx(11.11)
    assert values[_zh("Warning")] == _zh("Yes")
    assert sheet.title == _zh("Scores and execution rates")


def test_department_list_counts_states_as_numbers(client, world, scored):
    client.force_login(world.admin_a)

    _ws, headers, rows = _sheet(client.get(_url("departments")))

    for header in ("预算编码", "部门", "上级部门", "未开始", "草稿", "已提交"):
        assert header in headers
    assert headers[-2:] == [_zh("Returned"), _zh("Passed")]
    by_name = {row[1]: dict(zip(headers, row, strict=True)) for row in rows}
    a1 = by_name[world.dept_a1.name]
    assert a1["预算编码"] == world.dept_a1.budget_code
    assert (a1["未开始"], a1["草稿"], a1["已提交"]) == (0, 0, 1)
    assert isinstance(a1["已提交"], int)
    assert world.project_a1.name in a1[_zh("Filings and their states")]
    assert by_name[world.dept_a2.name]["草稿"] == 1
    assert world.dept_b1.name not in by_name


def test_not_started_list_names_whom_to_call(client, world):
    world.dept_a2.contact_person = "李四"
    world.dept_a2.contact_phone = "0817-1234567"
    world.dept_a2.save()
    filing_of(world.project_a1, S.DRAFT)
    client.force_login(world.reviewer_a)

    _ws, headers, rows = _sheet(client.get(_url("not-started")))

    assert headers[:5] == ["预算编码", "部门", "上级部门", "联系人", "联系电话"]
    assert rows == [
        [world.dept_a2.budget_code, world.dept_a2.name, None, "李四", "0817-1234567", 1]
    ]


def test_filename_names_bureau_and_year_and_is_rfc5987_encoded(client, world):
    client.force_login(world.reviewer_a)

    disposition = client.get(_url("scores"))["Content-Disposition"]

    assert disposition.startswith('attachment; filename="dashboard-2023-scores.xlsx"; ')
    assert "filename*=UTF-8''" in disposition
    assert quote("甲县财政局") in disposition and "2023" in disposition
    assert disposition.isascii()


def test_a_name_that_looks_like_a_formula_stays_text(client, world):
    world.project_a1.name = '=HYPERLINK("http://evil")'
    world.project_a1.save()
    filing_of(world.project_a1, S.SUBMITTED, total="70.00", rate="0.9000")
    client.force_login(world.reviewer_a)

    sheet, headers, _rows = _sheet(client.get(_url("scores")))

    cell = sheet.cell(row=2, column=headers.index("项目名称") + 1)
    assert cell.data_type == "s" and not str(cell.value).startswith("=")


@pytest.mark.parametrize("table", TABLES)
def test_export_queries_do_not_grow_with_filings(client, world, table, django_assert_num_queries):
    client.force_login(world.reviewer_a)
    populate(world, 3)
    client.get(_url(table))
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url(table)).status_code == 200

    populate(world, 27, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url(table))

    assert response.status_code == 200


def test_amounts_survive_as_decimals_in_the_dataset(world, scored):
    from apps.dashboard.selectors import dashboard_of
    from apps.exchange.resources import ScoreResource, export_dataset

    dataset = export_dataset(
        ScoreResource(), dashboard_of(fiscal_year=world.year_a).scored, title="t"
    )
    assert dataset.dict[0][_zh("self-evaluation score")] == Decimal("90.00")

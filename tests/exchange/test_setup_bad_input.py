"""Every bad upload of the set-up imports is refused with what to fix, and nothing is written.

Wrong or missing headings, text in a number cell, duplicated rows, a formula, merged cells, an
empty file, a 20 MB file, a file that is not a spreadsheet, a sheet downloaded for another
bureau, another year or another kind of data.
"""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from apps.budgets.models import Project
from apps.budgets.resources import ProjectResource
from apps.exchange.imports import dataset_of_upload, problems_of
from apps.exchange.reading import Problem
from apps.organizations.models import Department
from tests import factories
from tests.exchange.test_setup_imports import (
    DEPARTMENT_HEADINGS,
    PROJECT_HEADINGS,
    admin_export,
    admin_import,
    assert_places,
    form_errors,
    place,
    result_problems,
    xlsx,
)

MODEL = "organizations_department"
GOOD_ROW = ["981", "甲县档案馆", "", "事业单位", "赵六", "0571-3", 8]


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin_a)
    before = set(Department.objects.values_list("pk", "name", "updated_at"))
    yield client
    # Whatever was refused, not a department was added or changed.
    assert set(Department.objects.values_list("pk", "name", "updated_at")) == before


def edited(content: bytes, edit) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    edit(workbook.worksheets[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused_upload(client, world, content: bytes) -> list[str]:
    """The upload is refused on the form itself: no preview, no confirm step."""
    response = admin_import(client, MODEL, world.bureau_a, content)
    assert response.status_code == 200
    assert "confirm_form" not in response.context and "result" not in response.context
    return form_errors(response)


def refused_rows(client, world, content: bytes) -> list[str]:
    """The sheet is refused after reading it: the problems are listed, no confirm step."""
    response = admin_import(client, MODEL, world.bureau_a, content)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    return result_problems(response)


def test_a_wrong_heading_names_the_expected_one(admin_client, world):
    headings = ["预算编码", "名称", *DEPARTMENT_HEADINGS[2:]]

    problems = refused_rows(admin_client, world, xlsx(headings, [GOOD_ROW]))

    assert_places(problems, [place("预算单位", 1, 2, "单位名称")])
    assert "“单位名称”" in problems[0] and "“名称”" in problems[0]


def test_a_missing_column_names_its_heading(admin_client, world):
    content = xlsx(DEPARTMENT_HEADINGS[:-1], [GOOD_ROW[:-1]])

    problems = refused_rows(admin_client, world, content)

    assert_places(problems, [place("预算单位", 1, 7, "编制人数")])


def test_text_in_a_number_cell(admin_client, world):
    content = xlsx(DEPARTMENT_HEADINGS, [GOOD_ROW, ["982", "乙", "", "事业单位", "", "", "十二"]])

    problems = refused_rows(admin_client, world, content)

    assert_places(problems, [place("预算单位", 3, 7, "编制人数")])
    assert "十二" in problems[0]


def test_a_number_out_of_bounds_or_with_a_fraction(admin_client, world):
    rows = [["983", "甲", "", "事业单位", "", "", -1], ["984", "乙", "", "事业单位", "", "", 2.5]]

    problems = refused_rows(admin_client, world, xlsx(DEPARTMENT_HEADINGS, rows))

    assert_places(
        problems, [place("预算单位", 2, 7, "编制人数"), place("预算单位", 3, 7, "编制人数")]
    )


def test_duplicated_rows_name_both_rows(admin_client, world):
    rows = [
        GOOD_ROW,
        ["982", "乙", "", "事业单位", "", "", 1],
        [*GOOD_ROW[:1], "丙", *GOOD_ROW[2:]],
    ]

    problems = refused_rows(admin_client, world, xlsx(DEPARTMENT_HEADINGS, rows))

    assert_places(problems, [place("预算单位", 4, 1, "预算编码")])
    assert "2" in problems[0].removeprefix(place("预算单位", 4, 1, "预算编码"))


def test_an_empty_required_cell(admin_client, world):
    problems = refused_rows(
        admin_client, world, xlsx(DEPARTMENT_HEADINGS, [["985", "", "", "事业单位", "", "", 1]])
    )

    assert_places(problems, [place("预算单位", 2, 2, "单位名称")])


def test_a_formula_cell(admin_client, world):
    content = edited(xlsx(DEPARTMENT_HEADINGS, [GOOD_ROW]), lambda s: s.cell(2, 7, "=3+5"))

    errors = refused_upload(admin_client, world, content)

    assert_places(errors, [place("预算单位", 2, 7, "编制人数")])


def test_merged_cells_where_values_are_expected(admin_client, world):
    rows = [GOOD_ROW, ["982", "乙", "", "事业单位", "", "", 1]]
    content = edited(xlsx(DEPARTMENT_HEADINGS, rows), lambda s: s.merge_cells("D2:D3"))

    errors = refused_upload(admin_client, world, content)

    assert_places(
        errors, [place("预算单位", 2, 4, "单位性质"), place("预算单位", 3, 4, "单位性质")]
    )


def test_a_sheet_without_rows(admin_client, world):
    errors = refused_upload(admin_client, world, xlsx(DEPARTMENT_HEADINGS, []))

    assert len(errors) == 1 and errors[0].startswith(Problem("", "预算单位").place)


def test_an_empty_file(admin_client, world):
    errors = refused_upload(admin_client, world, b"")

    assert errors == [str(Problem(_reading_message(b"")))]


def test_a_20_mb_file(admin_client, world):
    errors = refused_upload(admin_client, world, b"PK\x03\x04" + b"0" * (20 * 1024 * 1024))

    assert len(errors) == 1 and "20" in errors[0]


@pytest.mark.parametrize(
    "content",
    [
        "预算编码,单位名称\n981,甲县档案馆\n".encode(),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04not really a zip",
    ],
)
def test_a_file_that_is_not_a_spreadsheet(admin_client, world, content):
    errors = refused_upload(admin_client, world, content)

    assert errors == [str(Problem(_reading_message(b"plain text")))]


def test_a_sheet_downloaded_for_another_bureau(admin_client, client, world):
    client.force_login(world.admin_b)
    theirs = admin_export(client, MODEL)
    client.force_login(world.admin_a)

    problems = refused_rows(client, world, theirs)

    assert len(problems) == 1
    assert world.bureau_b.region_code in problems[0] and world.bureau_a.region_code in problems[0]


def test_a_sheet_of_another_kind_of_data(admin_client, world):
    users = admin_export(admin_client, "accounts_user")

    problems = refused_rows(admin_client, world, users)

    assert len(problems) == 1 and problems[0].startswith(Problem("", "用户").place)


def test_a_project_sheet_downloaded_for_another_year(client, world):
    client.force_login(world.admin_a)
    next_year = factories.FiscalYearFactory(bureau=world.bureau_a, year=2024)
    exported = admin_export(client, "budgets_project")  # every project is of 2023

    result = ProjectResource(scope=next_year, user=world.admin_a).import_data(
        dataset_of_upload(exported), dry_run=False
    )

    problems = problems_of(result)
    assert len(problems) == 1 and "2023" in problems[0] and "2024" in problems[0]
    assert not Project.objects.filter(fiscal_year=next_year).exists()


def test_project_amounts_out_of_bounds_negative_or_with_three_decimals(world):
    code = world.dept_a1.budget_code
    rows = [
        [code, "XM-1", "甲", "甲", "甲", -1, 1],
        [code, "XM-2", "乙", "乙", "乙", Decimal("1.005"), 1],
        [code, "XM-3", "丙", "丙", "丙", 1, Decimal("100000000000000")],
        [code, "XM-4", "丁", "丁", "丁", "一万", 1],
    ]
    content = xlsx(PROJECT_HEADINGS, rows, title="项目")

    result = ProjectResource(scope=world.year_a).import_data(dataset_of_upload(content))

    assert_places(
        problems_of(result),
        [
            place("项目", 2, 6, "年初预算数（元）"),
            place("项目", 3, 6, "年初预算数（元）"),
            place("项目", 4, 7, "全年预算数（元）"),
            place("项目", 5, 6, "年初预算数（元）"),
        ],
    )
    assert not Project.objects.filter(code__startswith="XM-").exists()


def _reading_message(content: bytes) -> str:
    """What `reading` says of the content, the wording every upload shares."""
    from apps.exchange.reading import UploadRefused, open_workbook

    with pytest.raises(UploadRefused) as refused:
        open_workbook(content)
    return refused.value.problems[0].message


def test_cells_formatted_far_below_the_rows_are_not_read(admin_client, world):
    def far_formatting(sheet):
        sheet.cell(60000, 40).number_format = "0.00"

    content = edited(xlsx(DEPARTMENT_HEADINGS, [GOOD_ROW]), far_formatting)

    response = admin_import(admin_client, MODEL, world.bureau_a, content)

    assert result_problems(response) == [] and response.context["result"].totals["new"] == 1


def test_a_sheet_with_too_many_rows(admin_client, world, monkeypatch):
    monkeypatch.setattr("apps.exchange.imports.upload.MAX_ROWS", 2)
    rows = [[f"98{i}", f"单位{i}", "", "事业单位", "", "", 1] for i in range(3)]

    errors = refused_upload(admin_client, world, xlsx(DEPARTMENT_HEADINGS, rows))

    assert len(errors) == 1 and "3" in errors[0] and "2" in errors[0]

"""Bad uploads of a project workbook: refused, nothing kept, the message says what to fix."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from apps.exchange.reading import STAMP_SHEET
from apps.exchange.workbook import workbook_bytes
from apps.filings.models import Filing
from apps.offline.models import OfflineUpload
from apps.offline.project_sheet import SHEET, plan_of
from apps.project_evaluations.selectors import policy_of
from apps.project_evaluations.services import evaluation_create
from tests import factories

from .helpers import cell_of, download, edited, said, set_cell, upload

pytestmark = pytest.mark.django_db

FORMULA = "This cell holds a formula. Type the value itself (copy, then paste as values)."
EMPTY = "The file is empty. Choose the filled .xlsx workbook, then upload it again."
UNSTAMPED = (
    "This workbook was not downloaded from this system. Download the filing's workbook with "
    "“Download Excel”, fill it in, then upload that file."
)
OTHER_BUREAU = (
    "This workbook belongs to another finance bureau. Download this filing's workbook and "
    "fill it in."
)


@pytest.fixture
def filing(world) -> Filing:
    return evaluation_create(project=world.project_a1, by=world.filer_a1)


@pytest.fixture
def filer(client, world):
    client.force_login(world.filer_a1)
    return client


def _refused(client, filing: Filing, content: bytes, *expected: str) -> str:
    """Upload; assert it is refused, nothing kept or saved, and the page says `expected`."""
    response = upload(client, filing, content)
    text = response.content.decode()
    assert response.status_code == 400, text[:500]
    assert not OfflineUpload.objects.exists()
    filing.refresh_from_db()
    assert filing.version == 1
    problems = response.context["problems"]
    for part in expected:
        assert any(part in problem for problem in problems), (part, problems)
    return " ".join(problems)


def _stamped(field: str, value: str):
    def edit(workbook):
        for key, cell in workbook[STAMP_SHEET].iter_rows(min_col=1, max_col=2):
            if key.value == field:
                cell.value = value

    return edit


def test_a_wrong_or_missing_heading(filer, filing):
    line = plan_of(policy_of(filing)).indicator_header
    column = cell_of(filing, "actual")[1]

    def edit(workbook):
        workbook[SHEET].cell(row=line, column=column).value = "完成情况"

    _refused(filer, filing, edited(download(filer, filing), edit), "实际完成值", "完成情况")

    def removed(workbook):
        workbook[SHEET].cell(row=line, column=column).value = None

    _refused(filer, filing, edited(download(filer, filing), removed), "实际完成值")


def test_a_missing_sheet(filer, filing):
    def edit(workbook):
        workbook[SHEET].title = "Sheet1"

    _refused(filer, filing, edited(download(filer, filing), edit), SHEET)


def test_text_in_a_number_cell(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "weight", "十分"))
    _refused(filer, filing, content, "十分", f"{cell_of(filing, 'weight')[0]}")


def test_an_amount_that_is_text(filer, filing):
    plan = plan_of(policy_of(filing))
    column = plan.funding_column("executed")

    def edit(workbook):
        workbook[SHEET].cell(row=plan.funding_header + 1, column=column).value = "约五万"

    _refused(filer, filing, edited(download(filer, filing), edit), "约五万", "全年执行数")


def test_a_copied_row(filer, filing):
    line, id_column = cell_of(filing, "id")
    name_column = cell_of(filing, "name")[1]

    def edit(workbook):
        sheet = workbook[SHEET]
        sheet.cell(row=line + 1, column=id_column).value = sheet.cell(line, id_column).value
        sheet.cell(row=line + 1, column=name_column).value = "复制的行"

    _refused(filer, filing, edited(download(filer, filing), edit), f"{line}", f"{line + 1}")


def test_a_formula(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "weight", "=5+5"))
    _refused(filer, filing, content, said(FORMULA), "分值")


def test_merged_cells_where_values_are_expected(filer, filing):
    line, column = cell_of(filing, "actual")

    def edit(workbook):
        workbook[SHEET].merge_cells(
            start_row=line, start_column=column, end_row=line + 1, end_column=column
        )

    _refused(filer, filing, edited(download(filer, filing), edit), f"{line + 1}")


def test_an_unknown_level2_indicator(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "level2", "幸福指标"))
    _refused(filer, filing, content, "幸福指标", "数量指标")


def test_an_empty_file(filer, filing):
    _refused(filer, filing, b"", said(EMPTY))


def test_a_20_mb_file(filer, filing):
    _refused(filer, filing, b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024), "MB")


def test_a_file_that_is_not_a_spreadsheet(filer, filing):
    _refused(filer, filing, "项目名称,实际完成值\n".encode(), ".xlsx")


def test_a_workbook_not_downloaded_from_the_system(filer, filing):
    _refused(filer, filing, workbook_bytes(Workbook()), said(UNSTAMPED))
    # The right sheet without the stamp (copied into a new workbook) is refused too.
    workbook = load_workbook(io.BytesIO(download(filer, filing)))
    del workbook[STAMP_SHEET]
    _refused(filer, filing, workbook_bytes(workbook), said(UNSTAMPED))


def test_a_workbook_of_another_year(filer, filing):
    content = edited(download(filer, filing), _stamped("fiscal_year", "2022"))
    _refused(filer, filing, content, "2022", "2023")


def test_a_workbook_of_another_bureau(filer, filing, world):
    content = edited(download(filer, filing), _stamped("bureau", world.bureau_b.region_code))
    _refused(filer, filing, content, said(OTHER_BUREAU))


def test_a_workbook_of_another_filing(filer, filing, world):
    project = factories.ProjectFactory(
        department=world.dept_a1, fiscal_year=world.year_a, name="另一个项目"
    )
    other = evaluation_create(project=project, by=world.filer_a1)
    _refused(filer, filing, download(filer, other), "另一个项目")


def test_a_formula_in_a_text_cell(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "actual", '=CONCAT("9","8")'))
    _refused(filer, filing, content, said(FORMULA), "实际完成值")

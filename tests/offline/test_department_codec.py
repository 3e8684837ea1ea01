"""The department self-evaluation offline: its workbook, read back, checked and saved."""

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from apps.budgets.demo import demo_load
from apps.department_evaluations import selectors
from apps.department_evaluations.compute import department_compute
from apps.department_evaluations.demo import demo_departments_load
from apps.department_evaluations.kind import DepartmentKind
from apps.department_evaluations.layout import department_layout
from apps.department_evaluations.shown import shown
from apps.department_evaluations.views.form import computed_json
from apps.exchange.reading import open_workbook
from apps.exchange.workbook import workbook_bytes
from apps.filings.models import Filing, FilingSnapshot
from apps.filings.services import ConflictError
from apps.offline.department import CODEC
from apps.project_evaluations.demo import demo_evaluations_load

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)
DEPARTMENTS = ("丽水市信访局", "岳阳市云溪区信访局", "峨边彝族自治县信访局", "玉溪市信访局")
YUNXI = "岳阳市云溪区信访局"


@pytest.fixture
def loaded():
    demo_load(today=TODAY)
    demo_evaluations_load()
    return demo_departments_load()


def _filing(department: str) -> Filing:
    return Filing.objects.get(kind="department", department__name=department)


def _downloaded(filing: Filing) -> Workbook:
    """The workbook as the filer gets it: written to .xlsx and opened as an upload is."""
    return open_workbook(workbook_bytes(CODEC.workbook(filing)))


def _uploaded(book: Workbook):
    return open_workbook(workbook_bytes(book))


def _latest_cells(filing: Filing) -> dict[str, str]:
    return FilingSnapshot.objects.filter(filing=filing).order_by("-version").first().cells


def _web_form(filing: Filing) -> dict:
    """What the page computes from the saved filing (its computed JSON)."""
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    policy = selectors.department_policy(fresh)
    context = selectors.context_of(fresh, policy)
    data = selectors.data_of(selectors.evaluation_of(fresh))
    seen = shown(department_layout(policy), context.basis)
    return computed_json(data, context, department_compute(data, context), {}, seen)


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def _row_of(sheet, column: int, value: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, column).value == value)


def _column_of(sheet, row: int, heading: str) -> int:
    return next(c for c in range(1, sheet.max_column + 1) if sheet.cell(row, c).value == heading)


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_every_demo_filing_uploads_back_to_the_web_forms_score_findings_and_cells(
    loaded, department
):
    filing = _filing(department)
    state = CODEC.read(filing, _downloaded(filing))
    outcome = CODEC.outcome(filing, state)
    web = _web_form(filing)
    assert outcome.errors == {}
    # The score the filing records: the computed one, or the stated one where the bureau takes
    # the department's stated score (the page computes none then).
    saved = "" if filing.total_score is None else f"{filing.total_score:.2f}"
    assert (outcome.score, outcome.grade) == (saved, filing.grade)
    assert web["total"] in ("", outcome.score) and web["grade"] in ("", outcome.grade)
    assert outcome.findings == web["findings"]
    assert outcome.cells == _latest_cells(filing)


def test_the_workbook_follows_the_bureaus_layout(loaded):
    yunxi = _downloaded(_filing(YUNXI))
    assert [s for s in yunxi.sheetnames] == [
        "基本概况",
        "收支情况",
        "绩效目标",
        "绩效指标",
        "评价人员",
    ]
    ebian = _downloaded(_filing("峨边彝族自治县信访局"))
    assert ebian.sheetnames == ["基本概况", "收支情况", "打分表"]
    finance = ebian["收支情况"]
    assert [finance.cell(4, c).value for c in range(2, 5)] == [
        "机构名称",
        "财政资金收入",
        "一般公共预算财政拨款收入",
    ]
    assert finance.cell(3, 3).value == "（一）部门财政资金收入情况"
    assert finance.column_dimensions["A"].hidden


EVERY_SHEET = [
    "基本概况",
    "收支情况",
    "绩效目标",
    "绩效指标",
    "重点工作任务",
    "产出和效益",
    "评价人员",
]


@pytest.mark.parametrize(
    ("department", "basis", "sheets"),
    [
        (YUNXI, "indicators", EVERY_SHEET),
        ("峨边彝族自治县信访局", "rubric", [*EVERY_SHEET, "打分表"]),
    ],
)
def test_every_part_round_trips_under_the_complete_layout(loaded, department, basis, sheets):
    filing = _filing(department)
    policy = selectors.department_policy(filing)
    policy.layout, policy.department_basis = "complete", basis
    policy.save()
    book = _downloaded(filing)
    assert book.sheetnames == sheets
    outcome = CODEC.outcome(filing, CODEC.read(filing, book))
    web = _web_form(filing)
    assert outcome.errors == {}
    assert (outcome.score, outcome.grade, outcome.findings) == (
        web["total"],
        web["grade"],
        web["findings"],
    )
    assert outcome.cells == DepartmentKind().cells(filing)  # as the policy now computes them


def test_editing_one_cell_changes_exactly_that_cell(loaded):
    filing = _filing(YUNXI)
    before = _latest_cells(filing)
    book = _downloaded(filing)
    general = book["基本概况"]
    general.cell(_row_of(general, 1, "contact_person"), 3).value = "王五"
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert _changed(before, outcome.cells) == {"general.contact_person"}
    assert outcome.cells["general.contact_person"] == "王五"


def test_editing_an_amount_reads_it_in_the_forms_unit(loaded):
    filing = _filing(YUNXI)
    before = _latest_cells(filing)
    book = _downloaded(filing)
    finance = book["收支情况"]
    column = _column_of(finance, 4, "公务接待费")
    finance.cell(6, column).value = 1.2
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    row_id = finance.cell(6, 1).value
    assert _changed(before, outcome.cells) == {f"finance.{row_id}.reception"}
    assert outcome.cells[f"finance.{row_id}.reception"] == "12000"  # 1.2 万元
    assert ("error", "finance-0.three_public_total") not in {
        (f["severity"], f["field"]) for f in outcome.findings
    }


def test_an_indicator_row_added_in_a_blank_row_is_a_new_row_of_its_category(loaded):
    filing = _filing(YUNXI)
    before = _latest_cells(filing)
    book = _downloaded(filing)
    sheet = book["绩效指标"]
    last = max(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value)
    level1, level2 = sheet.cell(last, 2).value, sheet.cell(last, 3).value
    sheet.cell(last + 1, 2).value, sheet.cell(last + 1, 3).value = level1, level2
    sheet.cell(last + 1, 4).value = "新增指标"
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    added = _changed(before, outcome.cells)
    assert added and all(key.startswith("indicator.new1.") for key in added)
    assert outcome.cells["indicator.new1.name"] == "新增指标"
    assert outcome.cells["indicator.new1.level2"] == level2


def test_an_institution_added_in_a_blank_row_counts_in_the_total(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    finance = book["收支情况"]
    total = _column_of(finance, 4, "收入合计")
    finance.cell(7, 2).value = "二级机构"
    finance.cell(7, total).value = 10
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert outcome.cells["finance.new1.name"] == "二级机构"
    assert outcome.cells["finance.new1.income_total"] == "100000"
    before = Decimal(_latest_cells(filing)["summary.budget"])
    assert Decimal(outcome.cells["summary.budget"]) == before + 100000


def test_a_deleted_row_is_deleted(loaded):
    filing = _filing(YUNXI)
    before = _latest_cells(filing)
    book = _downloaded(filing)
    sheet = book["评价人员"]
    row_id = sheet.cell(4, 1).value
    sheet.delete_rows(4)
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert {key.split(".")[1] for key in _changed(before, outcome.cells)} >= {str(row_id)}
    assert not any(key.startswith(f"evaluator.{row_id}.") for key in outcome.cells)


def test_the_scoring_sheet_reads_typed_scores_and_notes_by_item(loaded):
    filing = _filing("峨边彝族自治县信访局")
    before = _latest_cells(filing)
    book = _downloaded(filing)
    sheet = book["打分表"]
    typed = next(
        r
        for r in range(4, sheet.max_row + 1)
        if sheet.cell(r, 1).value and sheet.cell(r, 8).fill.fgColor.rgb != "00D9D9D9"
    )
    item = sheet.cell(typed, 1).value
    sheet.cell(typed, 10).value = "说明"
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert _changed(before, outcome.cells) == {f"rubric.{item}.note"}


def test_a_score_the_system_computes_is_shown_but_not_read(loaded):
    filing = _filing("峨边彝族自治县信访局")
    before = _latest_cells(filing)
    book = _downloaded(filing)
    sheet = book["打分表"]
    grey = [
        r
        for r in range(4, sheet.max_row + 1)
        if sheet.cell(r, 1).value and sheet.cell(r, 8).fill.fgColor.rgb == "00D9D9D9"
    ]
    assert grey  # 峨边's sheet has rows the system computes
    for row in grey:
        sheet.cell(row, 8).value = "不读取"
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert _changed(before, outcome.cells) == set()


def test_text_cells_keep_what_excel_would_turn_into_numbers(loaded):
    filing = _filing(YUNXI)
    book = CODEC.workbook(filing)
    sheet = book["绩效指标"]
    assert {sheet.cell(4, c).number_format for c in (1, 2, 3, 4)} == {"@"}
    assert book["基本概况"].cell(4, 3).number_format == "@"


def test_the_state_kept_until_confirmation_is_the_state_read(loaded):
    filing = _filing("峨边彝族自治县信访局")
    state = CODEC.read(filing, _downloaded(filing))
    assert CODEC.load(filing, CODEC.dump(state)) == state


def test_a_cell_the_form_refuses_is_an_error_with_its_place(loaded):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    general = book["基本概况"]
    row = _row_of(general, 1, "report_date")
    general.cell(row, 3).value = "去年"
    outcome = CODEC.outcome(filing, CODEC.read(filing, _uploaded(book)))
    assert set(outcome.errors) == {"report_date"}
    assert "基本概况" in outcome.places["report_date"]
    assert str(row) in outcome.places["report_date"]


def test_save_writes_the_upload_and_a_stale_version_writes_nothing(loaded, django_user_model):
    filing = _filing(YUNXI)
    book = _downloaded(filing)
    general = book["基本概况"]
    general.cell(_row_of(general, 1, "contact_person"), 3).value = "王五"
    state = CODEC.load(filing, CODEC.dump(CODEC.read(filing, _uploaded(book))))
    version = filing.version
    with pytest.raises(ConflictError):
        CODEC.save(filing, state, by=None, base_version=version - 1)
    filing.refresh_from_db()
    assert filing.version == version
    assert _latest_cells(filing)["general.contact_person"] != "王五"
    CODEC.save(filing, state, by=None, base_version=version)
    filing.refresh_from_db()
    assert filing.version == version + 1
    assert _latest_cells(filing)["general.contact_person"] == "王五"

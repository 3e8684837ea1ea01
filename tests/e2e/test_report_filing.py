"""In a browser: a filer drafts the department's 评价报告 from its data, edits a paragraph,
changes a figure of the 收支 table, sees the sentence flagged, updates it and submits."""

from decimal import Decimal

import pytest

from apps.department_evaluations.services import department_create
from apps.filings.models import Filing
from apps.indicators.models import Framework, Rubric, RubricItem
from apps.indicators.services import scoring_policy_ensure
from apps.narratives.selectors import report_of
from tests.e2e.sessions import logged_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _scored_by_rubric(world) -> RubricItem:
    """The year's department filings are scored by a one-row 打分表 (so a blank one can pass)."""
    rubric = Rubric.objects.create(bureau=world.bureau_a, name="甲县打分表")
    item = RubricItem.objects.create(
        rubric=rubric,
        position=0,
        level1="部门预算项目绩效管理",
        level2="目标管理",
        level3="目标制定",
        weight=Decimal(10),
        standard="开展内部审核的，得10分。",
    )
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis, policy.rubric = "rubric", rubric
    policy.save()
    return item


def _finances(page, **cells: str) -> None:
    for name, value in cells.items():
        page.locator(f"[name='{name}']" if "-" in name else f"[name='finance-0-{name}']").fill(
            value
        )
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()


def test_department_report_loop(live_server, browser, world):
    item = _scored_by_rubric(world)
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    filer = logged_in(browser, live_server, world.filer_a1)
    filer.goto(f"{live_server.url}/filings/{filing.pk}/")
    _finances(
        filer,
        income_total="273.09",
        income_fiscal="259.16",
        income_other="13.93",
        expense_total="273.09",
        expense_basic="152.38",
        expense_personnel="127.25",
        expense_public="25.13",
        expense_project="120.71",
        **{f"rubric-{item.pk}-score": "9"},
    )

    # The filing's page leads to its report; the report is drafted from the table.
    filer.locator("#jx-report-panel a").click()
    filer.locator("h2", has_text="六、部门整体支出绩效情况").wait_for()
    filer.get_by_role("button", name="按数据起草空白章节").click()
    filer.locator(".alert-success", has_text="已根据数据起草").wait_for()
    execution = filer.locator("textarea[name='section-performance.execution']")
    assert "273.09万元" in execution.input_value()
    assert "259.16万元" in execution.input_value()

    # The filer writes a section of their own and saves; the text is kept as typed.
    measures = filer.locator("textarea[name='section-measures']")
    measures.fill("加强资产管理。\n1. 定期清查盘点。\n2. 及时报废清理。")
    filer.get_by_role("button", name="保存报告").click()
    filer.locator(".alert-success", has_text="评价报告已保存").wait_for()
    assert measures.input_value() == "加强资产管理。\n1. 定期清查盘点。\n2. 及时报废清理。"

    # A figure of the 收支 table changes: the sentences holding it are flagged.
    filer.goto(f"{live_server.url}/filings/{filing.pk}/")
    _finances(filer, income_total="283.09", income_fiscal="269.16")
    filer.locator("#jx-report-stale").wait_for()
    filer.locator("#jx-report-panel a").click()
    filer.locator("#jx-stale-summary").wait_for()
    flagged = filer.locator("#section-performance\\.execution .jx-stale")
    assert flagged.count() >= 2
    text = flagged.first.inner_text()
    assert "273.09" in text and "283.09" in text

    # One click a figure, until none is left.
    while filer.locator(".jx-stale button").count():
        filer.locator(".jx-stale button").first.click()
        filer.locator(".alert-success", has_text="已按数据更新数字").wait_for()
    assert "283.09万元" in execution.input_value()
    assert "269.16万元" in execution.input_value()
    assert measures.input_value() == "加强资产管理。\n1. 定期清查盘点。\n2. 及时报废清理。"
    assert report_of(Filing.objects.get(pk=filing.pk)).stale == []

    # Submitted with the report true to its table.
    filer.goto(f"{live_server.url}/filings/{filing.pk}/")
    assert filer.locator("#jx-report-stale").count() == 0
    filer.locator("button[data-action='submit']").click()
    filer.locator("#jx-status", has_text="已提交").wait_for()
    filing.refresh_from_db()
    assert filing.status == "submitted"
    revision = filing.revisions.get()
    assert "283.09万元" in revision.cells["report.performance.execution"]

"""In a browser: a filer fills the department self-evaluation and its 打分表, saves, reloads,
submits; a reviewer scores a 打分表 row differently and returns; the filer sees the comment."""

from decimal import Decimal

import pytest

from apps.department_evaluations.models import FinanceRow, RubricScore
from apps.filings.models import Filing
from apps.indicators.models import Framework, Rubric, RubricItem
from apps.indicators.services import scoring_policy_ensure
from tests import factories
from tests.e2e.sessions import logged_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _rubric(world) -> tuple[RubricItem, RubricItem]:
    rubric = Rubric.objects.create(bureau=world.bureau_a, name="甲县打分表")
    hand = RubricItem.objects.create(
        rubric=rubric,
        position=0,
        level1="部门预算项目绩效管理",
        level2="目标管理",
        level3="目标制定",
        weight=Decimal(10),
        standard="开展内部审核的，得10分。",
    )
    progress = RubricItem.objects.create(
        rubric=rubric,
        position=1,
        level1="部门预算项目绩效管理",
        level2="动态调整",
        level3="执行进度",
        weight=Decimal(5),
        computation=RubricItem.Computation.EXECUTION_PROGRESS,
    )
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis, policy.rubric = "rubric", rubric
    policy.save()
    return hand, progress


def _fill(page, name: str, value: str) -> None:
    page.locator(f"[name='{name}']").fill(value)


def test_department_filing_loop(live_server, browser, world):
    hand, progress = _rubric(world)
    unit = factories.DepartmentFactory(
        bureau=world.bureau_a, parent=world.dept_a1, name="甲县接访中心"
    )
    filer = logged_in(browser, live_server, world.filer_a1)

    # The filer starts the department's filing from the department's page.
    filer.goto(f"{live_server.url}/departments/{world.dept_a1.pk}/")
    filer.locator(f"a[href='/departments/{world.dept_a1.pk}/evaluation/']").click()
    filer.locator("form[action$='/evaluation/start/'] button").click()
    filer.locator("h1", has_text="部门整体支出绩效评价自评报告").wait_for()
    filing = Filing.objects.get(kind="department", department=world.dept_a1)

    # The department's own row, then a row for its unit: the total row adds them up.
    for name, value in {
        "income_total": "200",
        "income_fiscal": "200",
        "expense_total": "200",
        "expense_basic": "150",
        "expense_personnel": "120",
        "expense_public": "30",
        "expense_project": "50",
    }.items():
        _fill(filer, f"finance-0-{name}", value)
    total = filer.locator("[data-out='total_row.income_total']")
    total.filter(has_text="200.00").wait_for()
    filer.locator("#jx-add-unit").select_option(str(unit.pk))
    filer.locator("button[data-add='finance']").click()
    assert filer.locator("input[name='finance-1-name']").input_value() == "甲县接访中心"
    for name, value in {
        "income_total": "50",
        "income_fiscal": "50",
        "expense_total": "50",
        "expense_basic": "50",
        "expense_personnel": "40",
        "expense_public": "10",
    }.items():
        _fill(filer, f"finance-1-{name}", value)
    total.filter(has_text="250.00").wait_for()
    filer.locator("[data-out='figure.execution_rate']", has_text="100.00%").wait_for()

    # The 打分表: a hand row typed; 执行进度 computed from the monthly figures and explained.
    _fill(filer, f"rubric-{hand.pk}-score", "9")
    _fill(filer, "executed_by_june", "100")  # 40% of 250
    _fill(filer, "executed_by_september", "168.75")  # 67.5%
    _fill(filer, "executed_by_november", "206.25")  # 82.5%
    computed = filer.locator(f"input[name='rubric-{progress.pk}-score'][readonly]")
    computed.wait_for()
    assert computed.input_value() == "5.00"
    detail = filer.locator(f"[data-out='rubric.{progress.pk}.computed']").inner_text()
    assert "40.00%" in detail and "82.50%" in detail
    filer.locator("[data-out='total']").first.filter(has_text="14.00").wait_for()

    filer.get_by_role("button", name="保存草稿").click()
    filer.wait_for_load_state()
    filer.reload()
    assert filer.locator("input[name='finance-1-income_total']").input_value() == "50"
    assert filer.locator(f"input[name='rubric-{hand.pk}-score']").input_value() == "9"
    assert FinanceRow.objects.filter(evaluation__filing=filing).count() == 2
    assert RubricScore.objects.get(item=progress).score == Decimal("5.00")
    filing.refresh_from_db()
    assert (filing.total_score, filing.error_count) == (Decimal("14.00"), 0)

    filer.locator("button[data-action='submit']").click()
    filer.locator("#jx-status", has_text="已提交").wait_for()

    # The reviewer gives 目标制定 less, says why beside it, and returns the filing.
    reviewer = logged_in(browser, live_server, world.reviewer_a)
    reviewer.goto(f"{live_server.url}/review/filings/{filing.pk}/")
    reviewer.locator(f"input[name='rubric-{hand.pk}-score']").fill("7")
    reviewer.locator(f"textarea[name='rubric-{hand.pk}-comment']").fill("内部审核记录不全")
    reviewer.locator("#jx-review-comment").fill("请补充目标审核记录")
    reviewer.locator("#jx-review-return").click()
    reviewer.wait_for_load_state()
    filing.refresh_from_db()
    assert filing.status == "returned"
    assert filing.reviews.get().total_score == Decimal("12.00")

    # The filer sees the comment beside that row, and only there.
    filer.goto(f"{live_server.url}/filings/{filing.pk}/")
    commented = filer.locator("table.jx-rubric tr[data-item]").filter(
        has=filer.locator("[data-review-comments]")
    )
    assert commented.count() == 1
    assert commented.get_attribute("data-item") == str(hand.pk)
    assert "内部审核记录不全" in commented.inner_text()
    assert "请补充目标审核记录" in filer.content()

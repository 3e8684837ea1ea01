"""In a browser at 1366×768: a filer fills a project self-evaluation from blank to submitted in
the 四川 layout (完成率, no points) and in the 云南 layout (分值, 得分 and 总分)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from apps.filings.models import Filing
from apps.indicators.models import Framework
from apps.indicators.services import scoring_policy_ensure
from apps.project_evaluations.services import evaluation_create
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUSY = "!document.getElementById('jx-evaluation').hasAttribute('aria-busy')"
SENTENCE = "信访秩序持续向好，无越级集体访"


@pytest.fixture
def wide_page(browser) -> Iterator:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _blank_filing_in(world, layout: str) -> Filing:
    """The year's project forms use `layout`; the filer's project has a blank filing."""
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.layout = layout
    policy.save()
    return evaluation_create(project=world.project_a1, by=None)


def _open(page, live_server, world) -> list:
    """Log the filer in and open the filing; return the dialogs the page will raise."""
    dialogs: list = []

    def answer(dialog) -> None:
        dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", answer)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(world.filer_a1.username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")
    page.goto(f"{live_server.url}/projects/{world.project_a1.pk}/evaluation/")
    page.wait_for_selector("#jx-rows tr.jx-row")
    return dialogs


def _clear_rows(page) -> None:
    """Remove the blank rows a new filing starts with: the filer adds their own."""
    rows = page.locator("#jx-rows tr.jx-row")
    while rows.count():
        rows.first.locator("button[data-op='remove']").click()


def _add_row(page, level2: str):
    """Add a row under the level-2 indicator with the tools below the table; return it."""
    page.locator("#jx-add-category").select_option(label=level2)
    page.locator("#jx-add-row").click()
    return page.locator(f"#jx-rows tr.jx-row[data-level2='{level2}']").last


def _fill(row, **cells: str) -> None:
    for name, value in cells.items():
        field = row.locator(f"[name$='-{name}']")
        if name in ("comparator", "qualitative_label"):
            field.select_option(value)
        else:
            field.fill(value)


def _fill_funding_and_goals(page, sources: tuple[str, ...]) -> None:
    # 36 of 40 万元 spent: 执行率 90%.
    for source in ("total", *sources):
        page.locator(f"[name='funding-{source}-adjusted']").fill("40")
        page.locator(f"[name='funding-{source}-executed']").fill("36")
    page.locator("[name='goal_expected']").fill(
        "全年办理督查督办信访件不少于260件，按期办结率98%以上。"
    )
    page.locator("[name='goal_actual']").fill("全年办理督查督办信访件275件，按期办结率96%。")


def _settled(page, last_row, score: str) -> None:
    """Wait for the server's answer to the last cell typed: the score only it can give."""
    last_row.locator("[data-out='score']").filter(has_text=score).wait_for()
    page.wait_for_function(BUSY)


def _save_and_submit(page, filing: Filing, dialogs: list) -> None:
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    page.locator("button[data-action='submit']").wait_for()
    filing.refresh_from_db()
    assert filing.error_count == 0, page.locator("#jx-findings-list").inner_text()
    page.locator("button[data-action='submit']").click()
    page.locator("#jx-status", has_text="已提交").wait_for()
    assert [kind for kind, _message in dialogs] == ["confirm"]
    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED


def test_filer_fills_a_sichuan_filing_from_blank_to_submitted(live_server, wide_page, world):
    # Given a blank filing in a year whose project forms are 四川's
    page = wide_page
    filing = _blank_filing_in(world, "sichuan")
    dialogs = _open(page, live_server, world)
    headings = page.locator("table.jx-indicators thead tr").nth(1).inner_text()
    for heading in ("一级指标", "二级指标", "目标指标", "目标值", "业绩指标", "完成率"):
        assert heading in headings
    funding = page.locator("table.jx-official").first.inner_text()
    for label in ("年度资金总额", "中省补助资金", "县级预算资金", "其他资金", "全年预算数"):
        assert label in funding

    # When the filer types the funding, the goals and four rows of their own
    _clear_rows(page)
    _fill_funding_and_goals(page, ("fiscal_local",))
    count = _add_row(page, "数量指标")
    _fill(count, name="督查督办信访件", comparator="≥", target="260", unit="件", actual="275")
    on_time = _add_row(page, "质量指标")
    _fill(on_time, name="按期办结率", comparator="≥", target="98", unit="%", actual="96")
    _fill(on_time, deviation_reason="部分信访件涉及多部门协调，办理周期延长；下一年建立联办机制。")
    order = _add_row(page, "社会效益指标")
    _fill(order, name="信访秩序", target=SENTENCE)
    # A sentence with no sign is a 定性 row: the page switches it and asks for 完成情况.
    expect(order.locator("[name$='-comparator']")).to_have_value("定性")
    expect(order.locator("[name$='-qualitative_label']")).to_be_visible()
    _fill(order, qualitative_label="达成年度指标", qualitative_score="100")
    satisfied = _add_row(page, "服务对象满意度指标")
    _fill(satisfied, name="群众满意度", comparator="≥", target="90", unit="%", actual="95")
    _settled(page, satisfied, "100.00")

    # Then each row's 完成率 and the 执行率 of the total and of 县级预算资金 show as typed
    count.locator("[data-out='score']").filter(has_text="100.00").wait_for()
    assert on_time.locator("[data-out='score']").inner_text() == "97.96"
    assert "%" in on_time.locator("[data-cell$='.qualitative_score']").inner_text()
    assert order.locator("[name$='-qualitative_label']").is_visible()
    assert order.locator("[name$='-qualitative_score']").input_value() == "100"
    assert page.locator("[data-out='execution_rate']").first.inner_text() == "90.00%"
    assert page.locator("[data-out='rate.fiscal_local']").inner_text() == "90.00%"
    # And the form has no points anywhere: no 分值, no 得分, no 总分
    sheet = page.locator(".jx-sheet").inner_text()
    for word in ("分值", "得分", "总分"):
        assert word not in sheet
    assert page.locator("table.jx-indicators tfoot").count() == 0
    errors = page.locator("#jx-findings-list li.jx-error")
    assert errors.count() == 0, errors.all_inner_texts()
    page.screenshot(path="/tmp/e2e_sichuan.png", full_page=True)

    # When they save and submit (confirming), then the filing is submitted
    _save_and_submit(page, filing, dialogs)
    assert filing.total_score is None
    saved = page.locator("#jx-rows tr.jx-row")
    assert saved.count() == 4
    assert saved.nth(2).locator("[name$='-target']").input_value() == SENTENCE
    assert saved.nth(2).locator("[name$='-comparator']").input_value() == "定性"


def test_filer_fills_a_yunnan_filing_from_blank_to_submitted(live_server, wide_page, world):
    # Given a blank filing in a year whose project forms are 云南's
    page = wide_page
    filing = _blank_filing_in(world, "yunnan")
    dialogs = _open(page, live_server, world)
    headings = page.locator("table.jx-indicators thead tr").nth(1).inner_text()
    for heading in ("三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"):
        assert heading in headings

    # When the filer types the funding, the goals and four rows weighing 90 (with 执行 10: 100)
    _clear_rows(page)
    _fill_funding_and_goals(page, ("fiscal",))
    count = _add_row(page, "数量指标")
    _fill(count, name="督查督办信访件", comparator="≥", target="260", unit="件", actual="275")
    _fill(count, weight="30")
    on_time = _add_row(page, "质量指标")
    _fill(on_time, name="按期办结率", comparator="≥", target="98", unit="%", actual="96")
    _fill(on_time, weight="20")
    _fill(on_time, deviation_reason="部分信访件涉及多部门协调，办理周期延长；下一年建立联办机制。")
    order = _add_row(page, "社会效益指标")
    _fill(order, name="信访秩序", target=SENTENCE, weight="30")
    _fill(order, comparator="定性", qualitative_label="达成年度指标", qualitative_score="30")
    satisfied = _add_row(page, "服务对象满意度指标")
    _fill(satisfied, name="群众满意度", comparator="≥", target="90", unit="%", actual="95")
    _fill(satisfied, weight="10")
    _settled(page, satisfied, "10.00")

    # Then the row scores, the execution score and the 总分 show as typed:
    # 9 + 30 + 20 × 96 ÷ 98 + 30 + 10 = 98.59
    count.locator("[data-out='score']").filter(has_text="30.00").wait_for()
    assert on_time.locator("[data-out='score']").inner_text() == "19.59"
    assert page.locator("[data-out='execution_rate']").first.inner_text() == "90.00%"
    assert page.locator("[data-out='execution_score']").first.inner_text() == "9.00"
    footer = page.locator("table.jx-indicators tfoot")
    assert "总分" in footer.inner_text()
    assert footer.locator("[data-out='weights']").inner_text() == "100.00"
    assert footer.locator("[data-out='total']").inner_text() == "98.59"
    assert footer.locator("[data-out='grade']").inner_text() == "优"
    errors = page.locator("#jx-findings-list li.jx-error")
    assert errors.count() == 0, errors.all_inner_texts()
    page.screenshot(path="/tmp/e2e_yunnan.png", full_page=True)

    # When they save and submit (confirming), then the filing is submitted with its total
    _save_and_submit(page, filing, dialogs)
    assert str(filing.total_score) == "98.59"
    footer = page.locator("table.jx-indicators tfoot")
    assert footer.locator("[data-out='weights']").inner_text() == "100.00"
    assert footer.locator("[data-out='total']").inner_text() == "98.59"

"""In a browser: a filer edits a project self-evaluation and sees the server's scores live."""

import pytest

from apps.project_evaluations.services import evaluation_create
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")


def test_filer_adds_a_row_sees_scores_change_saves_and_finds_it_again(live_server, page, world):
    evaluation_create(project=world.project_a1, by=None)
    _login(page, live_server, world.filer_a1)
    page.get_by_role("link", name=world.project_a1.name).first.click()
    page.get_by_role("link", name="项目自评").click()
    page.wait_for_selector("#jx-rows tr.jx-row")
    rows = page.locator("#jx-rows tr.jx-row")
    count = rows.count()
    total = page.locator("tfoot [data-out='total']")
    assert total.inner_text() == "0.00"

    # Executed funds: 30 of 32 万元 → execution score 9.375.
    page.locator("[name='funding-total-executed']").fill("30")
    page.locator("[name='funding-fiscal-executed']").fill("30")
    rows.first.locator("button[data-op='add']").click()
    assert rows.count() == count + 1
    new_row = rows.nth(1)
    assert new_row.locator(".jx-level2").is_hidden()  # merged into the group's first cell
    new_row.locator("textarea[name$='-name']").fill("督查督办信访件")
    new_row.locator("[name$='-target']").fill("≥260件")
    new_row.locator("[name$='-actual']").fill("130")
    new_row.locator("input[name$='-weight']").fill("20")

    # 20 × 130 ÷ 260 = 10, computed by the server while typing, without a reload.
    score = new_row.locator("[data-out='score']")
    score.filter(has_text="10.00").wait_for()
    page.locator("tfoot [data-out='total']").filter(has_text="19.38").wait_for()
    assert page.locator("[data-out='execution_rate']").first.inner_text() == "93.75%"
    assert "未达到" in new_row.inner_text() or "deviation" in new_row.inner_text().lower()
    url_before = page.url

    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    page.reload()

    assert page.url == url_before
    saved = page.locator("#jx-rows tr.jx-row").nth(1)
    assert saved.locator("textarea[name$='-name']").input_value() == "督查督办信访件"
    assert saved.locator("select[name$='-comparator']").input_value() == "≥"
    assert saved.locator("[name$='-target']").input_value() == "260"
    assert saved.locator("input[name$='-unit']").input_value() == "件"
    assert saved.locator("[name$='-actual']").input_value() == "130"
    assert saved.locator("input[name$='-weight']").input_value() == "20"
    assert saved.locator("[data-out='score']").inner_text() == "10.00"
    assert page.locator("[name='funding-total-executed']").input_value() == "30"
    assert page.locator("tfoot [data-out='total']").inner_text() == "19.38"

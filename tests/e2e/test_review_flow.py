"""In a browser: submit, return with a row comment, fix, resubmit, see the change, approve."""

import pytest

from apps.filings.models import Filing
from apps.project_evaluations.models import IndicatorRow
from tests.e2e.sessions import logged_in
from tests.project_evaluations.builders import valid_filing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_return_fix_resubmit_approve(live_server, browser, world):
    valid_filing(world.project_a1, by=world.filer_a1)
    filing = Filing.objects.get(project=world.project_a1)
    row = IndicatorRow.objects.get(evaluation__filing=filing, name="按期办结率")
    evaluation_url = f"{live_server.url}/projects/{world.project_a1.pk}/evaluation/"

    # The filer submits.
    filer = logged_in(browser, live_server, world.filer_a1)
    filer.goto(evaluation_url)
    filer.locator("button[data-action='submit']").click()
    filer.locator("#jx-status", has_text="已提交").wait_for()

    # The reviewer returns it with a comment on one row.
    reviewer = logged_in(browser, live_server, world.reviewer_a)
    reviewer.goto(f"{live_server.url}/review/")
    reviewer.get_by_role("link", name=world.project_a1.name).first.click()
    reviewer.locator(f"textarea[name='row-{row.pk}-comment']").fill("请提供按期办结率的统计台账")
    reviewer.locator("#jx-review-comment").fill("请补充佐证材料")
    reviewer.locator("#jx-review-return").click()
    reviewer.wait_for_load_state()
    assert Filing.objects.get(pk=filing.pk).status == "returned"

    # The filer sees the comment beside that row, and only there, fixes the row, resubmits.
    filer.goto(evaluation_url)
    rows = filer.locator("#jx-rows tr.jx-row")
    commented = rows.filter(has=filer.locator("[data-review-comments]"))
    assert commented.count() == 1
    assert commented.locator("textarea[name$='-name']").input_value() == "按期办结率"
    assert "请提供按期办结率的统计台账" in commented.inner_text()
    assert "请补充佐证材料" in filer.content()
    commented.locator("[name$='-actual']").fill("105")
    filer.get_by_role("button", name="保存草稿").click()
    filer.wait_for_load_state()
    filer.locator("button[data-action='submit']").click()
    filer.locator("#jx-status", has_text="已提交").wait_for()

    # The reviewer sees exactly that cell marked as changed, and approves.
    reviewer.goto(f"{live_server.url}/review/filings/{filing.pk}/")
    changed = reviewer.locator("#jx-review td.jx-changed")
    assert changed.count() == 1
    assert changed.get_attribute("data-cell") == "actual"
    assert changed.inner_text().strip() == "105"
    assert reviewer.locator(f"tr[data-row='row:{row.pk}'] td.jx-changed").count() == 1
    reviewer.locator("#jx-review-approve").click()
    reviewer.wait_for_load_state()
    assert Filing.objects.get(pk=filing.pk).status == "approved"

    # The timeline shows all of it.
    filer.goto(f"{live_server.url}/filings/{filing.pk}/history/")
    timeline = filer.locator(".jx-timeline").inner_text()
    assert timeline.count("提交：") == 2
    assert "退回修改：审核中 → 退回修改" in timeline or "退回修改：已提交 → 退回修改" in timeline
    assert "通过：" in timeline and "→ 已通过" in timeline
    assert "请补充佐证材料" in timeline
    assert filer.locator("tr[data-cell-key$='.actual_text']", has_text="105").count() == 1

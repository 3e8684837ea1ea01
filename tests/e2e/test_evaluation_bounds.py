"""In a browser: a number out of bounds is an error on its cell, and nothing typed is lost."""

import pytest

from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.services import evaluation_create
from tests.e2e.test_evaluation import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ERROR = "分值须大于0且不超过100"


def test_filer_typing_a_negative_weight_sees_the_cell_error_and_saves_after_correcting(
    live_server, page, world
):
    # Given a filer on a new project self-evaluation
    filing = evaluation_create(project=world.project_a1, by=None)
    _login(page, live_server, world.filer_a1)
    page.goto(f"{live_server.url}/projects/{world.project_a1.pk}/evaluation/")
    row = page.locator("#jx-rows tr.jx-row").first
    weight_cell = row.locator("[data-cell='row-0.weight']")

    # When they type a row with −5 (typed with the full-width minus of a Chinese keyboard) as 分值
    row.locator("textarea[name$='-name']").fill("督查督办信访件")
    row.locator("[name$='-target']").fill("≥260件")
    row.locator("[name$='-actual']").fill("255")
    row.locator("input[name$='-weight']").fill("－5")

    # Then the live score shows the error beside that cell, in Chinese
    weight_cell.locator(".jx-msg.jx-error").filter(has_text=ERROR).wait_for()
    assert row.locator("input[name$='-weight']").get_attribute("class").count("is-invalid") == 1

    # When they save anyway, then the page comes back with every value typed and the error
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    row = page.locator("#jx-rows tr.jx-row").first
    assert ERROR in row.locator("[data-cell='row-0.weight']").inner_text()
    assert row.locator("textarea[name$='-name']").input_value() == "督查督办信访件"
    assert row.locator("[name$='-actual']").input_value() == "255"
    assert row.locator("input[name$='-weight']").input_value() == "－5"
    assert not IndicatorRow.objects.filter(
        evaluation__filing=filing, name="督查督办信访件"
    ).exists()

    # When they correct it to 5 and save, then the error is gone and a reload finds the values
    row.locator("input[name$='-weight']").fill("5")
    row.locator("[data-cell='row-0.weight'] .jx-msg").first.wait_for(state="detached")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    page.reload()
    saved = page.locator("#jx-rows tr.jx-row").first
    assert saved.locator("textarea[name$='-name']").input_value() == "督查督办信访件"
    assert saved.locator("[name$='-target']").input_value() == "260"
    assert saved.locator("input[name$='-unit']").input_value() == "件"
    assert saved.locator("[name$='-actual']").input_value() == "255"
    assert saved.locator("input[name$='-weight']").input_value() == "5"
    assert ERROR not in saved.inner_text()
    assert IndicatorRow.objects.get(evaluation__filing=filing, position=0).weight == 5

"""In a browser: a filer downloads the project filing's workbook, fills a cell in it (openpyxl
standing in for Excel), uploads it, sees the preview with the changed cell, confirms, and finds
the value saved on the filing's page."""

from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from apps.offline.project_sheet import SHEET, plan_of
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.selectors import policy_of
from apps.project_evaluations.services import evaluation_create
from tests.e2e.sessions import logged_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "离线填报的三级指标"


@pytest.fixture
def filer_page(browser, live_server, world) -> Iterator:
    page = logged_in(browser, live_server, world.filer_a1)
    yield page
    page.context.close()  # no request of the page outlives the test


def test_a_filer_fills_the_filing_offline(filer_page, live_server, world, tmp_path):
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    page = filer_page
    page.goto(f"{live_server.url}/filings/{filing.pk}/")
    panel = page.locator("#jx-offline-panel")
    expect(panel).to_be_visible()

    with page.expect_download() as downloading:
        panel.locator("#jx-offline-download").click()
    downloaded = tmp_path / "downloaded.xlsx"
    downloading.value.save_as(downloaded)

    workbook = load_workbook(downloaded)
    plan = plan_of(policy_of(filing))
    name_column = plan.column("name")
    assert name_column is not None
    workbook[SHEET].cell(row=plan.first_row, column=name_column).value = NAME
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)

    form = page.locator("#jx-offline-upload")
    form.locator("input[type=file]").set_input_files(str(filled))
    form.locator("button[type=submit]").click()
    changes = page.locator("#jx-offline-changes")
    expect(changes).to_contain_text(NAME)
    filing.refresh_from_db()
    assert filing.version == 1  # previewed, not saved

    page.locator("#jx-offline-confirm").click()
    page.wait_for_url(f"{live_server.url}/filings/{filing.pk}/")
    expect(page.locator("textarea[name='rows-0-name']")).to_have_value(NAME)
    first = IndicatorRow.objects.filter(evaluation__filing=filing).order_by("position").first()
    assert first is not None and first.name == NAME
    filing.refresh_from_db()
    assert filing.version == 2

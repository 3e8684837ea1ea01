"""Offline filling of a department self-evaluation through the pages."""

import io

import pytest
from openpyxl import load_workbook

from apps.department_evaluations.services import department_create
from apps.filings.models import Filing, FilingSnapshot
from apps.offline.models import OfflineUpload
from tests.department_evaluations.posts import department_body

from .helpers import confirm, download, edited, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(world) -> Filing:
    return department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)


@pytest.fixture
def filer(client, world):
    client.force_login(world.filer_a1)
    return client


def _set_general(key: str, value):
    def edit(workbook) -> None:
        sheet = workbook["基本概况"]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == key)
        sheet.cell(row, 3).value = value

    return edit


def _preview(client, filing: Filing, content: bytes):
    """The preview the upload answers with (whether shown at once or after a redirect)."""
    response = upload(client, filing, content)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200, response.context.get("problems")
    return response


def test_a_started_filing_downloads_with_its_own_finance_row(filer, filing, world):
    workbook = load_workbook(io.BytesIO(download(filer, filing)))
    finance = workbook["收支情况"]
    assert finance.cell(6, 2).value == world.dept_a1.name
    assert str(finance.cell(6, 1).value) == str(filing.department_evaluation.finance_rows.get().pk)


def test_upload_previews_the_changed_cell_and_confirm_saves_it(filer, filing):
    content = edited(download(filer, filing), _set_general("actual_headcount", 12))
    page = _preview(filer, filing, content)
    received = OfflineUpload.objects.get(filing=filing)
    changes = page.context["preview"].changes
    assert [(c.key, c.new) for c in changes] == [("general.actual_headcount", "12")]
    version = Filing.objects.get(pk=filing.pk).version
    assert confirm(filer, filing, received.pk).status_code == 302
    filing.refresh_from_db()
    assert filing.version == version + 1
    assert filing.department_evaluation.actual_headcount == 12


def test_a_save_on_the_page_after_the_download_makes_the_confirmation_a_conflict(filer, filing):
    content = edited(download(filer, filing), _set_general("actual_headcount", 12))
    _preview(filer, filing, content)
    received = OfflineUpload.objects.get(filing=filing)
    page = filer.post(f"/filings/{filing.pk}/", department_body(filing, actual_headcount="7"))
    assert page.status_code == 302
    filing.refresh_from_db()
    version = filing.version
    response = confirm(filer, filing, received.pk)
    assert response.status_code == 409
    filing.refresh_from_db()
    assert filing.version == version
    assert filing.department_evaluation.actual_headcount == 7
    assert FilingSnapshot.objects.filter(filing=filing).count() == version


def test_a_filer_of_another_department_can_neither_download_nor_upload(client, filing, world):
    client.force_login(world.filer_a2)
    response = client.get(f"/filings/{filing.pk}/offline.xlsx")
    assert response.status_code in (403, 404)
    client.force_login(world.filer_a1)
    content = download(client, filing)
    client.force_login(world.filer_a2)
    assert upload(client, filing, content).status_code in (403, 404)
    assert not OfflineUpload.objects.exists()


def test_a_workbook_of_one_department_is_refused_by_another_departments_filing(
    client, filing, world
):
    client.force_login(world.filer_a1)
    content = download(client, filing)
    other = department_create(department=world.dept_a2, fiscal_year=world.year_a, by=None)
    client.force_login(world.filer_a2)
    response = upload(client, other, content)
    assert response.status_code == 400
    assert response.context["problems"]
    assert not OfflineUpload.objects.exists()

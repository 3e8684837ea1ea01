"""Offline filling of a project filing through its pages: download, upload, preview, confirm."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.exchange.reading import stamp_of
from apps.filings.models import Filing
from apps.offline.models import OfflineUpload
from apps.offline.project_sheet import SHEET, plan_of
from apps.project_evaluations.models import IndicatorRow, ProjectEvaluation
from apps.project_evaluations.selectors import policy_of
from apps.project_evaluations.services import evaluation_create
from tests import factories

from .helpers import cell_of, confirm, download, edited, set_cell, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(world) -> Filing:
    return evaluation_create(project=world.project_a1, by=world.filer_a1)


@pytest.fixture
def filer(client, world):
    client.force_login(world.filer_a1)
    return client


def _first_row(filing: Filing) -> IndicatorRow:
    return IndicatorRow.objects.filter(evaluation__filing=filing).order_by("position").first()


def test_the_download_is_stamped_with_what_it_is_for(filer, filing, world):
    workbook = load_workbook(io.BytesIO(download(filer, filing)))
    assert stamp_of(workbook) == {
        "kind": "project",
        "filing": str(filing.pk),
        "fiscal_year": "2023",
        "bureau": world.bureau_a.region_code,
        "version": str(filing.version),
    }
    sheet = workbook[SHEET]
    assert sheet.cell(row=3, column=2).value == world.project_a1.name
    line, column = cell_of(filing, "level2")
    assert sheet.cell(row=line, column=column).value == _first_row(filing).category.name


def test_upload_previews_the_changed_cell_and_confirm_saves_it(filer, filing):
    row = _first_row(filing)
    content = edited(download(filer, filing), set_cell(filing, "actual", "98%"))
    page = upload(filer, filing, content)
    assert page.status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    changes = page.context["preview"].changes
    assert [(c.key, c.new) for c in changes] == [(f"row.{row.pk}.actual_text", "98%")]
    assert "98%" in page.content.decode()
    filing.refresh_from_db()
    assert filing.version == 1  # nothing saved before the filer confirms
    done = confirm(filer, filing, received.pk)
    assert done.status_code == 302
    row.refresh_from_db()
    filing.refresh_from_db()
    assert row.actual_text == "98%"
    assert filing.version == 2
    assert OfflineUpload.objects.get(pk=received.pk).confirmed_at is not None


def test_a_new_row_and_a_cleared_row(filer, filing):
    rows = list(IndicatorRow.objects.filter(evaluation__filing=filing).order_by("position"))
    count = len(rows)

    def edit(workbook):
        sheet = workbook[SHEET]
        line, _column = cell_of(filing, "name", count)
        sheet.cell(row=line, column=2, value=rows[0].category.name)
        sheet.cell(row=line, column=cell_of(filing, "name")[1], value="新增指标")
        first, _ = cell_of(filing, "name", 1)
        for column in range(1, sheet.max_column + 1):
            sheet.cell(row=first, column=column).value = None

    received = upload(filer, filing, edited(download(filer, filing), edit))
    assert received.status_code == 200, received.content.decode()[:2000]
    upload_pk = OfflineUpload.objects.get(filing=filing).pk
    assert confirm(filer, filing, upload_pk).status_code == 302
    names = list(
        IndicatorRow.objects.filter(evaluation__filing=filing).values_list("name", flat=True)
    )
    assert len(names) == count
    assert "新增指标" in names
    assert not IndicatorRow.objects.filter(pk=rows[1].pk).exists()


def test_a_stale_upload_is_a_conflict_and_overwrites_nothing(filer, filing, world):
    content = edited(download(filer, filing), set_cell(filing, "actual", "50%"))
    # Someone saves the filing after the download.
    other = edited(download(filer, filing), set_cell(filing, "deviation_reason", "他人修改"))
    assert upload(filer, filing, other).status_code == 200
    assert confirm(filer, filing, OfflineUpload.objects.get(filing=filing).pk).status_code == 302
    row = _first_row(filing)
    previewed = upload(filer, filing, content)
    assert previewed.status_code == 200
    assert 'id="jx-offline-stale"' in previewed.content.decode()
    stale = OfflineUpload.objects.filter(filing=filing, confirmed_at=None).get()
    response = confirm(filer, filing, stale.pk)
    assert response.status_code == 409
    text = response.content.decode()
    assert "他人修改" in text  # what changed since the download
    assert reverse("offline:download", kwargs={"filing_pk": filing.pk}) in text
    row.refresh_from_db()
    filing.refresh_from_db()
    assert (row.actual_text, row.deviation_reason) == ("", "他人修改")
    assert filing.version == 2


def test_cells_the_form_refuses_block_the_confirmation(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "weight", 1000))
    page = upload(filer, filing, content)
    assert page.status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    assert page.context["preview"].blocked
    assert "jx-offline-confirm" not in page.content.decode()
    line, _column = cell_of(filing, "weight")
    assert f"{line}" in page.context["refused"][0]["place"]
    assert confirm(filer, filing, received.pk).status_code == 400
    filing.refresh_from_db()
    assert filing.version == 1


# --- what users must not do ---------------------------------------------------------------


def test_a_filer_of_another_department_cannot_download_upload_or_confirm(client, filing, world):
    client.force_login(world.filer_a1)
    content = download(client, filing)
    assert upload(client, filing, content).status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    client.force_login(world.filer_a2)
    assert client.get(reverse("offline:download", args=[filing.pk])).status_code == 403
    assert upload(client, filing, content).status_code == 403
    assert confirm(client, filing, received.pk).status_code == 403
    assert client.get(reverse("offline:upload", args=[filing.pk])).status_code == 403
    client.force_login(world.filer_b1)
    assert client.get(reverse("offline:download", args=[filing.pk])).status_code == 403
    filing.refresh_from_db()
    assert filing.version == 1


def test_a_reviewer_may_download_but_not_upload(client, filing, world):
    client.force_login(world.reviewer_a)
    content = download(client, filing)
    assert upload(client, filing, content).status_code == 403
    assert not OfflineUpload.objects.exists()


def test_another_users_or_another_filings_upload_is_not_found(client, filing, world):
    client.force_login(world.filer_a1)
    assert upload(client, filing, download(client, filing)).status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    colleague = factories.filer_of(world.dept_a1)
    client.force_login(colleague)
    assert confirm(client, filing, received.pk).status_code == 404
    client.force_login(world.filer_a1)
    second = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    other = evaluation_create(project=second, by=world.filer_a1)
    assert confirm(client, other, received.pk).status_code == 404
    filing.refresh_from_db()
    assert filing.version == 1


def test_the_panel_offers_the_upload_only_to_those_who_may_edit(client, filing, world):
    page = reverse("filings:page", args=[filing.pk])
    client.force_login(world.filer_a1)
    text = client.get(page).content.decode()
    assert reverse("offline:download", args=[filing.pk]) in text
    assert 'id="jx-offline-upload"' in text
    client.force_login(world.reviewer_a)
    text = client.get(page).content.decode()
    assert reverse("offline:download", args=[filing.pk]) in text
    assert 'id="jx-offline-upload"' not in text


def test_the_pages_take_only_their_method(filer, filing):
    assert filer.get(reverse("offline:upload", args=[filing.pk])).status_code == 405
    assert filer.post(reverse("offline:download", args=[filing.pk])).status_code == 405
    assert upload(filer, filing, download(filer, filing)).status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    url = reverse("offline:confirm", args=[filing.pk, received.pk])
    assert filer.get(url).status_code == 405
    assert OfflineUpload.objects.get(pk=received.pk).confirmed_at is None


def test_a_confirmed_upload_is_not_saved_twice(filer, filing):
    content = edited(download(filer, filing), set_cell(filing, "actual", "1"))
    assert upload(filer, filing, content).status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    assert confirm(filer, filing, received.pk).status_code == 302
    assert confirm(filer, filing, received.pk).status_code == 302
    filing.refresh_from_db()
    assert filing.version == 2


def test_a_reviewer_cannot_confirm_a_filers_upload(client, filing, world):
    client.force_login(world.filer_a1)
    assert upload(client, filing, download(client, filing)).status_code == 200
    received = OfflineUpload.objects.get(filing=filing)
    for person in (world.reviewer_a, world.admin_a, world.reviewer_b):
        client.force_login(person)
        assert confirm(client, filing, received.pk).status_code in (403, 404)
    filing.refresh_from_db()
    assert filing.version == 1
    assert OfflineUpload.objects.get(pk=received.pk).confirmed_at is None


def test_saved_text_that_looks_like_a_formula_downloads_as_text(filer, filing):
    ProjectEvaluation.objects.filter(filing=filing).update(goal_expected='=HYPERLINK("x")')
    workbook = load_workbook(io.BytesIO(download(filer, filing)))
    plan = plan_of(policy_of(filing))
    cell = workbook[SHEET].cell(row=plan.goal_header + 1, column=2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_a_blank_filing_downloads_with_last_years_indicators_and_uploads_them(filer, world):
    last_year = factories.FiscalYearFactory(bureau=world.bureau_a, year=world.year_a.year - 1)
    old = factories.ProjectFactory(
        department=world.dept_a1, fiscal_year=last_year, code=world.project_a1.code
    )
    old_row = IndicatorRow.objects.filter(
        evaluation__filing=evaluation_create(project=old, by=None)
    )
    old_row.filter(pk=old_row.first().pk).update(
        name="接待群众来访", target_text="100", unit="件", actual_text="120", weight=15
    )
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)  # a blank start

    content = download(filer, filing)
    sheet = load_workbook(io.BytesIO(content))[SHEET]
    line, name = cell_of(filing, "name")
    assert sheet.cell(row=line, column=name).value == "接待群众来访"
    assert sheet.cell(row=line, column=cell_of(filing, "actual")[1]).value in (None, "")

    received = upload(filer, filing, content)
    assert received.status_code == 200
    confirm(filer, filing, OfflineUpload.objects.filter(filing=filing).latest("pk").pk)

    row = IndicatorRow.objects.get(evaluation__filing=filing, name="接待群众来访")
    assert (row.target_text, row.unit, row.actual_text) == ("100", "件", "")


def test_a_filing_with_named_indicators_downloads_its_own(filer, filing, world):
    IndicatorRow.objects.filter(pk=_first_row(filing).pk).update(name="本年指标")
    sheet = load_workbook(io.BytesIO(download(filer, filing)))[SHEET]
    line, name = cell_of(filing, "name")
    assert sheet.cell(row=line, column=name).value == "本年指标"

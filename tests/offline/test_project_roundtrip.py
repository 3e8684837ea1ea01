"""The project codec: every demo project filing's workbook reads back to what the form saved."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from apps.accounts.models import User
from apps.budgets.demo import demo_load
from apps.exchange.workbook import workbook_bytes
from apps.filings.kinds import kind_of
from apps.filings.models import Filing
from apps.indicators.models import Framework
from apps.offline.codecs import codec_of
from apps.offline.project_sheet import SHEET, plan_of
from apps.offline.services import preview_of, upload_receive, workbook_download
from apps.project_evaluations.demo import demo_evaluations_load
from apps.project_evaluations.selectors import policy_of, with_rows
from apps.project_evaluations.services import categories_for, evaluation_compute, evaluation_data_of
from apps.project_evaluations.views.form import computed_json

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


@pytest.fixture
def loaded():
    demo_load(today=TODAY)
    demo_evaluations_load()


def _reopened(workbook):
    return load_workbook(io.BytesIO(workbook_bytes(workbook)))


def _filled(cells: dict[str, str]) -> dict[str, str]:
    """The cells that hold something (a snapshot of a blank line and no line read the same)."""
    return {key: value for key, value in cells.items() if value}


def _web_form(filing):
    """What the web form computes from the saved data."""
    filing = with_rows(filing)
    policy = policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT)
    data = evaluation_data_of(filing.project_evaluation)
    return computed_json(evaluation_compute(data=data, policy=policy, categories=categories), {})


def test_every_demo_project_filing_reads_back_unchanged(loaded):
    codec = codec_of("project")
    filings = list(Filing.objects.filter(kind="project").select_related("fiscal_year__bureau"))
    assert len(filings) >= 5
    for filing in filings:
        state = codec.read(filing, _reopened(codec.workbook(filing)))
        outcome = codec.outcome(filing, state)
        web = _web_form(filing)
        assert outcome.errors == {}, filing
        assert (outcome.score, outcome.grade) == (web["total"], web["grade"]), filing
        assert outcome.findings == web["findings"], filing
        assert _filled(outcome.cells) == _filled(kind_of("project").cells(filing)), filing


def _edit_one_cell(filing, workbook) -> tuple[str, str]:
    """Type a 偏差原因 in the first indicator row (the notes when there is none): (key, text)."""
    plan = plan_of(policy_of(filing))
    sheet = workbook[SHEET]
    row_id = sheet.cell(row=plan.first_row, column=plan.column("id")).value
    if row_id is None:
        sheet.cell(row=plan.notes, column=2).value = "离线填报的说明"
        return "notes", "离线填报的说明"
    column = plan.column("deviation_reason")
    sheet.cell(row=plan.first_row, column=column).value = "离线填报的偏差原因"
    return f"row.{row_id}.deviation_reason", "离线填报的偏差原因"


def test_editing_one_cell_changes_exactly_that_cell(loaded):
    codec = codec_of("project")
    edited_rows = 0
    for filing in Filing.objects.filter(kind="project").select_related("fiscal_year__bureau"):
        workbook = _reopened(codec.workbook(filing))
        key, text = _edit_one_cell(filing, workbook)
        edited_rows += key.startswith("row.")
        outcome = codec.outcome(filing, codec.read(filing, _reopened(workbook)))
        saved = kind_of("project").cells(filing)
        keys = set(saved) | set(outcome.cells)
        changed = {k for k in keys if saved.get(k, "") != outcome.cells.get(k, "")}
        assert changed == {key}, filing
        assert outcome.cells[key] == text
    assert edited_rows >= 5


def test_an_unchanged_upload_previews_no_change(loaded):
    user = User.objects.order_by("pk").first()
    for filing in Filing.objects.filter(kind="project").select_related("fiscal_year__bureau"):
        content, _name = workbook_download(filing)
        received = upload_receive(filing=filing, by=user, upload=content, size=len(content))
        assert received.base_version == filing.version
        shown = preview_of(received)
        assert shown.changes == [], filing
        assert not shown.blocked


def test_an_edited_upload_previews_what_the_form_then_shows(loaded):
    """The preview's score, grade and findings are the page's once the upload is saved."""
    codec = codec_of("project")
    user = User.objects.order_by("pk").first()
    for filing in Filing.objects.filter(kind="project").select_related("fiscal_year__bureau"):
        workbook = _reopened(codec.workbook(filing))
        plan = plan_of(policy_of(filing))
        sheet = workbook[SHEET]
        if sheet.cell(row=plan.first_row, column=plan.column("id")).value is None:
            continue
        # The first row's actual value becomes something the checks have to say about.
        sheet.cell(row=plan.first_row, column=plan.column("actual")).value = "未完成"
        state = codec.read(filing, _reopened(workbook))
        outcome = codec.outcome(filing, state)
        codec.save(filing, state, by=user, base_version=filing.version)
        filing.refresh_from_db()
        web = _web_form(filing)
        assert (outcome.score, outcome.grade) == (web["total"], web["grade"]), filing
        assert outcome.findings == web["findings"], filing
        assert _filled(outcome.cells) == _filled(kind_of("project").cells(filing)), filing

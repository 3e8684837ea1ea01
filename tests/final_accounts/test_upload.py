"""The upload page: the template, what a filer may upload, and every bad input refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from apps.exchange.reading import stamp_of
from apps.exchange.workbook import workbook_bytes
from apps.final_accounts import tables as t
from apps.final_accounts.models import Disclosure

from .clean import changed, clean_bytes, reopened
from .seed003 import seed_bytes


def _post(client, world, content: bytes, name: str = "决算.xlsx"):
    url = reverse("final_accounts:upload", kwargs={"department_pk": world.dept_a2.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_template_has_the_six_sheets_headed_as_published_and_stamped(client, world):
    client.force_login(world.filer_a2)
    url = reverse("final_accounts:template", kwargs={"department_pk": world.dept_a2.pk})
    response = client.get(url)
    assert response.status_code == 200
    workbook = reopened(response.content)
    visible = [s.title for s in workbook.worksheets if s.sheet_state == "visible"]
    assert visible == [table.sheet for table in t.TABLES]
    assert visible[0] == "公开02 收入决算表"
    income = workbook["公开02 收入决算表"]
    assert income.cell(t.UNIT_ROW, 10).value == "金额单位：元"
    assert [income.cell(t.HEADING_ROW, c).value for c in (1, 2, 3)] == [
        "支出功能分类科目编码",
        "科目名称",
        "本年收入合计",
    ]
    assert stamp_of(workbook) == {
        "purpose": "final_accounts",
        "department": str(world.dept_a2.pk),
        "fiscal_year": "2023",
        "bureau": world.bureau_a.region_code,
    }


def test_filer_uploads_and_sees_the_findings(client, world):
    client.force_login(world.filer_a2)
    response = _post(client, world, seed_bytes(world.dept_a2, world.year_a))
    assert response.status_code == 200
    stored = Disclosure.objects.get(department=world.dept_a2)
    assert stored.fiscal_year == world.year_a and len(stored.findings) == 29
    body = response.content.decode()
    assert "20103 政府办公厅(室)及相关机构事务" in body
    assert "14,296,307.84" in body and "-6,314,048.85" in body


def test_a_clean_upload_says_every_total_agrees(client, world):
    client.force_login(world.filer_a2)
    response = _post(client, world, clean_bytes(world.dept_a2, world.year_a))
    assert Disclosure.objects.get(department=world.dept_a2).findings == []
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["reviewer_a", "admin_a", "filer_a1", "filer_b1", "head_a1"])
def test_only_the_departments_filer_uploads(client, world, who):
    client.force_login(getattr(world, who))
    response = _post(client, world, clean_bytes(world.dept_a2, world.year_a))
    assert response.status_code == 403
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("who", ["filer_a1", "filer_b1", "reviewer_b", "admin_b"])
def test_outsiders_see_nothing_of_the_department(client, world, who):
    Disclosure.objects.create(department=world.dept_a2, fiscal_year=world.year_a, tables={})
    client.force_login(getattr(world, who))
    for name in ("disclosure", "template"):
        url = reverse(f"final_accounts:{name}", kwargs={"department_pk": world.dept_a2.pk})
        assert client.get(url).status_code in (403, 404)


def test_the_bureau_reviewer_views_but_cannot_upload(client, world):
    Disclosure.objects.create(department=world.dept_a2, fiscal_year=world.year_a, tables={})
    client.force_login(world.reviewer_a)
    url = reverse("final_accounts:disclosure", kwargs={"department_pk": world.dept_a2.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("final_accounts:upload", kwargs={"department_pk": world.dept_a2.pk}) not in (
        response.content.decode()
    )


def _cell(table, row, column, value):
    def change(workbook):
        workbook[table.sheet].cell(row, column, value)

    return change


def _formula(workbook):
    workbook[t.INCOME.sheet].cell(t.FIRST_ROW, 3, "=D6")


def _merged(workbook):
    workbook[t.EXPENSE.sheet].merge_cells(
        start_row=t.FIRST_ROW, start_column=3, end_row=t.FIRST_ROW, end_column=4
    )


def _duplicate(workbook):
    sheet = workbook[t.INCOME.sheet]
    sheet.cell(t.FIRST_ROW + 5, 1, "2010301")
    sheet.cell(t.FIRST_ROW + 5, 2, "行政运行")


def _renamed(workbook):
    workbook[t.BASIC.sheet].title = "基本支出"


def _stamped_for(**fields):
    def change(workbook):
        sheet = workbook["_jixiao"]
        for row in sheet.iter_rows():
            if row[0].value in fields:
                row[1].value = fields[row[0].value]

    return change


BAD = {
    "wrong heading": (_cell(t.INCOME, t.HEADING_ROW, 3, "收入合计"), "本年收入合计"),
    "text in a number cell": (_cell(t.EXPENSE, t.FIRST_ROW, 3, "一千"), "一千"),
    "negative amount": (_cell(t.EXPENSE, t.FIRST_ROW, 3, -5), "from 0 to"),
    "duplicated code": (_duplicate, "2010301"),
    "formula": (_formula, "formula"),
    "merged cells": (_merged, "merged"),
    "missing sheet": (_renamed, "公开06"),
    "moved line": (_cell(t.FISCAL, t.FIRST_ROW, 2, 9), "行次 1"),
    "amounts without a code": (_cell(t.INCOME, t.FIRST_ROW + 20, 3, 5), "科目编码"),
    "too many rows": (_cell(t.INCOME, t.FIRST_ROW + 2000, 2, "其他"), "at most 2000"),
    "another year": (_stamped_for(fiscal_year="2022"), "2022"),
    "another bureau": (_stamped_for(bureau="999999"), "another finance bureau"),
    "another department": (_stamped_for(department="999999"), "another department"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_refused_and_nothing_stored(client, world, case, settings):
    settings.LANGUAGE_CODE = "en"
    change, named = BAD[case]
    client.force_login(world.filer_a2)
    response = _post(client, world, changed(world.dept_a2, world.year_a, change))
    assert not Disclosure.objects.exists()
    messages = _messages(response)
    assert messages and any(named in message for message in messages), messages


def _file_cases():
    plain = Workbook()
    return {
        "empty": (b"", "empty"),
        "not a spreadsheet": (b"%PDF-1.7\n%%EOF\n", "not an Excel workbook"),
        "20 MB": (b"PK\x03\x04" + b"0" * (20 * 1024 * 1024), "MB"),
        "unstamped workbook": (workbook_bytes(plain), "not the final accounts template"),
    }


@pytest.mark.parametrize("case", list(_file_cases()))
def test_bad_files_are_refused_and_nothing_stored(client, world, case, settings):
    settings.LANGUAGE_CODE = "en"
    content, named = _file_cases()[case]
    client.force_login(world.filer_a2)
    response = _post(client, world, content)
    assert not Disclosure.objects.exists()
    assert any(named in message for message in _messages(response)), _messages(response)


def test_a_template_of_another_department_is_refused(client, world):
    client.force_login(world.filer_a2)
    other = clean_bytes(world.dept_a1, world.year_a)
    response = _post(client, world, other)
    assert not Disclosure.objects.exists()
    assert len(_messages(response)) == 1


def test_a_template_of_another_bureau_is_refused(client, world, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(world.filer_a2)
    response = _post(client, world, clean_bytes(world.dept_b1, world.year_b))
    assert not Disclosure.objects.exists()
    assert any("another finance bureau" in m for m in _messages(response))

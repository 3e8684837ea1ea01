"""The classification catalogue: levels from codes, the seeds' codes loaded, the yearly import."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from apps.exchange.reading import UploadRefused
from apps.exchange.workbook import workbook_bytes
from apps.final_accounts.catalogue import ECONOMIC, FUNCTION
from apps.final_accounts.models import Classification, level_of, parent_code_of
from apps.final_accounts.resources import HEADINGS, catalogue_import, catalogue_import_file
from apps.final_accounts.selectors import codes_of_year
from tests import factories


def test_levels_and_parents_come_from_the_code():
    assert [level_of("function", c) for c in ("201", "20103", "2010308")] == ["类", "款", "项"]
    assert [level_of("economic", c) for c in ("301", "30101")] == ["类", "款"]
    assert level_of("function", "2101") == "" and level_of("economic", "3010101") == ""
    assert parent_code_of("2010308") == "20103" and parent_code_of("201") == ""


@pytest.mark.django_db
def test_the_seeds_codes_are_loaded_for_their_years():
    for year in (2021, 2023):
        codes = codes_of_year(year)
        assert {"2010308", "2080506", "2210203", "234"} <= codes["function"]
        assert {"30101", "30231", "31003", "399"} <= codes["economic"]
    row = Classification.objects.get(year=2021, scheme="function", code="2010308")
    assert (row.name, row.level, row.parent_code) == ("信访事务", "项", "20103")
    assert Classification.objects.filter(year=2021).count() == len(FUNCTION) + len(ECONOMIC)


@pytest.mark.django_db
def test_a_year_without_a_catalogue_uses_the_built_in_list():
    assert "2010308" in codes_of_year(2030)["function"]
    Classification.objects.create(year=2030, scheme="function", code="201", name="一般公共服务支出")
    assert codes_of_year(2030) == {"function": {"201"}}


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=list(HEADINGS))


@pytest.mark.django_db
def test_the_yearly_list_imports():
    written, errors = catalogue_import(
        _dataset((2024, "功能分类", "2010301", "行政运行"), (2024, "经济分类", 30101, "基本工资"))
    )
    assert (written, errors) == (2, [])
    row = Classification.objects.get(year=2024, code="30101")
    assert (row.scheme, row.level, row.parent_code) == ("economic", "款", "301")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ((2024, "功能分类", "2101", "行政事业单位医疗"), "2101"),
        ((2024, "其他分类", "201", "一般公共服务支出"), "其他分类"),
        ((2024, "经济分类", "30a01", "基本工资"), "30a01"),
    ],
)
def test_one_bad_row_and_nothing_is_written(bad, named, settings):
    settings.LANGUAGE_CODE = "en"
    written, errors = catalogue_import(
        _dataset(
            (2024, "功能分类", "201", "一般公共服务支出"), bad, (2024, "功能分类", "208", "社保")
        )
    )
    assert written == 0
    assert not Classification.objects.filter(year=2024).exists()
    assert len(errors) == 1 and errors[0].startswith("Row 3") and named in errors[0], errors


@pytest.mark.django_db
def test_only_superusers_reach_the_catalogue_admin(client, world):
    url = reverse("admin:final_accounts_classification_changelist")
    client.force_login(world.admin_a)
    assert client.get(url).status_code == 403
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:final_accounts_classification_import")).status_code == 200


def _xlsx(*rows, formula_at=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append(list(row))
    if formula_at:
        sheet[formula_at] = "=1+1"
    return workbook_bytes(workbook)


@pytest.mark.django_db
def test_the_yearly_list_imports_from_xlsx_all_or_nothing(settings):
    settings.LANGUAGE_CODE = "en"
    good = (2025, "功能分类", "201", "一般公共服务支出")
    assert catalogue_import_file(_xlsx(good, (2025, "功能分类", "20101", "人大事务"))) == (2, [])
    Classification.objects.filter(year=2025).delete()
    written, errors = catalogue_import_file(_xlsx(good, (2025, "经济分类", "3010101", "x")))
    assert written == 0 and not Classification.objects.filter(year=2025).exists()
    assert len(errors) == 1 and errors[0].startswith("Row 3"), errors
    with pytest.raises(UploadRefused) as refused:
        catalogue_import_file(_xlsx(good, formula_at="C2"))
    assert "formula" in refused.value.messages[0]
    assert not Classification.objects.filter(year=2025).exists()


@pytest.mark.django_db
def test_the_admin_import_refuses_a_bad_row_and_writes_nothing(client, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    content = _xlsx((2026, "功能分类", "201", "一般公共服务支出"), (2026, "其他", "202", "外交"))
    upload = SimpleUploadedFile("目录.xlsx", content)
    url = reverse("admin:final_accounts_classification_import")
    response = client.post(url, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    assert "其他" in response.content.decode()
    assert not Classification.objects.filter(year=2026).exists()
    assert response.context.get("confirm_form") is None  # no way on to the import

"""Every admin import/export page shows a bureau administrator their own bureau's things only.

Walks each admin with `ScopedImportExportMixin` (the set-up imports): the import form offers
only what the administrator may import into, the export holds nothing of another bureau, and
someone who administers no bureau reaches neither.
"""

import io

import pytest
from django.contrib import admin
from django.urls import reverse
from openpyxl import load_workbook

from apps.exchange.imports import ScopedImportExportMixin
from apps.indicators.models import Framework, LibraryIndicator, Rubric
from apps.indicators.rubrics import rubric_copy
from apps.indicators.services import taxonomy_ensure_standard

SCOPED = sorted(
    (
        (model._meta.label, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ScopedImportExportMixin)
    ),
    key=lambda pair: pair[0],
)


def _url(model_admin, view: str) -> str:
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def _bureau_of(obj):
    for path in ("bureau", "fiscal_year.bureau"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return value
    return obj  # a FinanceBureau itself


@pytest.fixture
def both_bureaus(world):
    """Each bureau has a library indicator and an editable 打分表 version."""
    shipped = Rubric.objects.filter(bureau__isnull=True).first()
    for bureau, name in ((world.bureau_a, "甲县指标"), (world.bureau_b, "乙县指标")):
        category = taxonomy_ensure_standard(bureau=bureau, framework=Framework.PROJECT)[0]
        LibraryIndicator.objects.create(category=category, name=name, comparator="≥")
        rubric_copy(rubric=shipped, bureau=bureau, name=f"{name}打分表")
    return world


def test_the_set_up_imports_cover_the_set_up_data():
    assert {label for label, _admin in SCOPED} == {
        "accounts.User",
        "budgets.Project",
        "indicators.LibraryIndicator",
        "indicators.Rubric",
        "organizations.Department",
    }


@pytest.mark.parametrize(("label", "model_admin"), SCOPED, ids=[label for label, _ in SCOPED])
def test_import_offers_only_the_own_bureau(client, both_bureaus, label, model_admin):
    world = both_bureaus
    client.force_login(world.admin_a)

    response = client.get(_url(model_admin, "import"))

    assert response.status_code == 200
    choices = list(response.context["form"].fields["scope"].queryset)
    assert choices and {_bureau_of(choice) for choice in choices} == {world.bureau_a}
    page = response.content.decode()
    assert world.bureau_b.name not in page and "乙县指标打分表" not in page


@pytest.mark.parametrize(("label", "model_admin"), SCOPED, ids=[label for label, _ in SCOPED])
def test_export_holds_nothing_of_another_bureau(client, both_bureaus, label, model_admin):
    world = both_bureaus
    client.force_login(world.admin_a)

    response = client.post(_url(model_admin, "export"), {"format": "0", "resource": "0"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    foreign = {
        world.dept_b1.name,
        world.project_b1.name,
        world.filer_b1.username,
        world.reviewer_b.username,
        "乙县指标",
        world.bureau_b.region_code,
    }
    assert not cells & foreign


@pytest.mark.parametrize(("label", "model_admin"), SCOPED, ids=[label for label, _ in SCOPED])
def test_no_import_or_export_without_a_bureau_to_administer(
    client, both_bureaus, label, model_admin
):
    world = both_bureaus
    world.reviewer_a.is_staff = True
    world.reviewer_a.save()
    client.force_login(world.reviewer_a)

    for view in ("import", "export"):
        response = client.get(_url(model_admin, view))
        assert response.status_code in (302, 403), view
    response = client.post(_url(model_admin, "export"), {"format": "0", "resource": "0"})
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(("label", "model_admin"), SCOPED, ids=[label for label, _ in SCOPED])
def test_the_changelist_links_to_import_and_export(client, both_bureaus, label, model_admin):
    client.force_login(both_bureaus.admin_a)

    page = client.get(_url(model_admin, "changelist"))

    assert page.status_code == 200
    html = page.content.decode()
    assert _url(model_admin, "import") in html and _url(model_admin, "export") in html

"""Documents of filings are registered by their kinds: bundles and the zip print every such kind."""

import pytest
from django.db.models import F

from apps.filings import kinds as filing_kinds
from apps.filings.models import Filing
from apps.reports.documents import (
    FilingPrint,
    Target,
    build_content,
    filing_document,
    filing_document_of,
    kind_of,
    register_filing_document,
    registry,
    year_batch,
)
from tests.reports import helpers
from tests.test_architecture import APPS, app_of, imports_under

SHEET_KIND = "test_department_sheet"  # a kind of filing the department files once a year
SHEET_DAY = "2099-12-31"  # the day every test sheet last changed: later than any real filing


def _sheet_contents(filing_ids, fiscal_year) -> dict[int, dict]:
    """The test sheet's content: what a bundle needs of any filing document, and a name."""
    return {
        pk: {
            "name": f"部门自评表{pk}",
            "draft": False,
            "updated_on": SHEET_DAY,
            "orientation": "portrait",
        }
        for pk in sorted(filing_ids)
    }


SHEET = filing_document(
    key="test_sheet",
    label="部门整体支出绩效自评表",
    filing=FilingPrint(
        template="print/test_sheet.html",
        section_template="print/_test_sheet.html",
        version=1,
        contents=_sheet_contents,
        title=lambda content: f"部门整体支出绩效自评表——{content['name']}",
        file_name=lambda content: f"{content['name']}.pdf",
    ),
)


@pytest.fixture
def sheet_registered(monkeypatch):
    """The test sheet registered as the document of SHEET_KIND, for this test only."""
    monkeypatch.setitem(registry._documents, SHEET.key, SHEET)
    monkeypatch.setitem(registry._filing_documents, SHEET_KIND, SHEET.key)


def _filing(world, kind: str, status=Filing.Status.APPROVED) -> Filing:
    return Filing.objects.create(
        kind=kind, department=world.dept_a1, fiscal_year=world.year_a, status=status
    )


@pytest.fixture
def approved_table(world) -> Filing:
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    return helpers.approve(filing, world.filer_a1, world.reviewer_a)


def test_the_project_table_is_the_document_of_a_project_filing():
    document = filing_document_of("project")

    assert document is not None and document.key == "project_table"
    assert kind_of("project_table") is document and document.filing is not None


def test_a_bundle_prints_each_kind_of_filing_by_its_own_document(
    world, approved_table, sheet_registered
):
    sheet = _filing(world, SHEET_KIND)

    content = build_content(
        "department_bundle", Target(fiscal_year=world.year_a, department=world.dept_a1)
    )

    assert [(s["kind"], s["template"], s["title"]) for s in content["sections"]] == [
        (
            "project_table",
            "print/_project_table.html",
            f"项目支出绩效自评表——{world.project_a1.name}",
        ),
        ("test_sheet", "print/_test_sheet.html", f"部门整体支出绩效自评表——部门自评表{sheet.pk}"),
    ]
    assert content["report_date"] == "2099年12月31日"  # the latest of its filings' days


def test_the_year_batch_holds_each_approved_filing_in_its_own_documents_file(
    world, approved_table, sheet_registered
):
    sheet = _filing(world, SHEET_KIND)
    Filing.objects.create(
        kind=SHEET_KIND,
        department=world.dept_a2,
        fiscal_year=world.year_a,
        status=Filing.Status.DRAFT,
    )

    content = build_content("year_batch", Target(fiscal_year=world.year_a))

    folder = f"{world.dept_a1.budget_code}{world.dept_a1.name}"
    documents = [
        (path, kind, template) for path, kind, template, *_ in year_batch.documents_of(content)
    ]
    assert documents[1:] == [
        (
            f"{folder}/2023年度绩效自评材料-{folder}.pdf",
            "department_bundle",
            "print/department_bundle.html",
        ),
        (
            f"{folder}/2023年度项目支出绩效自评表-{world.project_a1.name}.pdf",
            "project_table",
            "print/project_table.html",
        ),
        (f"{folder}/部门自评表{sheet.pk}.pdf", "test_sheet", "print/test_sheet.html"),
    ]


def test_a_filing_of_a_kind_without_a_document_is_left_out(world, approved_table):
    _filing(world, "test_unprinted")

    bundle = build_content(
        "department_bundle", Target(fiscal_year=world.year_a, department=world.dept_a1)
    )
    batch = build_content("year_batch", Target(fiscal_year=world.year_a))

    assert [s["kind"] for s in bundle["sections"]] == ["project_table"]
    assert [kind for _path, kind, *_rest in year_batch.documents_of(batch)] == [
        "bureau_summary",
        "department_bundle",
        "project_table",
    ]


def test_the_hashes_follow_a_filing_that_has_no_project(world, approved_table, sheet_registered):
    sheet = _filing(world, SHEET_KIND)
    targets = {
        "department_bundle": Target(fiscal_year=world.year_a, department=world.dept_a1),
        "year_batch": Target(fiscal_year=world.year_a),
        "test_sheet": Target(fiscal_year=world.year_a, department=world.dept_a1, filing=sheet),
    }
    before = {key: kind_of(key).fingerprint(target) for key, target in targets.items()}

    Filing.objects.filter(pk=sheet.pk).update(version=F("version") + 1)

    after = {key: kind_of(key).fingerprint(target) for key, target in targets.items()}
    assert all(after[key] != before[key] for key in targets)


def test_only_a_registered_document_of_one_filing_can_print_a_kind_of_filing():
    for key in ("department_bundle", "no_such_document"):
        with pytest.raises(ValueError):
            register_filing_document(SHEET_KIND, key)
    assert filing_document_of(SHEET_KIND) is None


def test_reports_imports_no_app_of_a_kind_of_filing():
    kind_apps = {app_of(type(kind).__module__) for kind in filing_kinds.registered()}
    assert "project_evaluations" in kind_apps

    found = [
        f"{item.path}:{item.line} imports {item.target}"
        for item in imports_under(APPS)
        if app_of(item.module) == "reports" and app_of(item.target) in kind_apps
    ]

    assert not found

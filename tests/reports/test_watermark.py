"""The watermark says what a filing is: 草稿 with the filer, 待审核 in review, none approved."""

import pytest

from apps.department_evaluations.documents import DEPARTMENT_TABLE
from apps.department_evaluations.services import department_create
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.reports.documents import Target, kind_of
from apps.reports.documents.common import strongest_watermark, watermark_of
from tests import factories
from tests.reports import helpers

DRAFT, PENDING = "草稿", "待审核"


def _pages(document_key: str, target: Target) -> list[str]:
    document = kind_of(document_key)
    output = document.produce(document.build(target), lambda *args: None)
    assert output.data is not None
    return helpers.pdf_pages(output.data)


def _table_pages(world, filing: Filing) -> list[str]:
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    return _pages("project_table", target)


def _submitted(filing: Filing, filer) -> Filing:
    filing_transition(filing=filing, action=Action.SUBMIT, by=filer)
    return Filing.objects.get(pk=filing.pk)


@pytest.mark.parametrize(
    ("status", "mark"),
    [
        (Filing.Status.DRAFT, DRAFT),
        (Filing.Status.RETURNED, DRAFT),
        (Filing.Status.HEAD_REVIEW, PENDING),
        (Filing.Status.SUBMITTED, PENDING),
        (Filing.Status.IN_REVIEW, PENDING),
        (Filing.Status.APPROVED, ""),
        (Filing.Status.PUBLISHED, ""),
    ],
)
def test_each_status_has_its_watermark(status, mark):
    assert watermark_of(status) == mark


def test_every_status_is_given_a_watermark_on_purpose():
    # A status added later must be placed in one of the three answers above.
    assert {watermark_of(s) for s in Filing.Status.values} == {DRAFT, PENDING, ""}


def test_a_bundle_is_marked_as_its_least_final_document():
    assert strongest_watermark(["", PENDING, DRAFT]) == DRAFT
    assert strongest_watermark(["", PENDING]) == PENDING
    assert strongest_watermark(["", ""]) == ""
    assert strongest_watermark([]) == DRAFT  # nothing filed yet


def test_a_draft_project_table_prints_draft_on_every_page(world):
    rows = helpers.many_rows(world.bureau_a, 40)  # long enough for two pages
    filing = helpers.evaluate(world.project_a1, world.filer_a1, rows=rows)

    pages = _table_pages(world, filing)

    assert len(pages) > 1
    assert all(DRAFT in page for page in pages)
    assert not any(PENDING in page for page in pages)


def test_a_submitted_project_table_prints_pending_review(world):
    filing = _submitted(helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1)
    assert watermark_of(filing.status) == PENDING

    text = "\n".join(_table_pages(world, filing))

    assert PENDING in text
    assert DRAFT not in text


def test_an_approved_project_table_prints_no_watermark(world):
    filing = helpers.approve(
        helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1, world.reviewer_a
    )

    text = "\n".join(_table_pages(world, filing))

    assert DRAFT not in text and PENDING not in text
    assert "填报人" in text  # the table itself printed


def test_a_draft_department_report_prints_draft(world):
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)

    output = DEPARTMENT_TABLE.produce(DEPARTMENT_TABLE.build(target), lambda *args: None)
    assert output.data is not None
    pages = helpers.pdf_pages(output.data)

    assert all(DRAFT in page for page in pages)
    assert not any(PENDING in page for page in pages)


def test_each_section_of_a_bundle_carries_its_own_filings_watermark(world):
    approved_project = world.project_a1
    pending_project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    draft_project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    helpers.approve(
        helpers.evaluate(approved_project, world.filer_a1), world.filer_a1, world.reviewer_a
    )
    _submitted(helpers.evaluate(pending_project, world.filer_a1), world.filer_a1)
    helpers.evaluate(draft_project, world.filer_a1)

    pages = _pages("department_bundle", Target(fiscal_year=world.year_a, department=world.dept_a1))

    cover, contents, opinions = pages[0], pages[1], pages[-1]
    # The bundle as a whole is as final as its least final section.
    assert DRAFT in cover and DRAFT in contents and DRAFT in opinions
    tables = [page for page in pages[2:-1] if "项目名称" in page]
    approved = next(p for p in tables if approved_project.name in p)
    pending = next(p for p in tables if pending_project.name in p)
    draft = next(p for p in tables if draft_project.name in p)
    assert DRAFT not in approved and PENDING not in approved
    assert PENDING in pending and DRAFT not in pending
    assert DRAFT in draft and PENDING not in draft


def test_a_bundle_of_approved_filings_prints_no_watermark(world):
    helpers.approve(
        helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1, world.reviewer_a
    )

    pages = _pages("department_bundle", Target(fiscal_year=world.year_a, department=world.dept_a1))

    assert not any(DRAFT in page or PENDING in page for page in pages)

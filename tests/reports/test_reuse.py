"""Every page laid out once per content: bundles and the year's zip merge the stored pages of
their filings' documents; asking for the year costs the same however many filings it holds."""

import io
import zipfile
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from apps.reports.documents import Target, kind_of
from apps.reports.models import ReportJob
from apps.reports.services import report_request
from tests import factories
from tests.reports import helpers

S = ReportJob.State


@pytest.fixture
def layouts(monkeypatch):
    return helpers.count_layouts(monkeypatch)


def _ask(capture, kind: str, target: Target, by) -> ReportJob:
    with capture(execute=True):
        job = report_request(kind=kind, target=target, by=by)
    job.refresh_from_db()
    assert job.state == S.DONE, job.error
    return job


def _pages(job: ReportJob) -> list[str]:
    with job.file.open("rb") as handle:
        return helpers.pdf_pages(handle.read())


def _tables(world, count: int):
    projects = [world.project_a1] + [
        factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
        for _n in range(count - 1)
    ]
    return projects, [helpers.evaluate(p, world.filer_a1) for p in projects]


def test_a_bundle_merges_the_tables_stored_for_them_alone_and_lays_out_only_its_frame(
    world, layouts, django_capture_on_commit_callbacks
):
    projects, filings = _tables(world, 3)
    for filing in filings:
        target = Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)
        _ask(django_capture_on_commit_callbacks, "project_table", target, world.filer_a1)
    assert layouts.count == 3

    bundle = _ask(
        django_capture_on_commit_callbacks,
        "department_bundle",
        Target(fiscal_year=world.year_a, department=world.dept_a1),
        world.filer_a1,
    )

    assert layouts.count == 4  # cover, contents and opinions only
    pages = _pages(bundle)
    for project in projects:
        assert sum(project.name in page and "项目名称" in page for page in pages) == 1
    # Numbered after merging: every page but the cover says where it is in the bundle.
    assert "第 1 页" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
        assert page.count("共 ") == 1  # the stored pages carry no number of their own


def test_a_bundle_renders_and_stores_its_missing_tables_once_and_they_are_served_alone(
    world, layouts, django_capture_on_commit_callbacks
):
    _projects, filings = _tables(world, 2)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1)

    _ask(django_capture_on_commit_callbacks, "department_bundle", target, world.filer_a1)
    assert layouts.count == 3  # two tables and the frame

    for filing in filings:
        alone = Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)
        job = _ask(django_capture_on_commit_callbacks, "project_table", alone, world.filer_a1)
        assert job.sheet.name and job.file.name
        assert "第 1 页 共 1 页" in _pages(job)[0]
    assert layouts.count == 3  # stored by the bundle, served as they are


def test_a_changed_filing_is_laid_out_again_and_the_others_are_not(
    world, layouts, django_capture_on_commit_callbacks
):
    _projects, filings = _tables(world, 3)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1)
    _ask(django_capture_on_commit_callbacks, "department_bundle", target, world.filer_a1)
    assert layouts.count == 4

    helpers.evaluate(filings[1].project, world.filer_a1, goal_actual="全年接待来访群众812件次。")
    bundle = _ask(django_capture_on_commit_callbacks, "department_bundle", target, world.filer_a1)

    assert layouts.count == 6  # the changed table and the frame
    assert "812件次" in "\n".join(_pages(bundle))


def test_the_year_zip_lays_out_each_table_once_and_reuses_them_next_time(
    world, layouts, django_capture_on_commit_callbacks
):
    _projects, filings = _tables(world, 2)
    for filing in filings:
        helpers.approve(filing, world.filer_a1, world.reviewer_a)
    year = Target(fiscal_year=world.year_a)

    batch = _ask(django_capture_on_commit_callbacks, "year_batch", year, world.reviewer_a)
    # Two tables, one bundle frame, the summary.
    assert layouts.count == 4
    with batch.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
        bundle = next(name for name in pdfs if "绩效自评材料" in name)
        text = "\n".join(helpers.pdf_pages(archive.read(bundle)))
    assert len(pdfs) == 4 and "目录" in text and "审核意见" in text

    bundle_alone = Target(fiscal_year=world.year_a, department=world.dept_a1)
    _ask(django_capture_on_commit_callbacks, "department_bundle", bundle_alone, world.reviewer_a)
    assert layouts.count == 5  # its frame; the tables are those of the zip


def _year_hash(world) -> str:
    return kind_of("year_batch").fingerprint(Target(fiscal_year=world.year_a))


def test_the_years_hash_follows_a_filings_content_and_nothing_else(world):
    filing = helpers.approve(
        helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1, world.reviewer_a
    )
    seen = [_year_hash(world)]

    def changed() -> bool:
        digest = _year_hash(world)
        new = digest != seen[-1]
        seen.append(digest)
        return new

    assert not changed()  # asked again: the same
    # Another bureau's year moves: not this one's.
    helpers.approve(
        helpers.evaluate(world.project_b1, world.filer_b1), world.filer_b1, world.reviewer_b
    )
    assert not changed()
    review = helpers.review(filing, world.reviewer_a, {"服务对象满意度": Decimal(9)}, "99", "优")
    assert changed()
    row = review.rows.first()
    row.score = Decimal(8)
    row.save()
    assert changed()
    world.project_a1.name = "信访接待专项"
    world.project_a1.save()
    assert changed()
    world.dept_a1.name = "甲县信访事务中心"
    world.dept_a1.save()
    assert changed()
    helpers.evaluate(world.project_a2, world.filer_a2)  # the summary lists its state
    assert changed()
    assert not changed()


@pytest.mark.parametrize("kind", ["year_batch", "year_summary"])
def test_asking_for_a_years_document_costs_the_same_queries_for_3_and_30_filings(
    client, world, django_assert_num_queries, kind
):
    client.force_login(world.reviewer_a)
    url = reverse(f"reports:{kind}", args=[world.year_a.pk])

    def grow(count: int) -> None:
        for n in range(count):
            department = world.dept_a1 if n % 2 else world.dept_a2
            project = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
            filing = helpers.evaluate(project, world.filer_a1 if n % 2 else world.filer_a2)
            if n % 3 == 0:
                helpers.approve(
                    filing, world.filer_a1 if n % 2 else world.filer_a2, world.reviewer_a
                )

    counts = []
    with mock.patch("apps.reports.services.queue._enqueue"):
        for size in (3, 27):
            grow(size)
            ReportJob.objects.all().delete()
            with django_assert_num_queries(QUERIES[kind]) as queries:
                assert client.post(url).status_code == 302
            counts.append(len(queries))
    assert counts[0] == counts[1] == QUERIES[kind]


# Session and user, permission, the year, the content hash (policies, categories, outlines,
# aggregates of the projects, filings, reviews and evidence), the job looked up and created.
QUERIES = {"year_batch": 18, "year_summary": 12}

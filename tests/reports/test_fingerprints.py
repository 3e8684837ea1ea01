"""Content hashes from cheap inputs: asking never builds a document, printing runs no check."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.indicators.models import ScoringPolicy
from apps.reports import paging, pdf
from apps.reports.documents import Target, common, kind_of
from apps.reports.models import ReportJob
from apps.reports.services import rendering, report_request
from apps.reviews.models import RowReview
from tests import factories
from tests.reports import helpers

S = ReportJob.State
KINDS = ("project_table", "department_bundle", "bureau_summary", "year_batch")


def _fail(*args, **kwargs):
    raise AssertionError("called while asking for a report")


@pytest.fixture
def renders(monkeypatch):
    """Counts the documents laid out (not the pages of page numbers stamped on them)."""

    class Counter:
        count = 0

    counter = Counter()
    real = pdf._layout

    def counting(html: str, fonts):
        if paging.FOOTERS_MARK not in html:
            counter.count += 1
        return real(html, fonts)

    monkeypatch.setattr(pdf, "_layout", counting)
    return counter


def _targets(world, filing) -> dict[str, Target]:
    return {
        "project_table": Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing),
        "department_bundle": Target(fiscal_year=world.year_a, department=world.dept_a1),
        "bureau_summary": Target(fiscal_year=world.year_a),
        "year_batch": Target(fiscal_year=world.year_a),
    }


def _hashes(world, filing) -> dict[str, str]:
    return {key: kind_of(key).fingerprint(t) for key, t in _targets(world, filing).items()}


def _request(capture, **kwargs) -> ReportJob:
    with capture(execute=True):
        job = report_request(**kwargs)
    job.refresh_from_db()
    return job


def test_a_cell_a_review_the_policy_the_layout_and_a_template_version_change_the_hash(
    world, monkeypatch
):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    table = _targets(world, filing)["project_table"]
    seen = [kind_of("project_table").fingerprint(table)]

    def changed() -> bool:
        digest = kind_of("project_table").fingerprint(table)
        new = digest not in seen
        seen.append(digest)
        return new

    assert not changed()  # nothing moved: the same hash
    helpers.evaluate(world.project_a1, world.filer_a1, goal_actual="全年接待来访群众800件次。")
    assert changed()
    filing = helpers.approve(filing, world.filer_a1, world.reviewer_a)
    assert changed()
    review = helpers.review(filing, world.reviewer_a, {"服务对象满意度": Decimal(9)}, "99", "优")
    assert changed()
    row = RowReview.objects.get(review=review)
    row.score = Decimal(8)
    row.save()
    assert changed()
    policy = ScoringPolicy.objects.filter(fiscal_year=world.year_a).first()
    assert policy is not None
    policy.low_execution_explanation_below = Decimal("0.9")
    policy.save()
    assert changed()
    world.project_a1.name = "信访接待专项"  # printed from the project, not the filing
    world.project_a1.save()
    assert changed()
    policy.layout = "yunnan"  # the year's layout of the project table
    policy.save()
    assert changed()
    table_print = kind_of("project_table").filing
    assert table_print is not None
    helpers.replace_document(monkeypatch, "project_table", version=table_print.version + 1)
    assert changed()
    assert not changed()


def test_every_kind_hashes_in_the_same_number_of_queries_for_3_and_30_filings(
    world, django_assert_num_queries
):
    projects = [world.project_a1] + [
        factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
        for _n in range(2)
    ]
    filings = [helpers.evaluate(p, world.filer_a1) for p in projects]
    helpers.approve(filings[0], world.filer_a1, world.reviewer_a)
    targets = _targets(world, filings[0])
    counts = {}
    for key, target in targets.items():
        with CaptureQueriesContext(connection) as queries:
            kind_of(key).fingerprint(target)
        counts[key] = len(queries)

    for _n in range(27):
        project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
        filing = helpers.evaluate(project, world.filer_a1)
        if _n % 3 == 0:
            helpers.approve(filing, world.filer_a1, world.reviewer_a)

    for key, target in targets.items():
        with django_assert_num_queries(counts[key]):
            kind_of(key).fingerprint(target)
    # The year batch's 9th: the bureau's report outlines of the year (a part of its stamp).
    assert counts["department_bundle"] <= 6 and counts["year_batch"] <= 9


def test_asking_for_any_document_neither_builds_nor_renders_it(client, world, monkeypatch):
    filing = helpers.approve(
        helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1, world.reviewer_a
    )
    monkeypatch.setattr(rendering, "build_content", _fail)
    helpers.replace_document(monkeypatch, "project_table", contents=_fail)
    monkeypatch.setattr(common, "render_to_string", _fail)
    monkeypatch.setattr(pdf, "render_pdf", _fail)
    client.force_login(world.reviewer_a)

    for url in (
        reverse("reports:project_pdf", args=[world.project_a1.pk]),
        reverse("reports:department_bundle", args=[world.dept_a1.pk]),
        reverse("reports:year_summary", args=[world.year_a.pk]),
        reverse("reports:year_batch", args=[world.year_a.pk]),
    ):
        assert client.post(url).status_code == 302

    jobs = ReportJob.objects.all()
    assert {job.kind for job in jobs} == set(KINDS)
    hashes = _hashes(world, filing)
    assert {job.kind: job.content_hash for job in jobs} == hashes
    assert {job.state for job in jobs} == {S.QUEUED}


def test_printing_runs_no_check_and_prints_the_engines_total(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    monkeypatch.setattr("apps.project_evaluations.checks.check_project", _fail)

    for key in ("project_table", "department_bundle"):
        job = _request(
            django_capture_on_commit_callbacks,
            kind=key,
            target=_targets(world, filing)[key],
            by=world.filer_a1,
        )
        assert job.state == S.DONE, job.error
        with job.file.open("rb") as handle:
            text = "\n".join(helpers.pdf_pages(handle.read()))
        # 9.88 for 98.75 % executed, 50 + 30 + 10 for the rows: the stored total.
        assert f"{filing.total_score:.2f}" == "99.88" and "99.88" in text


def test_a_worker_builds_again_when_the_filing_moves_while_it_builds(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    target = _targets(world, filing)["project_table"]
    builds = []
    real_build = rendering.build_content

    def moving(kind, target):
        content = real_build(kind, target)
        if not builds:
            helpers.evaluate(world.project_a1, world.filer_a1, goal_actual="全年接待来访800件次。")
        builds.append(kind)
        return content

    monkeypatch.setattr(rendering, "build_content", moving)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(kind="project_table", target=target, by=world.filer_a1)
        asked = job.content_hash
    job.refresh_from_db()

    assert job.state == S.DONE and len(builds) == 2
    assert job.content_hash != asked
    assert job.content_hash == kind_of("project_table").fingerprint(target)
    with job.file.open("rb") as handle:
        assert "800件次" in "\n".join(helpers.pdf_pages(handle.read()))


def test_the_year_batch_reuses_the_files_rendered_for_its_documents_alone(
    world, renders, django_capture_on_commit_callbacks
):
    filing = helpers.approve(
        helpers.evaluate(world.project_a1, world.filer_a1), world.filer_a1, world.reviewer_a
    )
    targets = _targets(world, filing)
    for key in ("project_table", "department_bundle", "bureau_summary"):
        _request(
            django_capture_on_commit_callbacks, kind=key, target=targets[key], by=world.reviewer_a
        )
    assert renders.count == 3

    batch = _request(
        django_capture_on_commit_callbacks,
        kind="year_batch",
        target=targets["year_batch"],
        by=world.reviewer_a,
    )

    assert batch.state == S.DONE, batch.error
    assert renders.count == 3  # summary, bundle and table: each rendered before, none again

"""Report jobs: rendered once per content, idempotent, recoverable, and only for insiders."""

import io
import zipfile
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import ApplicationError
from apps.reports import services
from apps.reports.documents import Target
from apps.reports.models import ReportJob
from apps.reports.services import (
    report_render,
    report_request,
    report_retry,
    reports_recover_stale,
)
from tests import factories
from tests.reports import helpers

S = ReportJob.State


@pytest.fixture
def renders(monkeypatch):
    """Counts the documents laid out, and can make the next ones fail."""
    return helpers.count_layouts(monkeypatch)


@pytest.fixture
def filing(world):
    return helpers.evaluate(world.project_a1, world.filer_a1)


def _target(world, filing) -> Target:
    return Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)


def _request(capture, **kwargs) -> ReportJob:
    with capture(execute=True):
        job = report_request(**kwargs)
    job.refresh_from_db()
    return job


def _download(client, job: ReportJob):
    response = client.get(reverse("reports:job_download", args=[job.pk]))
    return response, b"".join(response.streaming_content)


def test_a_request_renders_the_document_and_keeps_its_content_hash(
    world, filing, django_capture_on_commit_callbacks, settings
):
    job = _request(
        django_capture_on_commit_callbacks,
        kind="project_table",
        target=_target(world, filing),
        by=world.filer_a1,
    )

    assert (job.state, job.progress, job.attempts) == (S.DONE, 100, 1)
    assert len(job.content_hash) == 64 and job.started_at and job.finished_at
    assert job.file_name == f"2023年度项目支出绩效自评表-{world.project_a1.name}.pdf"
    assert job.file.path.startswith(str(settings.REPORTS_ROOT))
    with job.file.open("rb") as handle:
        assert world.project_a1.name in helpers.pdf_pages(handle.read())[0]


def test_an_unchanged_document_is_not_rendered_again(
    world, filing, renders, django_capture_on_commit_callbacks
):
    target = _target(world, filing)
    first = _request(
        django_capture_on_commit_callbacks, kind="project_table", target=target, by=world.filer_a1
    )
    again = _request(
        django_capture_on_commit_callbacks,
        kind="project_table",
        target=target,
        by=world.reviewer_a,
    )
    assert again.pk == first.pk and renders.count == 1

    helpers.evaluate(world.project_a1, world.filer_a1, goal_actual="全年接待来访群众800件次。")
    changed = _request(
        django_capture_on_commit_callbacks, kind="project_table", target=target, by=world.filer_a1
    )

    assert changed.pk != first.pk and changed.content_hash != first.content_hash
    assert renders.count == 2


def test_rendering_a_finished_job_again_does_nothing(
    world, filing, renders, django_capture_on_commit_callbacks
):
    job = _request(
        django_capture_on_commit_callbacks,
        kind="project_table",
        target=_target(world, filing),
        by=world.filer_a1,
    )

    report_render(job_id=job.pk)
    report_render(job_id=job.pk)

    job.refresh_from_db()
    assert (job.state, job.attempts, renders.count) == (S.DONE, 1, 1)


def test_a_second_delivery_leaves_a_job_a_live_worker_renders_alone(world, filing, renders):
    job = ReportJob.objects.create(
        kind="project_table",
        bureau=world.bureau_a,
        fiscal_year=world.year_a,
        department=world.dept_a1,
        filing=filing,
        state=S.RUNNING,
        worker_id="celery@a:1",
        attempts=1,
        heartbeat_at=timezone.now(),
    )

    report_render(job_id=job.pk, worker_id="celery@b:2")

    job.refresh_from_db()
    assert (job.state, job.worker_id, renders.count) == (S.RUNNING, "celery@a:1", 0)


def test_a_job_for_a_deleted_row_is_ignored(db):
    assert report_render(job_id=987654) is None


def test_a_failed_job_shows_its_error_and_can_be_tried_again(
    world, filing, renders, django_capture_on_commit_callbacks
):
    renders.fail_with = RuntimeError("排版失败")
    job = _request(
        django_capture_on_commit_callbacks,
        kind="project_table",
        target=_target(world, filing),
        by=world.filer_a1,
    )
    assert job.state == S.FAILED and "排版失败" in job.error and not job.file

    renders.fail_with = None
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(job=job, by=world.filer_a1)

    job.refresh_from_db()
    assert (job.state, job.error, job.attempts) == (S.DONE, "", 1)
    with pytest.raises(ApplicationError):
        report_retry(job=job, by=world.filer_a1)


def _running(world, filing, *, attempts: int, silent_for: timedelta) -> ReportJob:
    return ReportJob.objects.create(
        kind="project_table",
        bureau=world.bureau_a,
        fiscal_year=world.year_a,
        department=world.dept_a1,
        filing=filing,
        state=S.RUNNING,
        worker_id="celery@dead:1",
        attempts=attempts,
        started_at=timezone.now() - silent_for,
        heartbeat_at=timezone.now() - silent_for,
    )


def test_a_job_whose_worker_died_is_queued_again_and_then_rendered(
    world, filing, django_capture_on_commit_callbacks
):
    job = _running(world, filing, attempts=1, silent_for=timedelta(minutes=10))
    alive = _running(world, filing, attempts=1, silent_for=timedelta(seconds=5))

    with django_capture_on_commit_callbacks() as queued:
        recovered = reports_recover_stale(older_than=timedelta(minutes=5))

    assert [j.pk for j in recovered] == [job.pk]
    job.refresh_from_db()
    assert job.state == S.QUEUED and job.worker_id == ""
    alive.refresh_from_db()
    assert alive.state == S.RUNNING
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (S.DONE, 2)


def test_a_job_whose_worker_died_three_times_fails_with_a_message(world, filing):
    job = _running(world, filing, attempts=services.MAX_ATTEMPTS, silent_for=timedelta(hours=1))

    reports_recover_stale(older_than=timedelta(minutes=5))

    job.refresh_from_db()
    assert job.state == S.FAILED and job.finished_at is not None
    assert "3" in job.error


def test_polling_the_page_of_a_dead_workers_job_recovers_it(client, world, filing, settings):
    settings.REPORTS_STALE_AFTER_SECONDS = 60
    job = _running(world, filing, attempts=services.MAX_ATTEMPTS, silent_for=timedelta(minutes=2))
    client.force_login(world.filer_a1)

    status = client.get(reverse("reports:job_status", args=[job.pk])).json()

    assert status["state"] == "failed" and status["error"]


def test_a_filer_asks_for_the_table_follows_the_job_and_downloads_the_pdf(
    client, world, filing, django_capture_on_commit_callbacks
):
    client.force_login(world.filer_a1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:project_pdf", args=[world.project_a1.pk]))

    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job_detail", args=[job.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'role="progressbar"' in page.content and b"js/reports.js" in page.content
    assert reverse("reports:job_download", args=[job.pk]).encode() in page.content
    status = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert status["state"] == "done" and status["progress"] == 100
    download, data = _download(client, job)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert "2023年度项目支出绩效自评表" in unquote(download["Content-Disposition"])
    assert data.startswith(b"%PDF")
    assert world.project_a1.name in helpers.pdf_pages(data)[0]


def test_asking_by_get_is_refused_after_the_permission_check(client, world, filing):
    client.force_login(world.filer_a1)
    assert client.get(reverse("reports:project_pdf", args=[world.project_a1.pk])).status_code == 405
    client.force_login(world.filer_b1)
    assert client.get(reverse("reports:project_pdf", args=[world.project_a1.pk])).status_code == 403
    assert not ReportJob.objects.exists()


def test_a_project_without_a_self_evaluation_has_no_table(client, world):
    client.force_login(world.filer_a2)
    response = client.post(reverse("reports:project_pdf", args=[world.project_a2.pk]))
    assert response.status_code == 404


def test_outsiders_can_neither_ask_nor_follow_nor_download(
    client, world, filing, django_capture_on_commit_callbacks
):
    job = _request(
        django_capture_on_commit_callbacks,
        kind="project_table",
        target=_target(world, filing),
        by=world.filer_a1,
    )
    year = world.year_a.pk
    for user in (world.filer_a2, world.filer_b1, world.reviewer_b):
        client.force_login(user)
        for name in ("job_detail", "job_status", "job_download"):
            assert client.get(reverse(f"reports:{name}", args=[job.pk])).status_code == 403
        assert client.post(reverse("reports:job_retry", args=[job.pk])).status_code == 403
        url = reverse("reports:department_bundle", args=[world.dept_a1.pk])
        assert client.post(url).status_code == 403
    for user in (world.filer_a1, world.head_a1, world.reviewer_b):
        client.force_login(user)
        assert client.post(reverse("reports:year_summary", args=[year])).status_code == 403
        assert client.post(reverse("reports:year_batch", args=[year])).status_code == 403
    assert ReportJob.objects.count() == 1


def test_a_bundle_is_asked_for_a_year_of_the_departments_bureau_only(client, world):
    client.force_login(world.reviewer_a)
    url = reverse("reports:department_bundle", args=[world.dept_a1.pk])
    assert client.post(url, {"fiscal_year": world.year_b.pk}).status_code == 404


def test_the_year_batch_zips_a_folder_per_department_with_progress_per_document(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    draft_project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    helpers.evaluate(draft_project, world.filer_a1)
    for project, filer in ((world.project_a1, world.filer_a1), (world.project_a2, world.filer_a2)):
        helpers.approve(helpers.evaluate(project, filer), filer, world.reviewer_a)
    helpers.approve(
        helpers.evaluate(world.project_b1, world.filer_b1), world.filer_b1, world.reviewer_b
    )
    seen: list[tuple[int, int]] = []
    real_progress = services._JobProgress.__call__

    def recording(self, done, total, message=""):
        seen.append((done, total))
        real_progress(self, done, total, message)

    monkeypatch.setattr(services._JobProgress, "__call__", recording)
    client.force_login(world.reviewer_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:year_batch", args=[world.year_a.pk]))

    job = ReportJob.objects.get(kind="year_batch")
    assert job.state == S.DONE, job.error
    response, data = _download(client, job)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    a1 = f"{world.dept_a1.budget_code}{world.dept_a1.name}"
    a2 = f"{world.dept_a2.budget_code}{world.dept_a2.name}"
    assert sorted(archive.namelist()) == sorted(
        [
            "2023年度项目支出绩效自评结果汇总表-甲县财政局.pdf",
            f"{a1}/2023年度绩效自评材料-{a1}.pdf",
            f"{a1}/2023年度项目支出绩效自评表-{world.project_a1.name}.pdf",
            f"{a2}/2023年度绩效自评材料-{a2}.pdf",
            f"{a2}/2023年度项目支出绩效自评表-{world.project_a2.name}.pdf",
        ]
    )
    bundle = "\n".join(helpers.pdf_pages(archive.read(f"{a1}/2023年度绩效自评材料-{a1}.pdf")))
    assert world.project_a1.name in bundle and draft_project.name not in bundle
    assert "草稿" not in bundle
    # One step per document (summary, then a bundle and a table per department), in order.
    batch_steps = [done for done, total in seen if total == 5]
    assert batch_steps == [0, 1, 2, 3, 4, 5]


def test_a_failed_summary_shows_its_error_on_its_page_and_is_retried_from_there(
    client, world, filing, renders, django_capture_on_commit_callbacks
):
    renders.fail_with = RuntimeError("字体缺失")
    client.force_login(world.reviewer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:year_summary", args=[world.year_a.pk]))
    job = ReportJob.objects.get(kind="bureau_summary")

    page = client.get(response["Location"]).content.decode()
    assert "字体缺失" in page
    assert reverse("reports:job_retry", args=[job.pk]) in page
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404

    renders.fail_with = None
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("reports:job_retry", args=[job.pk]))

    assert retried["Location"] == reverse("reports:job_detail", args=[job.pk])
    status = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert status["state"] == "done"
    _response, data = _download(client, job)
    assert "项目支出绩效自评结果汇总表" in helpers.pdf_pages(data)[0]

"""Without a broker (the default install), a job renders in a thread and its page shows progress."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from tests.reports import helpers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_thread(settings):
    if connection.vendor == "sqlite":
        # SQLite's shared in-memory test database locks whole tables between threads.
        pytest.skip("needs a database that two threads can write to: run on PostgreSQL")
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORTS_EAGER_IN_THREAD = True
    settings.REPORTS_TEST_DELAY_SECONDS = 0.3


def test_without_a_broker_the_batch_renders_beside_the_request_with_visible_progress(
    client, world, in_thread
):
    for project, filer in ((world.project_a1, world.filer_a1), (world.project_a2, world.filer_a2)):
        helpers.approve(helpers.evaluate(project, filer), filer, world.reviewer_a)
    client.force_login(world.reviewer_a)

    started = time.monotonic()
    response = client.post(reverse("reports:year_batch", args=[world.year_a.pk]))
    answered = time.monotonic() - started

    status_url = response["Location"].rstrip("/") + "/status/"
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(status_url).json()
        seen.append(status["progress"])
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert status["state"] == "done", status["error"]
    # The request did not wait for the render (five documents, each slowed down by 0.3 s).
    assert answered < 1.5
    assert any(0 < progress < 100 for progress in seen) and seen == sorted(seen)


def test_a_long_layout_keeps_beating_so_its_live_worker_is_not_taken_for_dead(
    client, world, in_thread, settings, monkeypatch
):
    from apps.reports import pdf
    from apps.reports.models import ReportJob
    from apps.reports.services import reports_recover_stale

    settings.REPORTS_STALE_AFTER_SECONDS = 2  # a beat every second
    settings.REPORTS_TEST_DELAY_SECONDS = 0
    real = pdf.render_pdf

    def slow(html: str, **options) -> pdf.RenderedPdf:
        time.sleep(4)  # one layout, no progress in between
        return real(html, **options)

    monkeypatch.setattr(pdf, "render_pdf", slow)
    helpers.evaluate(world.project_a1, world.filer_a1)
    client.force_login(world.filer_a1)
    client.post(reverse("reports:project_pdf", args=[world.project_a1.pk]))
    job = ReportJob.objects.get()

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        reports_recover_stale(older_than=timedelta(seconds=2))
        job.refresh_from_db()
        if job.state in ("done", "failed"):
            break
        assert job.state in ("queued", "running")
        time.sleep(0.3)

    assert (job.state, job.attempts) == ("done", 1)

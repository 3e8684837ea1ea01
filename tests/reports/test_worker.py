"""A real Celery worker on the local Redis renders reports; one killed mid-job is recovered.

CI sets CELERY_BROKER_URL (redis://127.0.0.1:6379/15) and DATABASE_URL (PostgreSQL): the worker
is a separate process and reads the test database the test commits to. Skipped when Redis is
not reachable, or when the test database lives in this process's memory (SQLite).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from apps.reports.models import ReportJob
from apps.reports.services import reports_recover_stale
from config.celery import app as celery_app
from tests import factories
from tests.reports import helpers

BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
QUEUE = f"jixiao-test-reports-{os.getpid()}"
S = ReportJob.State


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except Exception:
        return False


pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not _redis_reachable(), reason=f"Redis is not reachable at {BROKER}"),
]


def _shared_database_url() -> str | None:
    """A DATABASE_URL naming the test database, for the worker; None when it cannot share it."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.postgresql":
        auth = quote(db["USER"] or "")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"])
        return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    name = str(db["NAME"])
    if db["ENGINE"] == "django.db.backends.sqlite3" and "memory" not in name:
        return f"sqlite:///{name}"
    return None


Worker = Callable[..., subprocess.Popen]


@pytest.fixture
def worker(settings, tmp_path) -> Iterator[Worker]:
    """Starts `celery -A config worker` processes on a queue of this run; kills them after."""
    database_url = _shared_database_url()
    if database_url is None:
        pytest.skip("the test database is in memory: run with DATABASE_URL on PostgreSQL")
    settings.REPORTS_ROOT = str(tmp_path / "reports")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REPORTS_CELERY_QUEUE = QUEUE
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.broker_url = BROKER
    celery_app.conf.task_always_eager = False
    started: list[subprocess.Popen] = []

    def start(*, delay: float = 0) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": BROKER,
            "CELERY_RESULT_BACKEND": "",
            "REPORTS_ROOT": settings.REPORTS_ROOT,
            "REPORTS_TEST_DELAY_SECONDS": str(delay),
        }
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--queues",
                QUEUE,
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            _kill(process)
        _forget_queue()
        for key, value in saved.items():
            celery_app.conf[key] = value


def _forget_queue() -> None:
    """Leave nothing of this run's queue in Redis: messages, bindings, unacknowledged ones."""
    import redis

    client = redis.Redis.from_url(BROKER)
    client.delete(QUEUE, f"_kombu.binding.{QUEUE}", f"_kombu.binding_permanent.{QUEUE}")
    # A killed worker's message waits in "unacked" to be restored to its queue an hour later.
    for tag, payload in client.hgetall("unacked").items():
        if QUEUE.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_for(job: ReportJob, states: set[str], timeout: float, tmp_path: Path) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.2)
    logs = "\n".join(p.read_text(errors="replace")[-3000:] for p in tmp_path.glob("worker-*.log"))
    raise AssertionError(f"job {job.pk} is {job.state}, not {states}; worker said:\n{logs}")


def _department_with_projects(world, count: int) -> None:
    for _ in range(count - 1):
        factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    for project in world.dept_a1.projects.all():
        helpers.evaluate(project, world.filer_a1)


def test_a_real_worker_renders_a_bundle_that_downloads_through_the_view(
    client, world, worker, tmp_path
):
    _department_with_projects(world, 2)
    worker()
    client.force_login(world.filer_a1)

    response = client.post(reverse("reports:department_bundle", args=[world.dept_a1.pk]))

    assert response.status_code == 302
    job = _wait_for(ReportJob.objects.get(), {S.DONE, S.FAILED}, timeout=120, tmp_path=tmp_path)
    assert job.state == S.DONE, job.error
    assert job.worker_id.startswith("test-")
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    text = "\n".join(helpers.pdf_pages(data))
    assert "预算编码" in text and world.dept_a1.name in text
    for project in world.dept_a1.projects.all():
        assert project.name in text


def test_the_year_batch_shows_its_progress_while_a_real_worker_builds_it(
    client, world, worker, tmp_path
):
    for project, filer in ((world.project_a1, world.filer_a1), (world.project_a2, world.filer_a2)):
        helpers.approve(helpers.evaluate(project, filer), filer, world.reviewer_a)
    worker(delay=0.5)
    client.force_login(world.reviewer_a)

    client.post(reverse("reports:year_batch", args=[world.year_a.pk]))

    job = ReportJob.objects.get(kind="year_batch")
    status_url = reverse("reports:job_status", args=[job.pk])
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(status_url).json()
        seen.append(status["progress"])
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.25)
    assert status["state"] == "done", status["error"]
    assert any(0 < progress < 100 for progress in seen), seen
    assert seen == sorted(seen)


def test_a_job_whose_worker_is_killed_is_queued_again_and_a_new_worker_finishes_it(
    client, world, worker, tmp_path
):
    _department_with_projects(world, 2)
    first = worker(delay=3)
    client.force_login(world.filer_a1)
    client.post(reverse("reports:department_bundle", args=[world.dept_a1.pk]))
    job = _wait_for(ReportJob.objects.get(), {S.RUNNING}, timeout=60, tmp_path=tmp_path)

    _kill(first)
    time.sleep(1.5)
    job.refresh_from_db()
    assert job.state == S.RUNNING  # nobody else knows the worker died
    reports_recover_stale(older_than=timedelta(seconds=1))

    job.refresh_from_db()
    assert job.state in (S.QUEUED, S.FAILED)
    assert job.state == S.QUEUED and job.attempts == 1
    worker(delay=0)
    job = _wait_for(job, {S.DONE, S.FAILED}, timeout=120, tmp_path=tmp_path)
    assert job.state == S.DONE and job.attempts == 2

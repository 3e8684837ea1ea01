"""Redis (the Celery broker) unreachable: work goes on, notices are kept, email waits for it."""

import io
import socket
import time
from collections.abc import Iterator

import kombu.pools
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.notifications.models import Notification
from apps.notifications.tasks import notify_filing_event_task, send_pending_emails_task
from config.celery import app as celery_app


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fresh_pools() -> None:
    """Close every kombu connection and producer pool, Celery's and kombu's shared ones."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = celery_app.amqp._producer_pool = None
    kombu.pools.reset()


@pytest.fixture
def broker_down(settings, monkeypatch) -> Iterator[str]:
    """Celery sends to a broker on a port nobody listens on; restored afterwards."""
    port = _closed_port()
    url = f"redis://127.0.0.1:{port}/0"
    keys = ("broker_url", "task_always_eager", "broker_connection_timeout")
    # Read before the settings change: Celery loads them from Django's on first use.
    saved = {key: celery_app.conf[key] for key in keys}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _fresh_pools()
    celery_app.conf.broker_url = url
    # Celery reads the broker from the environment before its configuration (CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_connection_timeout = 0.5
    try:
        yield str(port)
    finally:
        # Pools made for the closed port are dropped: later tests connect afresh to the
        # broker they are configured with (the local Redis in CI).
        _fresh_pools()
        for key, value in saved.items():
            celery_app.conf[key] = value
        settings.CELERY_TASK_ALWAYS_EAGER = True


def test_with_the_broker_down_a_submission_succeeds_fast_with_its_notices_and_email_pending(
    with_emails, filing, act, broker_down
):
    started = time.monotonic()
    act(filing, Action.SUBMIT, with_emails.filer_a1)
    took = time.monotonic() - started

    assert took < 3, f"the submission waited {took:.1f}s for the broker"
    assert Filing.objects.get(pk=filing.pk).status == Filing.Status.SUBMITTED
    notice = Notification.objects.get(filing=filing)
    assert notice.recipient == with_emails.reviewer_a
    assert notice.email_pending and notice.emailed_at is None
    assert mail.outbox == []


def test_when_the_broker_is_back_the_sweep_sends_the_pending_email_once(
    with_emails, filing, act, broker_down
):
    act(filing, Action.SUBMIT, with_emails.filer_a1)
    celery_app.conf.task_always_eager = True  # the broker is back: tasks run

    send_pending_emails_task.delay()
    send_pending_emails_task.delay()

    assert [message.to for message in mail.outbox] == [[with_emails.reviewer_a.email]]
    notice = Notification.objects.get(filing=filing)
    assert not notice.email_pending and notice.emailed_at is not None


def test_the_notices_of_a_transition_commit_or_roll_back_with_it(with_emails, filing, act):
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        filing_transition(filing=filing, action=Action.SUBMIT, by=with_emails.filer_a1)
        assert Notification.objects.filter(filing=filing).count() == 1
        raise Refused  # whatever undoes the transition undoes its notices

    assert not Notification.objects.exists()
    act(filing, Action.SUBMIT, with_emails.filer_a1)
    assert Notification.objects.filter(filing=filing).count() == 1


def test_the_email_task_is_retried_with_backoff_and_acknowledged_after_it_ran():
    for task in (notify_filing_event_task, send_pending_emails_task):
        assert task.acks_late is True, task.name
        assert task.autoretry_for, task.name
        assert task.retry_backoff, task.name


def test_the_report_page_says_jobs_are_paused_without_the_brokers_address(
    world, client, broker_down, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tests.project_evaluations.builders import valid_filing

    settings.REPORTS_ROOT = str(tmp_path / "reports")
    settings.REPORTS_CELERY_QUEUE = None
    valid_filing(world.project_a1)
    client.force_login(world.filer_a1)

    with django_capture_on_commit_callbacks(execute=True):  # the job is queued on commit
        asked = client.post(f"/reports/projects/{world.project_a1.pk}/pdf/")
    response = client.get(asked["Location"])

    page = response.content.decode()
    assert response.status_code == 200
    assert "报表任务暂停" in page
    assert broker_down not in page and "127.0.0.1" not in page and "redis" not in page.lower()


def test_celery_beat_sweeps_the_email_outbox_every_few_minutes(settings):
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == send_pending_emails_task.name
    )
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] <= 600


def test_the_cron_command_sends_email_left_pending_where_beat_does_not_run(
    with_emails, filing, act, broker_down
):
    act(filing, Action.SUBMIT, with_emails.filer_a1)
    assert mail.outbox == []

    call_command("send_filing_reminders", stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [[with_emails.reviewer_a.email]]

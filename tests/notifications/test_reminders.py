"""Deadline reminders: on the bureau's day and on the last day, to filers with work left, once."""

import datetime
from io import StringIO

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import DepartmentMembership
from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.notifications.models import Notification
from apps.notifications.services import filing_reminders_send, reminder_due
from apps.notifications.tasks import send_filing_reminders_task
from config.celery import app
from tests import factories
from tests.project_evaluations.builders import valid_filing

TODAY = datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("days_left", "due"),
    [(8, False), (7, True), (6, False), (3, False), (1, False), (0, True), (-1, False)],
)
def test_reminder_is_due_on_the_bureaus_day_and_on_the_last_day(days_left, due):
    closes = TODAY + datetime.timedelta(days=days_left)
    assert reminder_due(closes=closes, reminder_days=7, today=TODAY) is due


@pytest.fixture
def closing(with_emails):
    """Bureau A's window closes 7 days after TODAY (its reminder day); bureau B's in 20."""
    world = with_emails
    FiscalYear.objects.filter(pk=world.year_a.pk).update(
        filing_opens=TODAY - datetime.timedelta(days=30),
        filing_closes=TODAY + datetime.timedelta(days=7),
    )
    FiscalYear.objects.filter(pk=world.year_b.pk).update(
        filing_opens=TODAY - datetime.timedelta(days=30),
        filing_closes=TODAY + datetime.timedelta(days=20),
    )
    world.bureau_a.refresh_from_db()
    assert world.bureau_a.reminder_days == 7
    return world


def _reminded() -> set:
    return {n.recipient for n in Notification.objects.filter(kind=Notification.Kind.REMINDER)}


def test_filers_of_departments_with_work_left_are_reminded_on_the_day(closing):
    world = closing
    # A2's only project is submitted: nothing left to do there.
    done = valid_filing(world.project_a2)
    Filing.objects.filter(pk=done.pk).update(status=Filing.Status.SUBMITTED)

    created = filing_reminders_send(today=TODAY)

    # A1's project is not started; bureau B is not on its reminder day; heads file nothing.
    assert created == 1
    assert _reminded() == {world.filer_a1}
    reminder = Notification.objects.get()
    assert reminder.fiscal_year == world.year_a
    assert reminder.reminder_date == TODAY
    assert reminder.link == "/home/"
    assert "甲县信访局：1项待填报提交" in reminder.body
    assert "2024年3月8日" in reminder.title
    assert [m.to for m in mail.outbox] == [[world.filer_a1.email]]
    assert mail.outbox[0].subject.startswith("【绩效自评】提醒")


@pytest.mark.parametrize("status", [Filing.Status.DRAFT, Filing.Status.RETURNED])
def test_a_draft_or_returned_filing_is_work_left(closing, status):
    world = closing
    for project in (world.project_a1, world.project_a2):
        filing = valid_filing(project)
        Filing.objects.filter(pk=filing.pk).update(
            status=status if project == world.project_a2 else Filing.Status.APPROVED
        )

    filing_reminders_send(today=TODAY)

    assert _reminded() == {world.filer_a2}


def test_a_filer_of_two_departments_gets_one_reminder_naming_both(closing):
    world = closing
    both = factories.filer_of(world.dept_a1, email="both@example.cn")
    DepartmentMembership.objects.create(
        user=both, department=world.dept_a2, role=DepartmentMembership.Role.FILER
    )

    filing_reminders_send(today=TODAY)

    reminder = Notification.objects.get(recipient=both)
    assert "甲县信访局" in reminder.body and "甲县司法局" in reminder.body
    assert [m.to for m in mail.outbox].count(["both@example.cn"]) == 1


def test_reminders_go_again_on_the_last_day_but_not_in_between(closing):
    world = closing

    assert filing_reminders_send(today=TODAY) == 2
    assert filing_reminders_send(today=TODAY + datetime.timedelta(days=3)) == 0
    assert filing_reminders_send(today=TODAY + datetime.timedelta(days=7)) == 2

    last = Notification.objects.filter(reminder_date=TODAY + datetime.timedelta(days=7))
    assert {n.recipient for n in last} == {world.filer_a1, world.filer_a2}
    assert all("今天" in n.body for n in last)
    assert len(mail.outbox) == 4


def test_reminders_are_sent_once_a_day(closing):
    assert filing_reminders_send(today=TODAY) == 2
    assert filing_reminders_send(today=TODAY) == 0

    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("status", [FiscalYear.Status.CLOSED, FiscalYear.Status.PREPARING])
def test_a_year_not_open_gets_no_reminder(closing, status):
    FiscalYear.objects.filter(pk=closing.year_a.pk).update(status=status)

    assert filing_reminders_send(today=TODAY) == 0


def test_a_window_not_yet_open_gets_no_reminder(closing):
    FiscalYear.objects.filter(pk=closing.year_a.pk).update(
        filing_opens=TODAY + datetime.timedelta(days=1)
    )

    assert filing_reminders_send(today=TODAY) == 0


def test_the_bureau_chooses_its_reminder_day(closing):
    closing.bureau_b.reminder_days = 20
    closing.bureau_b.save()

    filing_reminders_send(today=TODAY)

    assert _reminded() == {closing.filer_a1, closing.filer_a2, closing.filer_b1}


def test_the_command_sends_the_reminders_for_cron(closing):
    out = StringIO()

    call_command("send_filing_reminders", "--date", TODAY.isoformat(), stdout=out)

    assert "2" in out.getvalue()
    assert _reminded() == {closing.filer_a1, closing.filer_a2}


def test_the_command_uses_today_by_default(with_emails):
    out = StringIO()
    call_command("send_filing_reminders", stdout=out)
    # The world's windows close in 20 days: not a reminder day.
    assert out.getvalue().startswith("0 ")


def test_the_task_sends_todays_reminders(with_emails):
    today = timezone.localdate()
    FiscalYear.objects.filter(pk=with_emails.year_a.pk).update(filing_closes=today)

    assert send_filing_reminders_task.delay().get() == 2


def test_celery_beat_runs_the_reminders_daily_at_eight_shanghai_time():
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == send_filing_reminders_task.name
    )
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=8, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"

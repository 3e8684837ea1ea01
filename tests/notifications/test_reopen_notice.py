"""A reopening tells the filers why and until when; a withdrawal tells whoever was to act."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from apps.filings.models import Filing, FilingEvent
from apps.filings.workflow import Action
from apps.notifications.models import Notification
from apps.reviews.models import ReviewerAssignment
from tests import factories

REASON = "补报项目支出绩效自评，补充满意度调查佐证材料。"


def _close_window(year) -> None:
    today = timezone.localdate()
    year.filing_opens = today - datetime.timedelta(days=60)
    year.filing_closes = today - datetime.timedelta(days=1)
    year.save()


def _chinese_date(day: datetime.date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(day, "DATE_FORMAT")


def test_reopen_tells_the_departments_filers_the_reason_and_the_deadline(with_emails, filing, act):
    world = with_emails
    second_filer = factories.filer_of(world.dept_a1, email="second@example.cn")
    _close_window(world.year_a)
    deadline = timezone.localdate() + datetime.timedelta(days=14)  # the default after the close

    act(filing, Action.REOPEN, world.admin_a, reason=REASON)

    reopened = Notification.objects.filter(kind=Notification.Kind.REOPENED)
    assert {n.recipient for n in reopened} == {world.filer_a1, second_filer}
    assert Notification.objects.exclude(kind=Notification.Kind.REOPENED).count() == 0
    for notification in reopened:
        assert REASON in notification.body
        assert _chinese_date(deadline) in notification.body
        assert _chinese_date(deadline) in notification.title
        assert notification.event == FilingEvent.objects.get(filing=filing, action="reopen")
        assert notification.link == f"/filings/{filing.pk}/"
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        [world.filer_a1.email, "second@example.cn"]
    )
    assert all(REASON in m.body and _chinese_date(deadline) in m.body for m in mail.outbox)


def test_the_notice_is_in_the_sites_language_when_the_admin_browses_in_english(
    with_emails, filing, act
):
    world = with_emails
    _close_window(world.year_a)

    with translation.override("en"):
        act(filing, Action.REOPEN, world.admin_a, reason=REASON)

    notification = Notification.objects.get(recipient=world.filer_a1)
    deadline = Filing.objects.get(pk=filing.pk).reopened_until
    assert "年" in _chinese_date(deadline) and _chinese_date(deadline) in notification.body
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Self-evaluation reopened: %(filing)s, open until %(deadline)s")
    assert notification.title == title % {
        "filing": world.project_a1.name,
        "deadline": _chinese_date(deadline),
    }
    assert mail.outbox[0].subject.startswith("【绩效自评】")


def test_the_bureau_gives_the_deadline_through_the_reopen_form(
    client, with_emails, filing, django_capture_on_commit_callbacks
):
    world = with_emails
    _close_window(world.year_a)
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    client.force_login(world.admin_a)
    page = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    assert 'name="reopened_until"' in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("filings:transition", args=[filing.pk]),
            {"action": "reopen", "reason": REASON, "reopened_until": deadline.isoformat()},
        )

    reopened = Filing.objects.get(pk=filing.pk)
    assert reopened.status == Filing.Status.RETURNED and reopened.reopened_until == deadline
    assert FilingEvent.objects.get(filing=filing, action="reopen").reopened_until == deadline
    notice = Notification.objects.get(recipient=world.filer_a1)
    assert _chinese_date(deadline) in notice.body and REASON in notice.body


@pytest.mark.parametrize("given", ["2000-01-01", "not a date"])
def test_a_deadline_already_past_or_unreadable_is_refused_and_tells_nobody(
    client, with_emails, filing, given
):
    world = with_emails
    client.force_login(world.admin_a)

    response = client.post(
        reverse("filings:transition", args=[filing.pk]),
        {"action": "reopen", "reason": REASON, "reopened_until": given},
    )

    assert response.status_code == 302
    assert Filing.objects.get(pk=filing.pk).status == Filing.Status.DRAFT
    assert not Notification.objects.exists()


def test_without_a_date_the_reopening_lasts_to_the_windows_close_while_it_is_ahead(world, act):
    from tests.project_evaluations.builders import valid_filing

    filing = valid_filing(world.project_a1)

    act(filing, Action.REOPEN, world.admin_a, reason=REASON)

    assert Filing.objects.get(pk=filing.pk).reopened_until == world.year_a.filing_closes


def test_a_reviewer_may_not_reopen_and_nobody_is_told(client, with_emails, filing):
    world = with_emails
    _close_window(world.year_a)
    client.force_login(world.reviewer_a)

    client.post(
        reverse("filings:transition", args=[filing.pk]), {"action": "reopen", "reason": "补"}
    )

    assert Filing.objects.get(pk=filing.pk).reopened_until is None
    assert not Notification.objects.exists()


def test_a_withdrawal_tells_the_assigned_reviewer(with_emails, filing, act):
    world = with_emails
    assigned = factories.reviewer_of(world.bureau_a, email="assigned@example.cn")
    ReviewerAssignment.objects.create(filing=filing, reviewer=assigned, assigned_by=world.admin_a)
    act(filing, Action.SUBMIT, world.filer_a1)
    mail.outbox.clear()

    act(filing, Action.WITHDRAW, world.filer_a1)

    withdrawn = Notification.objects.get(kind=Notification.Kind.WITHDRAWN)
    assert withdrawn.recipient == assigned
    assert world.project_a1.name in withdrawn.title
    assert [a for m in mail.outbox for a in m.to] == ["assigned@example.cn"]


def test_a_withdrawal_of_a_filing_assigned_to_nobody_tells_nobody(with_emails, filing, act):
    world = with_emails
    act(filing, Action.SUBMIT, world.filer_a1)
    before = Notification.objects.count()
    mail.outbox.clear()

    act(filing, Action.WITHDRAW, world.filer_a1)

    assert Notification.objects.count() == before
    assert mail.outbox == []


def test_a_withdrawal_before_the_heads_approval_tells_the_heads(with_emails, filing, act):
    world = with_emails
    world.bureau_a.requires_head_approval = True
    world.bureau_a.save()
    act(filing, Action.SUBMIT, world.filer_a1)

    act(filing, Action.WITHDRAW, world.filer_a1)

    withdrawn = Notification.objects.filter(kind=Notification.Kind.WITHDRAWN)
    assert {n.recipient for n in withdrawn} == {world.head_a1}

"""Who is told what when a filing moves: in the app and by email, in Chinese, once."""

import pytest
from django.core import mail
from django.utils import translation

from apps.filings.models import FilingEvent
from apps.filings.workflow import Action, filing_transition
from apps.notifications.models import Notification
from apps.notifications.services import filing_event_notify
from apps.notifications.tasks import notify_filing_event_task
from apps.reviews.models import ReviewerAssignment
from tests import factories


def _recipients(kind: str | None = None) -> set:
    notifications = Notification.objects.all()
    if kind:
        notifications = notifications.filter(kind=kind)
    return {n.recipient for n in notifications}


def _mailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_submit_notifies_the_bureaus_reviewers_in_app_and_by_email(with_emails, filing, act):
    world = with_emails

    act(filing, Action.SUBMIT, world.filer_a1)

    assert _recipients() == {world.reviewer_a}
    notification = Notification.objects.get()
    assert notification.kind == Notification.Kind.SUBMITTED
    assert notification.filing == filing
    assert notification.event == FilingEvent.objects.get(filing=filing, action=Action.SUBMIT)
    assert notification.link == f"/filings/{filing.pk}/"
    assert notification.read_at is None
    assert notification.emailed_at is not None
    assert _mailed_to() == [world.reviewer_a.email]
    subject = mail.outbox[0].subject
    assert subject.startswith("【绩效自评】") and "提交审核" in subject
    assert world.project_a1.name in subject
    assert "甲县信访局" in mail.outbox[0].body
    assert notification.link in mail.outbox[0].body


def test_submit_notifies_only_the_assigned_reviewers_when_there_are_any(with_emails, filing, act):
    world = with_emails
    assigned = factories.reviewer_of(world.bureau_a, email="assigned@example.cn")
    ReviewerAssignment.objects.create(filing=filing, reviewer=assigned, assigned_by=world.admin_a)

    act(filing, Action.SUBMIT, world.filer_a1)

    assert _recipients() == {assigned}
    assert _mailed_to() == ["assigned@example.cn"]


def test_submit_to_the_head_notifies_the_heads_and_head_approval_then_the_reviewers(
    with_emails, filing, act
):
    world = with_emails
    world.bureau_a.requires_head_approval = True
    world.bureau_a.save()

    act(filing, Action.SUBMIT, world.filer_a1)

    assert _recipients() == {world.head_a1}
    assert "待您审批" in mail.outbox[0].subject
    mail.outbox.clear()

    act(filing, Action.HEAD_APPROVE, world.head_a1)

    assert _recipients() == {world.head_a1, world.reviewer_a}
    assert _mailed_to() == [world.reviewer_a.email]
    assert "提交审核" in mail.outbox[0].subject


@pytest.mark.parametrize("returned_by", ["reviewer", "head"])
def test_return_notifies_the_filers_with_the_reason(with_emails, filing, act, returned_by):
    world = with_emails
    second_filer = factories.filer_of(world.dept_a1, email="second@example.cn")
    if returned_by == "head":
        world.bureau_a.requires_head_approval = True
        world.bureau_a.save()
        act(filing, Action.SUBMIT, world.filer_a1)
        action, actor = Action.HEAD_RETURN, world.head_a1
    else:
        act(filing, Action.SUBMIT, world.filer_a1)
        action, actor = Action.RETURN, world.reviewer_a
    mail.outbox.clear()

    act(filing, action, actor, reason="满意度指标缺少调查问卷，请补充佐证材料。")

    returned = Notification.objects.filter(kind=Notification.Kind.RETURNED)
    assert {n.recipient for n in returned} == {world.filer_a1, second_filer}
    assert all("满意度指标缺少调查问卷" in n.body for n in returned)
    assert _mailed_to() == sorted([world.filer_a1.email, "second@example.cn"])
    assert all("退回修改" in message.subject for message in mail.outbox)
    assert all("请补充佐证材料" in message.body for message in mail.outbox)


def test_approve_notifies_the_departments_filers_and_heads(with_emails, filing, act):
    world = with_emails
    act(filing, Action.SUBMIT, world.filer_a1)
    act(filing, Action.START_REVIEW, world.reviewer_a)
    mail.outbox.clear()

    act(filing, Action.APPROVE, world.reviewer_a)

    assert _recipients(Notification.Kind.APPROVED) == {world.filer_a1, world.head_a1}
    assert _mailed_to() == sorted([world.filer_a1.email, world.head_a1.email])
    assert all("审核通过" in message.subject for message in mail.outbox)


def test_start_review_notifies_nobody_and_reopen_only_the_filers(with_emails, filing, act):
    world = with_emails
    act(filing, Action.SUBMIT, world.filer_a1)
    before = Notification.objects.count()

    act(filing, Action.START_REVIEW, world.reviewer_a)
    assert Notification.objects.count() == before
    act(filing, Action.REOPEN, world.admin_a, reason="补录")

    told = Notification.objects.order_by("-pk")[: Notification.objects.count() - before]
    assert {n.recipient_id for n in told} == {world.filer_a1.pk}


def test_notifications_are_chinese_when_the_actor_browses_in_english(with_emails, filing, act):
    world = with_emails

    with translation.override("en"):
        act(filing, Action.SUBMIT, world.filer_a1)

    assert "提交审核" in Notification.objects.get().title
    assert mail.outbox[0].subject.startswith("【绩效自评】")


def test_rerunning_creates_nothing_new_and_sends_no_second_email(with_emails, filing, act):
    world = with_emails
    act(filing, Action.SUBMIT, world.filer_a1)
    event = FilingEvent.objects.get(filing=filing, action=Action.SUBMIT)

    assert filing_event_notify(event_id=event.pk) == []
    assert filing_event_notify(event_id=event.pk) == []

    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_before_the_commit_the_notice_is_written_and_its_email_waits(with_emails, filing):
    # The notice is part of the transition's transaction; the email is queued on commit only
    # (here the test's transaction never commits).
    filing_transition(filing=filing, action=Action.SUBMIT, by=with_emails.filer_a1)

    notification = Notification.objects.get()
    assert notification.email_pending and notification.emailed_at is None
    assert mail.outbox == []


def test_people_without_an_email_address_are_notified_in_the_app_only(world, filing, act):
    act(filing, Action.SUBMIT, world.filer_a1)

    notification = Notification.objects.get()
    assert notification.recipient == world.reviewer_a
    assert notification.emailed_at is None
    assert mail.outbox == []


class FailingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return None

    def close(self):
        return None

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_a_failed_email_is_logged_keeps_the_notification_and_is_retried(
    with_emails, filing, act, settings, caplog
):
    world = with_emails
    settings.EMAIL_BACKEND = "tests.notifications.test_services.FailingBackend"

    act(filing, Action.SUBMIT, world.filer_a1)

    notification = Notification.objects.get()
    assert notification.recipient == world.reviewer_a
    assert notification.emailed_at is None
    assert "SMTP server unreachable" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert filing_event_notify(event_id=notification.event_id) == []

    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert _mailed_to() == [world.reviewer_a.email]


def test_the_transition_queues_one_task_with_the_events_id(with_emails, filing, act, monkeypatch):
    queued = []
    monkeypatch.setattr(
        notify_filing_event_task, "apply_async", lambda **options: queued.append(options["args"])
    )

    act(filing, Action.SUBMIT, with_emails.filer_a1)

    assert queued == [(FilingEvent.objects.get(filing=filing).pk,)]


def test_a_broker_outage_does_not_undo_the_transition(
    with_emails, filing, act, monkeypatch, caplog
):
    def refuse(**options):
        raise ConnectionRefusedError("broker unreachable")

    monkeypatch.setattr(notify_filing_event_task, "apply_async", refuse)

    act(filing, Action.SUBMIT, with_emails.filer_a1)

    filing.refresh_from_db()
    assert filing.status == "submitted"
    notification = Notification.objects.get()
    assert notification.email_pending and mail.outbox == []
    assert "waits in the outbox" in caplog.text and "ConnectionRefusedError" in caplog.text

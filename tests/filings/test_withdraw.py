"""A filer takes a submission back until its review starts; nobody else, and never later."""

import datetime
import threading

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing, FilingEvent
from apps.filings.permissions import can_edit_filing
from apps.filings.workflow import ACTION_LABELS, Action, filing_transition, page_actions
from apps.reviews.services import review_save
from tests.project_evaluations.builders import valid_filing


@pytest.fixture
def submitted(world) -> Filing:
    """Project A1's valid filing, submitted by its filer to the finance bureau."""
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    return filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)


def _post_withdraw(client, user, filing):
    client.force_login(user)
    return client.post(reverse("filings:transition", args=[filing.pk]), {"action": "withdraw"})


def _start_review(filing: Filing, reviewer) -> None:
    review_save(
        revision=filing.revisions.order_by("-number").first(),
        reviewer=reviewer,
        row_scores={},
        row_comments={},
        comment="",
    )


def _close_window(year) -> None:
    today = timezone.localdate()
    year.filing_opens = today - datetime.timedelta(days=60)
    year.filing_closes = today - datetime.timedelta(days=1)
    year.save()


def test_the_filer_withdraws_a_submission_and_may_edit_it_again(client, world, submitted):
    response = _post_withdraw(client, world.filer_a1, submitted)

    assert response.status_code == 302
    filing = Filing.objects.get(pk=submitted.pk)
    assert filing.status == Filing.Status.DRAFT
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert (event.action, event.from_status, event.to_status) == ("withdraw", "submitted", "draft")
    assert event.actor == world.filer_a1
    assert can_edit_filing(world.filer_a1, filing) == (True, "")
    history = client.get(reverse("filings:history", args=[filing.pk])).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        assert str(ACTION_LABELS[Action.WITHDRAW]) in history


def test_a_withdrawn_filing_is_submitted_again_as_a_new_revision(world, submitted):
    filing_transition(filing=submitted, action=Action.WITHDRAW, by=world.filer_a1)

    again = filing_transition(filing=submitted, action=Action.SUBMIT, by=world.filer_a1)

    assert again.status == Filing.Status.SUBMITTED
    assert list(again.revisions.values_list("number", flat=True)) == [1, 2]


def test_a_returned_filing_withdrawn_goes_back_to_returned(world, submitted):
    Filing.objects.filter(pk=submitted.pk).update(status=Filing.Status.RETURNED)
    filing_transition(filing=submitted, action=Action.SUBMIT, by=world.filer_a1)

    withdrawn = filing_transition(filing=submitted, action=Action.WITHDRAW, by=world.filer_a1)

    assert withdrawn.status == Filing.Status.RETURNED
    assert can_edit_filing(world.filer_a1, withdrawn)[0]


def test_the_filer_withdraws_while_the_department_head_has_not_approved(world):
    world.bureau_a.requires_head_approval = True
    world.bureau_a.save()
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)

    with pytest.raises(ApplicationError):
        filing_transition(filing=filing, action=Action.WITHDRAW, by=world.head_a1)
    withdrawn = filing_transition(filing=filing, action=Action.WITHDRAW, by=world.filer_a1)

    assert withdrawn.status == Filing.Status.DRAFT


@pytest.mark.parametrize("who", ["reviewer_a", "admin_a", "head_a1"])
def test_nobody_but_the_departments_filers_may_withdraw(client, world, submitted, who):
    events = FilingEvent.objects.filter(filing=submitted).count()

    response = _post_withdraw(client, getattr(world, who), submitted)

    assert response.status_code == 302  # they may see the filing; the action is refused
    refusals = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(refusals) == 1
    assert Filing.objects.get(pk=submitted.pk).status == Filing.Status.SUBMITTED
    assert FilingEvent.objects.filter(filing=submitted).count() == events


@pytest.mark.parametrize("who", ["filer_a2", "filer_b1", "reviewer_b"])
def test_another_departments_or_bureaus_people_are_refused_at_the_door(
    client, world, submitted, who
):
    response = _post_withdraw(client, getattr(world, who), submitted)

    assert response.status_code == 403
    assert Filing.objects.get(pk=submitted.pk).status == Filing.Status.SUBMITTED


def test_once_the_review_started_the_withdrawal_is_refused_and_says_why(client, world, submitted):
    _start_review(submitted, world.reviewer_a)
    events = FilingEvent.objects.filter(filing=submitted).count()

    response = _post_withdraw(client, world.filer_a1, submitted)

    refusals = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(refusals) == 1 and ("审核" in refusals[0] or "review" in refusals[0])
    assert Filing.objects.get(pk=submitted.pk).status == Filing.Status.IN_REVIEW
    assert FilingEvent.objects.filter(filing=submitted).count() == events


@pytest.mark.parametrize("status", ["in_review", "approved", "published", "draft", "returned"])
def test_no_withdrawal_outside_submitted_and_head_review(world, submitted, status):
    Filing.objects.filter(pk=submitted.pk).update(status=status)

    with pytest.raises(ApplicationError) as refusal:
        filing_transition(filing=submitted, action=Action.WITHDRAW, by=world.filer_a1)

    assert refusal.value.message
    assert Filing.objects.get(pk=submitted.pk).status == status


def test_the_guard_reads_the_locked_row_not_the_callers_stale_copy(world, submitted):
    stale = Filing.objects.get(pk=submitted.pk)
    _start_review(submitted, world.reviewer_a)  # meanwhile, the reviewer started
    assert stale.status == Filing.Status.SUBMITTED

    with pytest.raises(ApplicationError, match=r"审核|review"):
        filing_transition(filing=stale, action=Action.WITHDRAW, by=world.filer_a1)

    assert Filing.objects.get(pk=submitted.pk).status == Filing.Status.IN_REVIEW


def test_after_the_window_closed_a_submission_stands(world, submitted):
    """A withdrawn filing could not be submitted again, so the withdrawal is refused."""
    _close_window(world.year_a)

    with pytest.raises(ApplicationError):
        filing_transition(filing=submitted, action=Action.WITHDRAW, by=world.filer_a1)

    assert Filing.objects.get(pk=submitted.pk).status == Filing.Status.SUBMITTED


def test_a_reopened_filing_is_withdrawn_and_resubmitted_only_until_its_deadline(world):
    _close_window(world.year_a)
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    today = timezone.localdate()
    filing_transition(
        filing=filing, action=Action.REOPEN, by=world.admin_a, reason="补报", reopened_until=today
    )
    filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)
    filing_transition(filing=filing, action=Action.WITHDRAW, by=world.filer_a1)
    assert can_edit_filing(world.filer_a1, Filing.objects.get(pk=filing.pk))[0]

    Filing.objects.filter(pk=filing.pk).update(reopened_until=today - datetime.timedelta(days=1))

    with pytest.raises(ApplicationError, match=r"重新开放|reopen"):
        filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)
    assert not can_edit_filing(world.filer_a1, Filing.objects.get(pk=filing.pk))[0]


def test_the_page_offers_withdraw_to_the_filer_and_asks_to_confirm(client, world, submitted):
    assert [a["name"] for a in page_actions(world.filer_a1, submitted)] == ["withdraw"]
    assert "withdraw" not in [a["name"] for a in page_actions(world.reviewer_a, submitted)]
    client.force_login(world.filer_a1)

    page = client.get(reverse("filings:page", args=[submitted.pk])).content.decode()

    assert 'value="withdraw"' in page and "data-jx-confirm=" in page
    assert "js/confirm-action.js" in page


def test_the_submit_form_asks_to_confirm_and_still_posts_without_script(client, world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    client.force_login(world.filer_a1)

    page = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    button = page.index('name="action" value="submit"')
    form = page[page.rindex("<form", 0, button) : page.index("</form>", button)]

    assert 'value="submit"' in form and "data-jx-confirm=" in form
    assert "onclick" not in form and "<script" not in form
    client.post(reverse("filings:transition", args=[filing.pk]), {"action": "submit"})
    assert Filing.objects.get(pk=filing.pk).status == Filing.Status.SUBMITTED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_and_a_review_starting_at_once_one_wins(world, submitted):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")
    barrier = threading.Barrier(2, timeout=30)
    outcomes: dict[str, object] = {}

    def run(name, act) -> None:
        try:
            barrier.wait()
            act()
            outcomes[name] = "done"
        except ApplicationError as error:
            outcomes[name] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=run,
            args=(
                "withdraw",
                lambda: filing_transition(
                    filing=submitted, action=Action.WITHDRAW, by=world.filer_a1
                ),
            ),
        ),
        threading.Thread(
            target=run, args=("review", lambda: _start_review(submitted, world.reviewer_a))
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcome == "done" for outcome in outcomes.values()) == [False, True]
    status = Filing.objects.get(pk=submitted.pk).status
    assert status == ("draft" if outcomes["withdraw"] == "done" else "in_review")
    actions = list(FilingEvent.objects.filter(filing=submitted).values_list("action", flat=True))
    assert actions in (["submit", "withdraw"], ["submit", "start_review"])

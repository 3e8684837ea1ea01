"""Every (state, action, role): allowed ones succeed, the others are refused, change nothing."""

import datetime
import itertools

import pytest

from apps.core.exceptions import ApplicationError
from apps.evaluations.models import Filing, FilingEvent, FilingRevision
from apps.evaluations.workflow import filing_transition
from tests.evaluations.builders import valid_filing

STATES = ["draft", "head_review", "submitted", "in_review", "returned", "approved", "published"]
ACTIONS = [
    "submit",
    "head_approve",
    "head_return",
    "start_review",
    "return",
    "approve",
    "publish",
    "reopen",
]
ROLES = ["filer", "head", "reviewer", "admin", "other_filer", "other_reviewer"]

# Written out by hand from DESIGN §7, not read from the code under test.
ALLOWED = {
    ("draft", "submit", "filer"): "submitted",
    ("returned", "submit", "filer"): "submitted",
    ("head_review", "head_approve", "head"): "submitted",
    ("head_review", "head_return", "head"): "returned",
    ("submitted", "start_review", "reviewer"): "in_review",
    ("submitted", "start_review", "admin"): "in_review",
    ("submitted", "return", "reviewer"): "returned",
    ("submitted", "return", "admin"): "returned",
    ("in_review", "return", "reviewer"): "returned",
    ("in_review", "return", "admin"): "returned",
    ("submitted", "approve", "reviewer"): "approved",
    ("submitted", "approve", "admin"): "approved",
    ("in_review", "approve", "reviewer"): "approved",
    ("in_review", "approve", "admin"): "approved",
    ("approved", "publish", "admin"): "published",
    **{
        (state, "reopen", "admin"): "returned"
        for state in ["draft", "head_review", "submitted", "in_review", "returned", "approved"]
    },
}


def _actor(world, role):
    return {
        "filer": world.filer_a1,
        "head": world.head_a1,
        "reviewer": world.reviewer_a,
        "admin": world.admin_a,
        "other_filer": world.filer_a2,
        "other_reviewer": world.reviewer_b,
    }[role]


@pytest.mark.parametrize(("state", "action"), list(itertools.product(STATES, ACTIONS)))
def test_every_state_action_role(world, state, action):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    Filing.objects.filter(pk=filing.pk).update(status=state)
    for role in ROLES:
        Filing.objects.filter(pk=filing.pk).update(status=state)
        before_events = FilingEvent.objects.filter(filing=filing).count()
        before_revisions = FilingRevision.objects.filter(filing=filing).count()
        expected = ALLOWED.get((state, action, role))
        if expected:
            result = filing_transition(
                filing=filing, action=action, by=_actor(world, role), reason="理由"
            )
            assert result.status == expected, (state, action, role)
            event = FilingEvent.objects.filter(filing=filing).latest("id")
            assert (event.from_status, event.to_status, event.action) == (state, expected, action)
            assert event.actor == _actor(world, role) and event.reason == "理由"
        else:
            with pytest.raises(ApplicationError) as refusal:
                filing_transition(
                    filing=filing, action=action, by=_actor(world, role), reason="理由"
                )
            assert refusal.value.message, (state, action, role)
            assert Filing.objects.get(pk=filing.pk).status == state, (state, action, role)
            assert FilingEvent.objects.filter(filing=filing).count() == before_events
            assert FilingRevision.objects.filter(filing=filing).count() == before_revisions


def test_submission_freezes_a_revision_with_every_cell(world):
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    revision = FilingRevision.objects.get(filing=filing)
    assert revision.number == 1 and revision.grade == "优"
    assert "群众满意度" in revision.cells.values()
    assert revision.total_score == filing.total_score


def test_submission_with_errors_is_refused(world):
    from apps.evaluations.services import evaluation_create

    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)  # blank: errors
    with pytest.raises(ApplicationError, match=r"错误|errors"):
        filing_transition(filing=filing, action="submit", by=world.filer_a1)
    assert Filing.objects.get(pk=filing.pk).status == "draft"
    assert not FilingRevision.objects.filter(filing=filing).exists()


def test_reasons_are_required_to_return_and_reopen(world):
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    with pytest.raises(ApplicationError):
        filing_transition(filing=filing, action="return", by=world.reviewer_a, reason="  ")
    assert Filing.objects.get(pk=filing.pk).status == "submitted"


def test_head_approval_step_when_the_bureau_asks_for_it(world):
    world.bureau_a.requires_head_approval = True
    world.bureau_a.save()
    filing = valid_filing(world.project_a1)

    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    assert Filing.objects.get(pk=filing.pk).status == "head_review"
    filing_transition(filing=filing, action="head_approve", by=world.head_a1)
    assert Filing.objects.get(pk=filing.pk).status == "submitted"


def test_after_the_window_closes_only_a_reopen_lets_the_filer_submit(world):
    filing = valid_filing(world.project_a1)
    year = world.year_a
    year.filing_opens = datetime.date(2024, 1, 1)
    year.filing_closes = datetime.date(2024, 3, 31)
    year.save()

    with pytest.raises(ApplicationError, match="2024-03-31"):
        filing_transition(filing=filing, action="submit", by=world.filer_a1)
    with pytest.raises(ApplicationError):
        filing_transition(filing=filing, action="reopen", by=world.reviewer_a, reason="补报")

    filing_transition(filing=filing, action="reopen", by=world.admin_a, reason="补报")
    reopened = Filing.objects.get(pk=filing.pk)
    assert reopened.reopened and reopened.status == "returned"
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    assert Filing.objects.get(pk=filing.pk).status == "submitted"


def test_a_revision_cannot_be_changed_after_submission(world):
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    revision = FilingRevision.objects.get(filing=filing)
    revision.grade = "差"
    with pytest.raises(ValueError, match="immutable"):
        revision.save()
    assert FilingRevision.objects.get(pk=revision.pk).grade == "优"

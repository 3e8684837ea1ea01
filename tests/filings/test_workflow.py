"""Every (state, action, role): allowed ones succeed, the others are refused, change nothing."""

import datetime
import itertools

import pytest

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing, FilingEvent, FilingRevision
from apps.filings.permissions import WHO, Do, can_act
from apps.filings.workflow import (
    REVIEW_ACTIONS,
    TRANSITIONS,
    filing_review_transition,
    filing_transition,
)
from apps.reviews.models import ReviewerAssignment
from tests import factories
from tests.project_evaluations.builders import valid_filing

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
# "reviewer" is the reviewer the filing is assigned to; "unassigned_reviewer" is another
# reviewer of the same bureau.
ROLES = [
    "filer",
    "head",
    "reviewer",
    "admin",
    "other_filer",
    "other_reviewer",
    "unassigned_reviewer",
]

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
        "reviewer": world.assigned,
        "admin": world.admin_a,
        "other_filer": world.filer_a2,
        "other_reviewer": world.reviewer_b,
        "unassigned_reviewer": world.reviewer_a,
    }[role]


def _take(filing, action, by, reason="理由"):
    """The review's actions go through the review service's entry point, the others not."""
    if action in REVIEW_ACTIONS:
        return filing_review_transition(
            filing=filing, action=action, by=by, reason=reason, record=lambda locked: None
        )
    return filing_transition(filing=filing, action=action, by=by, reason=reason)


@pytest.fixture
def assigned_world(world):
    """Project A1's filing (saved, valid) assigned to a reviewer who is not reviewer_a."""
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    world.assigned = factories.reviewer_of(world.bureau_a)
    ReviewerAssignment.objects.create(filing=filing, reviewer=world.assigned)
    return world


@pytest.mark.parametrize(("state", "action"), list(itertools.product(STATES, ACTIONS)))
def test_every_state_action_role(assigned_world, state, action):
    world = assigned_world
    filing = Filing.objects.get(project=world.project_a1)
    Filing.objects.filter(pk=filing.pk).update(status=state)
    for role in ROLES:
        Filing.objects.filter(pk=filing.pk).update(status=state)
        before_events = FilingEvent.objects.filter(filing=filing).count()
        before_revisions = FilingRevision.objects.filter(filing=filing).count()
        expected = ALLOWED.get((state, action, role))
        if expected:
            result = _take(filing, action, _actor(world, role))
            assert result.status == expected, (state, action, role)
            event = FilingEvent.objects.filter(filing=filing).latest("id")
            assert (event.from_status, event.to_status, event.action) == (state, expected, action)
            assert event.actor == _actor(world, role) and event.reason == "理由"
        else:
            with pytest.raises(ApplicationError) as refusal:
                _take(filing, action, _actor(world, role))
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
    from apps.project_evaluations.services import evaluation_create

    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)  # blank: errors
    with pytest.raises(ApplicationError, match=r"错误|errors"):
        filing_transition(filing=filing, action="submit", by=world.filer_a1)
    assert Filing.objects.get(pk=filing.pk).status == "draft"
    assert not FilingRevision.objects.filter(filing=filing).exists()


def test_reasons_are_required_to_return_and_reopen(world):
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    with pytest.raises(ApplicationError):
        _take(filing, "return", world.reviewer_a, reason="  ")
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


@pytest.mark.parametrize("action", sorted(REVIEW_ACTIONS))
@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_filing_transition_refuses_the_reviews_decisions(assigned_world, action, role):
    """Start review, return and approve happen only with a Review, through the review service."""
    world = assigned_world
    filing = Filing.objects.get(project=world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    if action != "start_review":
        Filing.objects.filter(pk=filing.pk).update(status="in_review")
    before = Filing.objects.get(pk=filing.pk).status
    events = FilingEvent.objects.filter(filing=filing).count()

    with pytest.raises(ApplicationError, match=r"审核页面|review page"):
        filing_transition(filing=filing, action=action, by=_actor(world, role), reason="理由")

    assert Filing.objects.get(pk=filing.pk).status == before
    assert FilingEvent.objects.filter(filing=filing).count() == events


def test_the_review_entry_point_takes_only_the_reviews_decisions(world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    with pytest.raises(ApplicationError):
        filing_review_transition(
            filing=filing, action="submit", by=world.filer_a1, record=lambda locked: None
        )
    assert Filing.objects.get(pk=filing.pk).status == "draft"


def test_a_filing_assigned_to_nobody_is_open_to_every_reviewer_of_its_bureau(world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    assert can_act(world.reviewer_a, filing, Do.APPROVE)[0]
    assert not can_act(world.reviewer_b, filing, Do.APPROVE)[0]

    ReviewerAssignment.objects.create(filing=filing, reviewer=factories.reviewer_of(world.bureau_a))

    allowed, reason = can_act(world.reviewer_a, filing, Do.APPROVE)
    assert not allowed and reason
    assert can_act(world.admin_a, filing, Do.APPROVE)[0]


def test_every_workflow_action_has_its_people():
    assert set(TRANSITIONS) <= set(WHO)


# Written out by hand: who may do each of the page-level things to project A1's draft filing.
PAGE_ALLOWED = {
    Do.VIEW: {"filer", "head", "reviewer", "admin", "unassigned_reviewer"},
    Do.EDIT: {"filer"},
    Do.VIEW_REVIEWS: {"reviewer", "admin", "unassigned_reviewer"},
    Do.REVIEW: {"reviewer", "admin"},
    Do.ASSIGN: {"admin"},
}


@pytest.mark.parametrize("action", sorted(PAGE_ALLOWED))
def test_who_may_do_each_page_level_thing(assigned_world, action):
    world = assigned_world
    filing = Filing.objects.get(project=world.project_a1)
    for role in ROLES:
        allowed, reason = can_act(_actor(world, role), filing, action)
        assert allowed == (role in PAGE_ALLOWED[action]), (action, role)
        assert allowed or reason


def test_anonymous_may_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    filing = valid_filing(world.project_a1, by=world.filer_a1)
    for action in [Do.VIEW, *WHO]:
        assert not can_act(AnonymousUser(), filing, action)[0], action


def test_without_a_source_of_assignments_no_reviewer_acts(world, monkeypatch):
    """Fail closed: if the reviews app never registered its assignments, reviewers are refused."""
    from apps.filings import permissions

    filing = valid_filing(world.project_a1, by=world.filer_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    monkeypatch.setattr(permissions, "_assigned_reviewers", [])

    assert not can_act(world.reviewer_a, filing, Do.APPROVE)[0]
    assert can_act(world.admin_a, filing, Do.APPROVE)[0]

"""Fixtures: a valid filing, transitions whose on-commit signal runs, emails."""

from collections.abc import Callable

import pytest

from apps.filings.models import Filing
from apps.filings.workflow import REVIEW_ACTIONS, Action, filing_transition
from apps.reviews.services import review_decide, review_save
from tests.project_evaluations.builders import valid_filing


@pytest.fixture
def with_emails(world):
    """Every person of the world has an email address."""
    for name in (
        "filer_a1",
        "head_a1",
        "filer_a2",
        "filer_b1",
        "reviewer_a",
        "reviewer_b",
        "admin_a",
        "admin_b",
    ):
        user = getattr(world, name)
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return world


@pytest.fixture
def filing(world) -> Filing:
    return valid_filing(world.project_a1)


Act = Callable[..., Filing]


@pytest.fixture
def act(django_capture_on_commit_callbacks) -> Act:
    """Take an action on a filing and run what its commit schedules (the notifications)."""

    def act(filing: Filing, action: str, by, reason: str = "") -> Filing:
        with django_capture_on_commit_callbacks(execute=True):
            if action not in REVIEW_ACTIONS:
                return filing_transition(filing=filing, action=action, by=by, reason=reason)
            # The review's decisions go through the review service, which records the review.
            if action == Action.START_REVIEW:
                revision = filing.revisions.order_by("-number").first()
                review_save(
                    revision=revision, reviewer=by, row_scores={}, row_comments={}, comment=""
                )
            else:
                decision = "approve" if action == Action.APPROVE else "return"
                review_decide(filing=filing, reviewer=by, decision=decision, reason=reason)
            return Filing.objects.get(pk=filing.pk)

    return act

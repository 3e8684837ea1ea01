"""Start review, return and approve only through the review service, at every door.

A filing assigned to one reviewer is refused to the bureau's other reviewers wherever they
knock (the filer's transition URL, the review page, the queue's bulk approval, the admin) and
nothing changes; the assigned reviewer decides through the review page, the queue and the admin,
and each decision leaves a Review bound to the latest revision.
"""

import pathlib
import re

import pytest
from django.urls import reverse

from apps.filings.models import Filing, FilingEvent
from apps.reviews.models import Review, ReviewerAssignment
from tests import factories
from tests.filing_urls import project_filing_url

from .conftest import row_ids

REVIEW_ACTIONS = ("start_review", "return", "approve")


@pytest.fixture
def assigned(world, filing, second_reviewer):
    """Project A1's submitted filing is assigned to the second reviewer, not to reviewer_a."""
    ReviewerAssignment.objects.create(
        filing=filing, reviewer=second_reviewer, assigned_by=world.admin_a
    )
    return second_reviewer


def _state(filing: Filing):
    filing.refresh_from_db()
    return (
        filing.status,
        list(FilingEvent.objects.filter(filing=filing).values_list("pk", flat=True)),
        list(Review.objects.filter(filing=filing).values_list("pk", "decision", "updated_at")),
    )


def _latest_revision(filing: Filing):
    return filing.revisions.order_by("-number").first()


def _review_post(filing: Filing, op: str, comment: str = "") -> dict:
    first = next(iter(row_ids(filing).values()))
    return {
        "revision": _latest_revision(filing).pk,
        "op": op,
        "comment": comment,
        f"row-{first}-score": "25",
    }


def _assert_decided(filing: Filing, reviewer, decision: str, status: str) -> None:
    filing.refresh_from_db()
    assert filing.status == status
    review = Review.objects.get(filing=filing, reviewer=reviewer)
    assert review.revision == _latest_revision(filing)
    assert review.decision == decision and review.decided_at is not None
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert event.actor == reviewer and event.revision == review.revision


# The filer's transition URL ----------------------------------------------------------------


@pytest.mark.parametrize("action", REVIEW_ACTIONS)
def test_transition_url_refuses_an_unassigned_reviewer(client, world, filing, assigned, action):
    client.force_login(world.reviewer_a)
    before = _state(filing)

    client.post(
        project_filing_url("filings:transition", world.project_a1.pk),
        {"action": action, "reason": "越权退回"},
    )

    assert _state(filing) == before


@pytest.mark.parametrize("who", ["assigned", "admin_a"])
@pytest.mark.parametrize("action", REVIEW_ACTIONS)
def test_transition_url_never_decides_a_review(client, world, filing, assigned, who, action):
    """Decisions carry the review: even the assigned reviewer decides on the review page."""
    client.force_login(assigned if who == "assigned" else world.admin_a)
    before = _state(filing)

    response = client.post(
        project_filing_url("filings:transition", world.project_a1.pk),
        {"action": action, "reason": "请补充"},
        follow=True,
    )

    assert _state(filing) == before
    page = response.content.decode()
    assert "审核页面" in page or "review page" in page


# The review page ---------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["save", "return", "approve"])
def test_review_page_refuses_an_unassigned_reviewer(client, world, filing, assigned, op):
    client.force_login(world.reviewer_a)
    before = _state(filing)

    response = client.post(
        reverse("reviews:review", args=[filing.pk]), _review_post(filing, op, "越权")
    )

    assert response.status_code == 403
    assert _state(filing) == before


@pytest.mark.parametrize(
    ("op", "decision", "status"),
    [("return", "returned", "returned"), ("approve", "approved", "approved")],
)
def test_review_page_decides_for_the_assigned_reviewer(
    client, world, filing, assigned, op, decision, status
):
    client.force_login(assigned)

    response = client.post(
        reverse("reviews:review", args=[filing.pk]), _review_post(filing, op, "请补充佐证材料")
    )

    assert response.status_code == 302
    _assert_decided(filing, assigned, decision, status)


# The queue's bulk approval -----------------------------------------------------------------


def test_bulk_approve_refuses_an_unassigned_reviewer(client, world, filing, assigned):
    client.force_login(world.reviewer_a)
    before = _state(filing)

    client.post(reverse("reviews:bulk_approve"), {"filing": [filing.pk]})

    assert _state(filing) == before


def test_bulk_approve_records_the_assigned_reviewers_review(client, world, filing, assigned):
    client.force_login(assigned)

    client.post(reverse("reviews:bulk_approve"), {"filing": [filing.pk]})

    _assert_decided(filing, assigned, "approved", "approved")


# The admin ---------------------------------------------------------------------------------


def test_admin_approve_action_records_the_review(client, world, filing, assigned):
    client.force_login(world.admin_a)

    client.post(
        reverse("admin:filings_filing_changelist"),
        {"action": "approve_filings", "_selected_action": [filing.pk]},
    )

    _assert_decided(filing, world.admin_a, "approved", "approved")


@pytest.mark.parametrize("who", ["staff_reviewer", "admin_b"])
def test_admin_approve_action_refuses_others(client, world, filing, assigned, who):
    if who == "staff_reviewer":
        user = factories.reviewer_of(world.bureau_a)
        user.is_staff = True
        user.save()
    else:
        user = world.admin_b
    client.force_login(user)
    before = _state(filing)

    client.post(
        reverse("admin:filings_filing_changelist"),
        {"action": "approve_filings", "_selected_action": [filing.pk]},
    )

    assert _state(filing) == before


# Tasks and other callers -------------------------------------------------------------------

APPS = pathlib.Path(__file__).resolve().parents[2] / "apps"


def test_no_task_takes_a_review_decision():
    """A Celery task that decided reviews would be a door without a person to check."""
    for tasks in APPS.glob("*/tasks.py"):
        source = tasks.read_text()
        for name in ("filing_transition", "filing_review_transition", "review_decide"):
            assert name not in source, f"{tasks} calls {name}"


def test_only_the_review_service_enters_the_review_transition():
    callers = {
        path.relative_to(APPS).as_posix()
        for path in APPS.rglob("*.py")
        if "filing_review_transition(" in path.read_text()
    }
    assert callers <= {"filings/workflow.py", "reviews/services/decisions.py"}
    assert "reviews/services/decisions.py" in callers


def test_the_filing_guard_does_not_import_the_reviews_app():
    """Reviews depend on filings; the guard learns assignments through a registered source."""
    for module in ("permissions.py", "workflow.py", "admin.py"):
        source = (APPS / "filings" / module).read_text()
        assert not re.search(r"^\s*(from|import) apps\.reviews", source, re.M), module

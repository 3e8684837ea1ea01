"""Text a reviewer or a filer types outside the form tables: comments and reasons."""

import pytest
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.core.text import TEXT_MAX
from apps.filings.models import Filing, FilingEvent
from apps.filings.workflow import Action, filing_transition
from apps.reviews.models import Review, RowReview
from apps.reviews.services import review_decide, review_save

from .conftest import row_ids, row_keys, submitted_filing

CONTROL = "核实\x00数据\x07；\n第二行\t完"
CLEANED = "核实数据；\n第二行\t完"


def test_review_comments_and_return_reason_lose_control_characters(world):
    filing = submitted_filing(world)
    row = next(iter(row_keys(filing).values()))
    revision = filing.revisions.get()

    review_save(
        revision=revision,
        reviewer=world.reviewer_a,
        row_scores={},
        row_comments={row: CONTROL},
        comment=CONTROL,
    )
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason=CONTROL)

    assert RowReview.objects.get(row_key=row).comment == CLEANED
    assert Review.objects.get().comment == CLEANED
    assert FilingEvent.objects.filter(filing=filing).last().reason == CLEANED


def test_a_review_comment_longer_than_its_limit_is_refused_and_nothing_saved(world):
    filing = submitted_filing(world)
    row = next(iter(row_keys(filing).values()))

    with pytest.raises(ApplicationError, match=str(TEXT_MAX)):
        review_save(
            revision=filing.revisions.get(),
            reviewer=world.reviewer_a,
            row_scores={},
            row_comments={row: "长" * (TEXT_MAX + 1)},
            comment="",
        )
    assert not Review.objects.exists() and not RowReview.objects.exists()
    assert Filing.objects.get(pk=filing.pk).status == Filing.Status.SUBMITTED


def test_the_review_page_answers_a_too_long_comment_with_a_message(client, world):
    filing = submitted_filing(world)
    row = next(iter(row_ids(filing).values()))
    client.force_login(world.reviewer_a)

    response = client.post(
        reverse("reviews:review", args=[filing.pk]),
        {
            "revision": filing.revisions.get().pk,
            "op": "save",
            "comment": "意" * (TEXT_MAX + 1),
            f"row-{row}-comment": "好",
        },
    )

    assert response.status_code in (200, 400, 409)
    assert str(TEXT_MAX) in response.content.decode()
    assert not Review.objects.exists()


def test_transition_reasons_lose_control_characters_and_keep_to_their_length(world):
    filing = submitted_filing(world)

    with pytest.raises(ApplicationError, match=str(TEXT_MAX)):
        filing_transition(
            filing=filing, action=Action.REOPEN, by=world.admin_a, reason="因" * (TEXT_MAX + 1)
        )
    filing_transition(filing=filing, action=Action.REOPEN, by=world.admin_a, reason=CONTROL)

    assert FilingEvent.objects.filter(filing=filing).last().reason == CLEANED

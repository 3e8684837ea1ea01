"""Filing.submitted_at, review_score and review_grade follow the events and reviews they come
from, whatever writes those, and a save of a stale filing never overwrites them."""

from decimal import Decimal

from apps.filings.derived import submitted_at_refresh
from apps.filings.models import Filing, FilingEvent
from apps.filings.workflow import Action, filing_transition
from apps.reviews.derived import review_columns_refresh
from apps.reviews.models import Review
from apps.reviews.services import review_decide, review_save

from .conftest import resubmitted, row_keys, submitted_filing


def _score(filing, reviewer, points: Decimal) -> Review:
    return review_save(
        revision=filing.revisions.order_by("-number").first(),
        reviewer=reviewer,
        row_scores={row_keys(filing)["接待群众来访"]: points},
        row_comments={},
        comment="",
    )


def test_submission_stamps_submitted_at_with_its_event(world):
    filing = submitted_filing(world)
    event = FilingEvent.objects.get(filing=filing, to_status=Filing.Status.SUBMITTED)
    assert filing.submitted_at == event.created_at


def test_review_columns_follow_the_latest_revisions_reviews(world, second_reviewer):
    filing = submitted_filing(world)
    assert filing.review_score is None and filing.review_grade == ""

    review = _score(filing, world.reviewer_a, Decimal(20))
    filing.refresh_from_db()
    assert filing.review_score == review.total_score and filing.review_grade == review.grade

    # Another reviewer's later score is the one shown; a review without a score hides nothing.
    other = _score(filing, second_reviewer, Decimal(10))
    filing.refresh_from_db()
    assert filing.review_score == other.total_score != review.total_score

    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="补充")
    first_submission = Filing.objects.get(pk=filing.pk).submitted_at
    again = resubmitted(filing, row="信访事项按期办结率", actual_text="88")
    # A new revision has no review: the score given to the earlier one is not its score.
    assert again.review_score is None and again.review_grade == ""
    assert again.submitted_at > first_submission


def test_a_stale_instance_saved_later_keeps_the_derived_columns(world):
    filing = submitted_filing(world)
    stale = Filing.objects.get(pk=filing.pk)
    _score(filing, world.reviewer_a, Decimal(20))
    stamped = Filing.objects.get(pk=filing.pk)

    stale.reopened = False
    stale.save()

    kept = Filing.objects.get(pk=filing.pk)
    assert kept.review_score == stamped.review_score is not None
    assert kept.submitted_at == stamped.submitted_at is not None


def test_refresh_derives_the_same_columns_again(world):
    filing = submitted_filing(world)
    _score(filing, world.reviewer_a, Decimal(20))
    live = Filing.objects.get(pk=filing.pk)
    Filing.objects.update(submitted_at=None, review_score=None, review_grade="")

    submitted_at_refresh()
    review_columns_refresh()

    again = Filing.objects.get(pk=filing.pk)
    assert (again.submitted_at, again.review_score, again.review_grade) == (
        live.submitted_at,
        live.review_score,
        live.review_grade,
    )


def test_a_withdrawn_filing_keeps_when_it_was_submitted_until_it_is_submitted_again(world):
    filing = submitted_filing(world)
    submitted = filing.submitted_at
    filing_transition(filing=filing, action=Action.WITHDRAW, by=world.filer_a1)
    assert Filing.objects.get(pk=filing.pk).submitted_at == submitted

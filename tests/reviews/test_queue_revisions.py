"""The queue's 复核得分 is of the latest revision; unassigned filings say so; filer and reviewer
number revisions alike (the stored FilingRevision.number)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from apps.filings.models import Filing
from apps.reviews.models import ReviewerAssignment
from apps.reviews.selectors import QueueFilters, review_queue
from apps.reviews.services import review_decide, review_save

from .conftest import filer_for, resubmitted, row_keys

QUEUE = reverse("reviews:queue")


def _returned_with_a_score(world, filing: Filing) -> Filing:
    """Revision 1 reviewed 81.50 良 and returned; revision 2 submitted, not reviewed yet."""
    first_row = row_keys(filing)["接待群众来访"]
    review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="return",
        reason="请核实来访人次",
        row_scores={first_row: Decimal(14)},
    )
    return resubmitted(filing, row="信访事项按期办结率", actual_text="88")


def _queued(user, **filters) -> dict[int, Filing]:
    return {f.pk: f for f in review_queue(user=user, filters=QueueFilters(**filters))}


def _row(page: str, filing: Filing) -> str:
    match = re.search(rf'<tr data-filing="{filing.pk}">(.*?)</tr>', page, re.S)
    assert match, f"filing {filing.pk} is not in the queue"
    return match.group(1)


def test_a_score_of_an_earlier_revision_is_not_the_queues_review_score(world, filing):
    filing = _returned_with_a_score(world, filing)

    queued = _queued(world.reviewer_a)[filing.pk]

    assert queued.review_score is None and not queued.review_grade


def test_the_queue_page_leaves_the_review_score_of_a_new_revision_blank(client, world, filing):
    filing = _returned_with_a_score(world, filing)
    client.force_login(world.reviewer_a)

    row = _row(client.get(QUEUE).content.decode(), filing)

    assert "81.50" not in row and "良" not in row


def test_review_score_filters_ignore_a_score_of_an_earlier_revision(world, filing):
    filing = _returned_with_a_score(world, filing)

    assert filing.pk not in _queued(world.reviewer_a, review_score_min=Decimal(80))
    assert filing.pk not in _queued(world.reviewer_a, review_grade="良")


def test_a_review_of_the_latest_revision_shows_again(world, filing):
    filing = _returned_with_a_score(world, filing)
    review_save(
        revision=filing.revisions.get(number=2),
        reviewer=world.reviewer_a,
        row_scores={row_keys(filing)["接待群众来访"]: Decimal(25)},
        row_comments={},
        comment="",
    )

    queued = _queued(world.reviewer_a)[filing.pk]

    assert queued.review_score == Decimal("94.06") and queued.review_grade == "优"


def test_a_filing_without_assigned_reviewers_says_unassigned(client, world, filing):
    client.force_login(world.reviewer_a)

    row = _row(client.get(QUEUE).content.decode(), filing)

    assert gettext("Unassigned") in row  # 未分配
    assert "不限" not in row and "Anyone" not in row


def test_an_assigned_filing_names_its_reviewers(client, world, filing, second_reviewer):
    ReviewerAssignment.objects.create(filing=filing, reviewer=second_reviewer)
    client.force_login(world.reviewer_a)

    row = _row(client.get(QUEUE).content.decode(), filing)

    assert str(second_reviewer) in row and gettext("Unassigned") not in row


def _revision_numbers(text: str) -> set[int]:
    """Every "第N版" a page prints."""
    return {int(n) for n in re.findall(r"第\s*(\d+)\s*版", text)}


@pytest.fixture
def resubmitted_filing(world, filing) -> Filing:
    """Two revisions after several saves: the filing's save version is well past 2."""
    filing = _returned_with_a_score(world, filing)
    assert filing.version > 2 and filing.revisions.count() == 2
    return filing


def test_the_filers_history_numbers_submissions_as_the_review_page_does(
    client, world, resubmitted_filing
):
    filing = resubmitted_filing
    client.force_login(world.reviewer_a)
    review = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()
    client.force_login(filer_for(filing.project))

    history = client.get(reverse("filings:history", args=[filing.pk])).content.decode()

    stored = set(filing.revisions.values_list("number", flat=True))
    assert _revision_numbers(review) == stored == {1, 2}
    assert _revision_numbers(history) == stored


def test_each_submission_in_the_history_names_the_revision_it_froze(
    client, world, resubmitted_filing
):
    client.force_login(filer_for(resubmitted_filing.project))

    history = client.get(reverse("filings:history", args=[resubmitted_filing.pk])).content.decode()

    submissions = [
        entry
        for entry in history.split('<li class="jx-card')[1:]
        if "提交：" in entry and 'data-kind="transition"' in entry
    ]
    assert [_revision_numbers(entry) for entry in submissions] == [{2}, {1}]  # newest first


def test_the_queue_shows_the_latest_revisions_stored_number(client, world, resubmitted_filing):
    client.force_login(world.reviewer_a)

    row = _row(client.get(QUEUE).content.decode(), resubmitted_filing)

    assert _revision_numbers(row) == {2}

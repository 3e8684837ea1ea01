"""Two reviewers deciding the same filing at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection, connections

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing, FilingEvent
from apps.reviews.models import Review
from apps.reviews.services import AlreadyDecided, review_decide

from .conftest import submitted_filing

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        # The test database of SQLite is in memory, where locks differ from a file's; the same
        # race on an SQLite file is tests/project_evaluations/test_sqlite_concurrency.py.
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")


def test_of_an_approval_and_a_return_at_once_exactly_one_is_recorded(world, second_reviewer):
    filing = submitted_filing(world)
    events_before = FilingEvent.objects.filter(filing=filing).count()
    barrier = threading.Barrier(2, timeout=30)
    outcomes: dict[str, object] = {}

    def decide(name: str, **kwargs) -> None:
        try:
            barrier.wait()
            outcomes[name] = review_decide(filing=filing, **kwargs)
        except ApplicationError as error:
            outcomes[name] = error
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [
        threading.Thread(
            target=decide,
            args=("approve",),
            kwargs={"reviewer": world.reviewer_a, "decision": "approve"},
        ),
        threading.Thread(
            target=decide,
            args=("return",),
            kwargs={"reviewer": second_reviewer, "decision": "return", "reason": "请补充材料"},
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert set(outcomes) == {"approve", "return"}
    won = [name for name, outcome in outcomes.items() if isinstance(outcome, Review)]
    lost = [outcome for outcome in outcomes.values() if isinstance(outcome, ApplicationError)]
    assert len(won) == 1 and len(lost) == 1
    assert isinstance(lost[0], AlreadyDecided), lost[0].message
    filing.refresh_from_db()
    assert filing.status == ("approved" if won == ["approve"] else "returned")
    assert FilingEvent.objects.filter(filing=filing).count() == events_before + 1
    decided = Review.objects.filter(filing=filing).exclude(decision=Review.Decision.PENDING)
    assert decided.count() == 1
    assert Filing.objects.filter(pk=filing.pk, status__in=["submitted", "in_review"]).count() == 0

"""A proposed 不适用 counts only once the reviewer accepts it (DESIGN §4)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.indicators.models import Framework, ScoringPolicy
from apps.project_evaluations.services import evaluation_create, evaluation_save
from apps.reports.documents import Target, kind_of
from apps.reviews.models import Review, RowReview
from tests.project_evaluations.test_scoring_rules import REASON, missed_row_data
from tests.reports import helpers

MISSED = "信访事项按期办结率"


@pytest.fixture
def filing(world) -> Filing:
    """A 良 filing (84) whose missed row the filer proposes as 不适用, submitted."""
    policy = ScoringPolicy.objects.get_or_create(
        fiscal_year=world.year_a, framework=Framework.PROJECT
    )[0]
    policy.filers_may_propose_not_applicable = True
    policy.save()
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    data = missed_row_data(world.bureau_a, not_applicable=True, not_applicable_reason=REASON)
    saved = evaluation_save(
        filing=filing, by=world.filer_a1, base_version=filing.version, data=data
    )
    assert saved.filing.error_count == 0, saved.computed.findings
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=world.filer_a1)
    filing.refresh_from_db()
    return filing


def _missed_id(filing: Filing) -> int:
    return filing.project_evaluation.rows.get(name=MISSED).pk


def _missed_key(filing: Filing) -> str:
    """The missed row's key in the review sheet, as the services and RowReview know it."""
    return f"row:{_missed_id(filing)}"


def _post(client, filing, op="save", **fields):
    data = {"revision": filing.revisions.get().pk, "op": op, "comment": "复核意见"}
    data.update(fields)
    return client.post(reverse("reviews:review", args=[filing.pk]), data)


def test_the_proposal_is_listed_to_the_reviewer_with_its_reason(client, world, filing):
    client.force_login(world.reviewer_a)

    page = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()

    row_id = _missed_id(filing)
    assert REASON in page
    assert f'name="row-{row_id}-not_applicable"' in page
    # Until the reviewer decides, the row counts as filed: the filing stays 良.
    assert 'id="jx-review-total">84.00<' in page
    assert 'id="jx-review-grade">良<' in page


def test_accepted_the_row_is_left_out_and_the_review_total_rescaled(client, world, filing):
    client.force_login(world.reviewer_a)
    row_id = _missed_id(filing)

    response = _post(client, filing, **{f"row-{row_id}-not_applicable": "accepted"})

    assert response.status_code == 302
    review = Review.objects.get()
    # (10 + 30 + 30 + 10) ÷ 80 × 100 = 100.
    assert (review.total_score, review.grade) == (Decimal("100.00"), "优")
    assert RowReview.objects.get(row_key=_missed_key(filing)).not_applicable == "accepted"
    page = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()
    assert 'value="accepted" selected' in page


def test_rejected_the_row_counts_with_the_reviewers_score(client, world, filing):
    client.force_login(world.reviewer_a)
    row_id = _missed_id(filing)

    _post(
        client,
        filing,
        **{f"row-{row_id}-not_applicable": "rejected", f"row-{row_id}-score": "2"},
    )

    review = Review.objects.get()
    # 10 + 30 + 2 + 30 + 10.
    assert (review.total_score, review.grade) == (Decimal("82.00"), "良")
    assert RowReview.objects.get(row_key=_missed_key(filing)).not_applicable == "rejected"


def test_approval_waits_for_a_decision_on_every_proposal(client, world, filing):
    client.force_login(world.reviewer_a)

    _post(client, filing, op="approve")

    filing.refresh_from_db()
    assert filing.status != Filing.Status.APPROVED


def test_the_printed_table_shows_the_proposal_and_the_reviewers_decision(world, filing):
    from apps.reviews.services import review_decide

    review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="approve",
        row_scores={},
        row_comments={},
        row_not_applicable={_missed_key(filing): "accepted"},
    )
    document = kind_of("project_table")
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    text = "".join(
        helpers.pdf_pages(document.produce(document.build(target), lambda *a: None).data)
    )
    text = text.replace("\n", "")

    assert "申请不适用" in text
    assert "复核同意不适用" in text
    assert "100.00" in text


def test_a_decision_on_a_row_the_department_did_not_propose_is_refused(client, world, filing):
    client.force_login(world.reviewer_a)
    other = filing.project_evaluation.rows.get(name="接待群众来访").pk

    response = _post(client, filing, **{f"row-{other}-not_applicable": "accepted"})

    assert response.status_code == 400
    assert not Review.objects.exists()

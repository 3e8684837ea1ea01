"""Review services: totals by the bureau's engine, decisions in the transition, assignments."""

from decimal import Decimal

import pytest

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing, FilingEvent, FilingRevision
from apps.filings.workflow import Action
from apps.indicators.models import Framework, ScoringPolicy
from apps.project_evaluations.services import evaluation_create
from apps.reviews.models import Review, ReviewerAssignment
from apps.reviews.selectors import (
    changes_since_return,
    return_notice_for_filer,
    row_comments_for_filer,
)
from apps.reviews.services import (
    AlreadyDecided,
    review_decide,
    review_save,
    reviewers_assign,
    reviews_bulk_approve,
)
from tests import factories

from .conftest import TOTAL, resubmitted, row_ids, row_keys, submitted_filing


def _latest(filing: Filing) -> FilingRevision:
    return filing.revisions.order_by("-number").first()


def _save(filing, reviewer, scores=None, comments=None, comment=""):
    return review_save(
        revision=_latest(filing),
        reviewer=reviewer,
        row_scores=scores or {},
        row_comments=comments or {},
        comment=comment,
    )


def test_without_review_scores_the_reviewers_total_is_the_departments(world, filing):
    review = _save(filing, world.reviewer_a)

    assert _latest(filing).total_score == TOTAL
    assert (review.total_score, review.grade) == (TOTAL, "优")


def test_review_scores_replace_the_departments_row_by_row(world, filing):
    keys = row_keys(filing)

    review = _save(filing, world.reviewer_a, {keys["接待群众来访"]: Decimal(24)})
    # 9.5 + 24 + 18 + 30 + 10
    assert (review.total_score, review.grade) == (Decimal("91.50"), "优")

    review = _save(
        filing,
        world.reviewer_a,
        {keys["接待群众来访"]: Decimal(24), keys["信访事项按期办结率"]: Decimal("10.5")},
    )
    # 9.5 + 24 + 10.5 + 30 + 10: the grade follows the bureau's thresholds.
    assert (review.total_score, review.grade) == (Decimal("84.00"), "良")
    assert Review.objects.count() == 1


def test_an_accepted_not_applicable_row_is_left_out_and_the_total_rescaled(world):
    ScoringPolicy.objects.update_or_create(
        fiscal_year=world.year_a,
        framework=Framework.PROJECT,
        defaults={"filers_may_propose_not_applicable": True},
    )
    filing = submitted_filing(
        world, not_applicable="群众满意度", not_applicable_reason="本年度未开展满意度调查。"
    )
    keys = row_keys(filing)
    # Proposed only: the department's total counts the row by its values, 97.5.
    assert _latest(filing).total_score == TOTAL

    review = review_save(
        revision=_latest(filing),
        reviewer=world.reviewer_a,
        row_scores={keys["接待群众来访"]: Decimal(24)},
        row_comments={},
        comment="",
        row_not_applicable={keys["群众满意度"]: "accepted"},
    )

    # (9.5 + 24 + 18 + 30) ÷ 90 × 100 = 90.555… → 90.56; never scored as 0.
    assert (review.total_score, review.grade) == (Decimal("90.56"), "优")
    with pytest.raises(ApplicationError, match="接待群众来访"):
        _save(filing, world.reviewer_a, {keys["接待群众来访"]: Decimal(31)})


def test_the_bureaus_grade_thresholds_apply_to_the_review(world, filing):
    policy = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.grade_excellent = Decimal(95)
    policy.save()

    review = _save(filing, world.reviewer_a, {row_keys(filing)["接待群众来访"]: Decimal(27)})

    assert (review.total_score, review.grade) == (Decimal("94.50"), "良")


def test_a_score_above_the_rows_weight_is_refused(world, filing):
    with pytest.raises(ApplicationError, match="接待群众来访"):
        _save(filing, world.reviewer_a, {row_keys(filing)["接待群众来访"]: Decimal(31)})
    assert not Review.objects.exists()
    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED


def test_first_save_starts_the_review(world, filing):
    _save(filing, world.reviewer_a, comment="先看看")

    filing.refresh_from_db()
    assert filing.status == Filing.Status.IN_REVIEW
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert (event.action, event.actor) == (Action.START_REVIEW, world.reviewer_a)
    _save(filing, world.reviewer_a, comment="再看看")
    assert FilingEvent.objects.filter(filing=filing, action=Action.START_REVIEW).count() == 1


def test_return_needs_a_reason_and_a_refusal_leaves_no_decided_review(world, filing):
    _save(filing, world.reviewer_a)

    with pytest.raises(ApplicationError):
        review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="  ")

    assert Review.objects.get().decision == Review.Decision.PENDING
    filing.refresh_from_db()
    assert filing.status == Filing.Status.IN_REVIEW


def test_a_refused_transition_rolls_the_decided_review_back(world, filing, monkeypatch):
    from apps.filings import workflow

    def refuse(user, filing, action):
        return False, "refused by the workflow"

    monkeypatch.setattr(workflow, "can_act", refuse)
    with pytest.raises(ApplicationError, match="refused by the workflow"):
        review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")

    assert not Review.objects.filter(decided_at__isnull=False).exists()
    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED


def test_return_with_row_comments_shows_them_to_the_filer_by_row(world, filing):
    keys = row_keys(filing)

    review = review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="return",
        reason="办结率偏低，请补充佐证材料。",
        row_scores={keys["信访事项按期办结率"]: Decimal(15)},
        row_comments={
            keys["信访事项按期办结率"]: "请说明跨年办理的事项数。",
            keys["群众满意度"]: "",
        },
    )

    filing.refresh_from_db()
    assert filing.status == Filing.Status.RETURNED
    assert (review.decision, review.revision) == (Review.Decision.RETURNED, _latest(filing))
    assert review.decided_at is not None and review.total_score == Decimal("94.50")
    comments = row_comments_for_filer(filing)
    assert list(comments) == [keys["信访事项按期办结率"]]
    assert [c.comment for c in comments[keys["信访事项按期办结率"]]] == ["请说明跨年办理的事项数。"]
    assert return_notice_for_filer(filing).comment == "办结率偏低，请补充佐证材料。"
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert (event.action, event.reason) == (Action.RETURN, "办结率偏低，请补充佐证材料。")


def test_resubmission_lists_exactly_the_changed_cell(world, filing):
    ids = row_ids(filing)
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="请核实")
    assert changes_since_return(filing) == []  # nothing resubmitted yet

    filing = resubmitted(filing, row="信访事项按期办结率", actual_text="88")

    changes = changes_since_return(filing)
    assert [(c.key, c.old, c.new) for c in changes] == [
        (f"row.{ids['信访事项按期办结率']}.actual_text", "81", "88")
    ]
    # The return is history now: the filer's page no longer shows it.
    assert row_comments_for_filer(filing) == {} and return_notice_for_filer(filing) is None


def test_a_review_belongs_to_the_revision_it_reviewed(world, filing):
    first = _save(filing, world.reviewer_a, comment="第一次")
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="请修改")
    filing = resubmitted(filing, row="接待群众来访", actual_text="120")

    with pytest.raises(ApplicationError):
        review_save(
            revision=first.revision,
            reviewer=world.reviewer_a,
            row_scores={},
            row_comments={},
            comment="旧的",
        )
    second = review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")

    first.refresh_from_db()
    assert (first.revision.number, first.decision, first.comment) == (1, "returned", "请修改")
    assert (second.revision.number, second.decision) == (2, "approved")
    assert second.pk != first.pk


def test_a_decided_filing_refuses_a_second_decision(world, filing, second_reviewer):
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")

    with pytest.raises(AlreadyDecided) as refused:
        review_decide(filing=filing, reviewer=second_reviewer, decision="return", reason="不行")

    assert world.reviewer_a.full_name in refused.value.message
    assert not Review.objects.filter(reviewer=second_reviewer).exists()
    assert FilingEvent.objects.filter(filing=filing, action=Action.RETURN).count() == 0


def test_bulk_approve_approves_what_it_may_and_says_why_not_for_the_rest(world, filing):
    second = submitted_filing(world, world.project_a2)
    already = submitted_filing(world, factories.ProjectFactory(department=world.dept_a1))
    review_decide(filing=already, reviewer=world.reviewer_a, decision="approve")
    foreign = submitted_filing(world, world.project_b1)

    approved, refused = reviews_bulk_approve(
        filings=[filing, second, already, foreign], by=world.reviewer_a
    )

    assert [f.pk for f in approved] == [filing.pk, second.pk]
    assert [f.pk for f, _reason in refused] == [already.pk, foreign.pk]
    assert all(reason for _f, reason in refused)
    assert set(Filing.objects.filter(status="approved").values_list("pk", flat=True)) == {
        filing.pk,
        second.pk,
        already.pk,
    }
    # Each approval is a review of the revision it approved.
    review = Review.objects.get(filing=second)
    assert (review.decision, review.total_score, review.revision.number) == (
        "approved",
        TOTAL,
        1,
    )


def test_assignment_restricts_who_may_review(world, filing, second_reviewer):
    reviewers_assign(filing=filing, reviewers=[second_reviewer], by=world.admin_a)

    with pytest.raises(ApplicationError):
        _save(filing, world.reviewer_a)
    with pytest.raises(ApplicationError):
        review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")
    assert _save(filing, second_reviewer).reviewer == second_reviewer
    # Administrators assign, so they may always review.
    assert _save(filing, world.admin_a).reviewer == world.admin_a

    reviewers_assign(filing=filing, reviewers=[], by=world.admin_a)
    assert _save(filing, world.reviewer_a).reviewer == world.reviewer_a


def test_only_bureau_admins_assign_and_only_the_bureaus_reviewers(world, filing):
    with pytest.raises(ApplicationError):
        reviewers_assign(filing=filing, reviewers=[world.reviewer_a], by=world.reviewer_a)
    with pytest.raises(ApplicationError):
        reviewers_assign(filing=filing, reviewers=[world.reviewer_b], by=world.admin_a)
    with pytest.raises(ApplicationError):
        reviewers_assign(filing=filing, reviewers=[world.reviewer_a], by=world.admin_b)

    reviewers_assign(filing=filing, reviewers=[world.reviewer_a, world.admin_a], by=world.admin_a)
    reviewers_assign(filing=filing, reviewers=[world.reviewer_a], by=world.admin_a)

    assigned = ReviewerAssignment.objects.filter(filing=filing)
    assert [(a.reviewer, a.assigned_by) for a in assigned] == [(world.reviewer_a, world.admin_a)]


def test_a_draft_has_nothing_to_review(world):
    draft = evaluation_create(project=world.project_a2, by=world.filer_a2)
    with pytest.raises(ApplicationError):
        review_decide(filing=draft, reviewer=world.reviewer_a, decision="approve")
    assert not Review.objects.exists()

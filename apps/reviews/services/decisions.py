"""Review decisions: save scores and comments, decide (return or approve), approve in bulk.

Every write locks the filing row first (as the workflow's transitions do), so saves, decisions and
transitions of one filing happen one after the other; a decision is saved inside the
transition's own transaction, so a refused transition leaves no decided review behind.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.core.text import typed_text
from apps.filings.models import Filing, FilingEvent, FilingRevision
from apps.filings.permissions import Do, can_act
from apps.filings.selectors import policy_of
from apps.filings.workflow import Action, filing_review_transition
from apps.indicators.scoring import round_score

from ..models import Review, RowReview
from ..selectors import PENDING_STATUSES
from ..sheets import decision_refusal, score_refusal, sheet_for, undecided_proposals

Decision = Literal["return", "approve"]
DECISIONS: dict[str, tuple[str, str]] = {
    "return": (Action.RETURN, Review.Decision.RETURNED),
    "approve": (Action.APPROVE, Review.Decision.APPROVED),
}


class AlreadyDecided(ApplicationError):
    """The filing left review (someone decided it) before this save or decision."""


def _lock(filing: Filing) -> Filing:
    return (
        Filing.objects.select_for_update(of=("self",))
        .select_related("fiscal_year")
        .get(pk=filing.pk)
    )


def _refuse_unless_in_review(locked: Filing) -> None:
    """Refuse a save or decision on a filing that is no longer (or not yet) with the bureau."""
    if locked.status in PENDING_STATUSES:
        return
    if locked.status in (Filing.Status.DRAFT, Filing.Status.HEAD_REVIEW):
        raise ApplicationError(
            _(
                "This filing has not been submitted to the finance bureau; there is nothing to "
                "review."
            )
        )
    last = FilingEvent.objects.filter(filing=locked).select_related("actor").order_by("-pk").first()
    raise AlreadyDecided(
        _(
            "This filing was already decided by %(who)s at %(when)s and is now “%(status)s”. "
            "Nothing of yours was saved."
        )
        % {
            "who": (last.actor if last and last.actor else "—"),
            "when": timezone.localtime(last.created_at).strftime("%Y-%m-%d %H:%M") if last else "—",
            "status": locked.get_status_display(),
        }
    )


def _latest_revision(filing: Filing) -> FilingRevision:
    revision = FilingRevision.objects.filter(filing=filing).order_by("-number").first()
    if revision is None:
        raise ApplicationError(_("This filing has no submitted revision to review."))
    return revision


def _typed(text: str, label: str) -> str:
    try:
        return typed_text(text, label=label)
    except ValueError as error:
        raise ApplicationError(str(error)) from error


def _write(
    *,
    locked: Filing,
    revision: FilingRevision,
    reviewer: User,
    row_scores: Mapping[str, Decimal | None] | None,
    row_comments: Mapping[str, str] | None,
    comment: str | None,
    decision: str | None = None,
    row_not_applicable: Mapping[str, str] | None = None,
) -> Review:
    """Create or update the reviewer's review of the revision; None keeps what was saved."""
    latest = _latest_revision(locked)
    if revision.pk != latest.pk:
        raise ApplicationError(
            _(
                "Revision %(old)s was replaced by revision %(new)s. Reload the page: a review "
                "belongs to the revision it reviewed."
            )
            % {"old": revision.number, "new": latest.number}
        )
    sheet = sheet_for(locked, revision.cells)
    review, _created = Review.objects.get_or_create(
        revision=revision, reviewer=reviewer, defaults={"filing": locked}
    )
    if review.decision != Review.Decision.PENDING:
        raise AlreadyDecided(_("Your review of this revision was already decided."))
    saved = {row.row_key: row for row in review.rows.all()}
    scores = (
        {key: row.score for key, row in saved.items()} if row_scores is None else dict(row_scores)
    )
    comments = (
        {key: row.comment for key, row in saved.items()}
        if row_comments is None
        else {key: _typed(text, _("A review comment")) for key, text in row_comments.items()}
    )
    proposals = (
        {key: row.not_applicable for key, row in saved.items() if row.not_applicable}
        if row_not_applicable is None
        else {key: value for key, value in row_not_applicable.items() if value}
    )
    for key in set(scores) | set(comments) | set(proposals):
        row = sheet.row(key)
        if row is None:
            raise ApplicationError(_("The revision has no row %(id)s.") % {"id": key})
        score = scores.get(key)
        refusal = score_refusal(row, score) if score is not None else ""
        refusal = refusal or decision_refusal(row, proposals.get(key, ""))
        if refusal:
            raise ApplicationError(refusal)
    undecided = undecided_proposals(sheet, proposals)
    if decision == Review.Decision.APPROVED and undecided:
        raise ApplicationError(
            _(
                "Accept or reject the department's proposal to leave out as not applicable: "
                "%(rows)s."
            )
            % {"rows": "、".join(undecided)}
        )

    totals = sheet.totals(policy_of(locked).to_engine(), scores, proposals)
    review.total_score = round_score(totals.review.total) if totals.scored else None
    review.grade = totals.review.grade if totals.scored else ""
    if comment is not None:
        review.comment = _typed(comment, _("The review opinion"))
    if decision is not None:
        review.decision = decision
        review.decided_at = timezone.now()
    review.full_clean(exclude=["revision", "filing", "reviewer"], validate_constraints=False)
    review.save()

    for key in set(saved) | set(scores) | set(comments) | set(proposals):
        score, text = scores.get(key), comments.get(key, "")
        proposal = proposals.get(key, "")
        existing = saved.get(key)
        if score is None and not text and not proposal:
            if existing is not None:
                existing.delete()
            continue
        row_review = existing or RowReview(review=review, row_key=key)
        row_review.score = score
        row_review.comment = text
        row_review.not_applicable = proposal
        row_review.full_clean(exclude=["review"], validate_constraints=False)
        row_review.save()
    return review


def review_save(
    *,
    revision: FilingRevision,
    reviewer: User,
    row_scores: Mapping[str, Decimal | None],
    row_comments: Mapping[str, str],
    comment: str,
    row_not_applicable: Mapping[str, str] | None = None,
) -> Review:
    """Save the reviewer's 复核得分 and comments on the revision, undecided; compute the totals.

    The first save on a submitted filing starts its review (START_REVIEW) in the same
    transaction. `row_scores` and `row_comments` are the whole of the review: rows left out
    have neither. A row without a review score keeps the department's own score in the total.
    """
    filing = revision.filing
    allowed, refusal = can_act(reviewer, filing, Do.REVIEW)
    if not allowed:
        raise ApplicationError(refusal)
    saved: list[Review] = []

    def write(locked: Filing) -> None:
        saved.append(
            _write(
                locked=locked,
                revision=revision,
                reviewer=reviewer,
                row_scores=row_scores,
                row_comments=row_comments,
                comment=comment,
                row_not_applicable=row_not_applicable or {},
            )
        )

    with transaction.atomic():
        locked = _lock(filing)
        _refuse_unless_in_review(locked)
        if locked.status == Filing.Status.SUBMITTED:
            filing_review_transition(
                filing=locked, action=Action.START_REVIEW, by=reviewer, record=write
            )
        else:
            write(locked)
    return saved[0]


def review_decide(
    *,
    filing: Filing,
    reviewer: User,
    decision: Decision,
    reason: str = "",
    row_scores: Mapping[str, Decimal | None] | None = None,
    row_comments: Mapping[str, str] | None = None,
    row_not_applicable: Mapping[str, str] | None = None,
) -> Review:
    """Return (reason required) or approve the filing's latest revision, with the review.

    The review is saved with its decision inside filing_review_transition (its `record`), so a
    refused transition leaves no decided review. Scores and comments left as None keep what the
    reviewer saved before; an empty reason on approval keeps the saved overall comment.
    Raises AlreadyDecided when someone decided the filing first.
    """
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision: {decision!r}")
    action, outcome = DECISIONS[decision]
    reason = reason.strip()
    if decision == "return" and not reason:
        raise ApplicationError(_("Give the reason for returning the filing."))
    allowed, refusal = can_act(reviewer, filing, Do.REVIEW)
    if not allowed:
        raise ApplicationError(refusal)
    decided: list[Review] = []

    with transaction.atomic():
        # Wait here for whoever holds the filing; then see what they did to it.
        locked = _lock(filing)
        _refuse_unless_in_review(locked)
        revision = _latest_revision(locked)

        def save_decided(locked: Filing) -> None:
            decided.append(
                _write(
                    locked=locked,
                    revision=revision,
                    reviewer=reviewer,
                    row_scores=row_scores,
                    row_comments=row_comments,
                    comment=reason or None,
                    decision=outcome,
                    row_not_applicable=row_not_applicable,
                )
            )

        filing_review_transition(
            filing=locked, action=action, by=reviewer, reason=reason, record=save_decided
        )
    return decided[0]


def reviews_bulk_approve(
    *, filings: Iterable[Filing], by: User
) -> tuple[list[Filing], list[tuple[Filing, str]]]:
    """Approve each filing in its own transaction; return the approved and the refused, why."""
    approved: list[Filing] = []
    refused: list[tuple[Filing, str]] = []
    for filing in filings:
        try:
            review_decide(filing=filing, reviewer=by, decision="approve")
        except ApplicationError as error:
            refused.append((filing, error.message))
        else:
            filing.refresh_from_db(fields=["status", "updated_at"])
            approved.append(filing)
    return approved, refused

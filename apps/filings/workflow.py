"""The life of a filing (DESIGN §7): one table of transitions and one guard."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.core.text import typed_text

from .kinds import shown_kind
from .models import Filing, FilingEvent, FilingRevision, FilingSnapshot
from .parts import submission_blockers
from .permissions import can_act
from .refusals import status_refusal, window_refusal
from .signals import filing_transition_recorded, filing_transitioned

S = Filing.Status


class Action:
    """The actions a filing can go through; the values are stored in FilingEvent.action."""

    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    HEAD_APPROVE = "head_approve"
    HEAD_RETURN = "head_return"
    START_REVIEW = "start_review"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Submit"),
    Action.WITHDRAW: gettext_lazy("Withdraw"),
    Action.HEAD_APPROVE: gettext_lazy("Approve as department head"),
    Action.HEAD_RETURN: gettext_lazy("Return as department head"),
    Action.START_REVIEW: gettext_lazy("Start review"),
    Action.RETURN: gettext_lazy("Return for revision"),
    Action.APPROVE: gettext_lazy("Approve"),
    Action.PUBLISH: gettext_lazy("Publish"),
    Action.REOPEN: gettext_lazy("Reopen"),
}


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str  # SUBMIT's and WITHDRAW's depend on the bureau and the past: see _target
    needs_reason: bool = False


# Who may take each action is not here: permissions.can_act decides (role and assignment).
TRANSITIONS: dict[str, Transition] = {
    Action.SUBMIT: Transition(frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    # Until the review starts; back to where the submission came from (draft or returned).
    Action.WITHDRAW: Transition(frozenset({S.HEAD_REVIEW, S.SUBMITTED}), S.DRAFT),
    Action.HEAD_APPROVE: Transition(frozenset({S.HEAD_REVIEW}), S.SUBMITTED),
    Action.HEAD_RETURN: Transition(frozenset({S.HEAD_REVIEW}), S.RETURNED, True),
    Action.START_REVIEW: Transition(frozenset({S.SUBMITTED}), S.IN_REVIEW),
    Action.RETURN: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.RETURNED, True),
    Action.APPROVE: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.APPROVED),
    Action.PUBLISH: Transition(frozenset({S.APPROVED}), S.PUBLISHED),
    Action.REOPEN: Transition(
        frozenset({S.DRAFT, S.HEAD_REVIEW, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED}),
        S.RETURNED,
        True,
    ),
}
# Decisions of the review: they happen only with a Review written by the review service,
# which enters through filing_review_transition; filing_transition refuses them.
REVIEW_ACTIONS = frozenset({Action.START_REVIEW, Action.RETURN, Action.APPROVE})
# Actions whose refusal by can_act is shown as it is (it says who may).
OWN_REFUSALS = REVIEW_ACTIONS | {Action.WITHDRAW}


def can_transition(user: User, filing: Filing, action: str) -> tuple[bool, str]:
    """Whether the user may take the action on the filing now, and why not."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return False, _("Unknown action.")
    if filing.status not in transition.sources:
        withdrawing = action == Action.WITHDRAW
        return False, status_refusal(filing, ACTION_LABELS[action], withdrawing=withdrawing)
    allowed, refusal = can_act(user, filing, action)
    if not allowed:
        if action in OWN_REFUSALS:
            return False, refusal
        return False, _("You may not %(action)s this filing.") % {"action": ACTION_LABELS[action]}
    if action in (Action.SUBMIT, Action.WITHDRAW) and not filing.is_window_open():
        return False, window_refusal(filing, withdrawing=action == Action.WITHDRAW)
    return True, ""


def available_actions(user: User, filing: Filing) -> list[str]:
    """The actions the user may take on the filing now."""
    return [action for action in TRANSITIONS if can_transition(user, filing, action)[0]]


def page_actions(user: User, filing: Filing) -> list[dict]:
    """The transitions a filing's own page offers the user: name, label, whether it asks why,
    and a reopening's proposed deadline (the page asks to confirm a submission or withdrawal).

    Reviewers decide on the review page, where the review goes with the decision.
    """
    return [
        {
            "name": action,
            "label": ACTION_LABELS[action],
            "needs_reason": TRANSITIONS[action].needs_reason,
            "deadline": filing.reopen_deadline_default() if action == Action.REOPEN else None,
        }
        for action in available_actions(user, filing)
        if action not in REVIEW_ACTIONS
    ]


def _target(filing: Filing, action: str) -> str:
    if action == Action.SUBMIT and filing.department.bureau.requires_head_approval:
        return S.HEAD_REVIEW
    if action == Action.WITHDRAW:
        # Back to the status the submission came from: draft, or returned.
        submitted = (
            FilingEvent.objects.filter(filing=filing, action=Action.SUBMIT).order_by("-pk").first()
        )
        if submitted is not None and submitted.from_status in (S.DRAFT, S.RETURNED):
            return submitted.from_status
    return TRANSITIONS[action].target


def _reopen_deadline(filing: Filing, given: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if given is None:
        return filing.reopen_deadline_default(today)
    if given < today:
        raise ApplicationError(
            _("The new deadline %(date)s has already passed. Give today or a later day.")
            % {"date": given}
        )
    return given


def _freeze(filing: Filing, by: User) -> FilingRevision:
    """Check the latest save and freeze it as the next revision; errors refuse the submission."""
    if filing.error_count:
        raise ApplicationError(
            _(
                "The self-evaluation has %(count)d errors. Correct them (they are listed at the "
                "top of the form) before submitting."
            )
            % {"count": filing.error_count}
        )
    snapshot = FilingSnapshot.objects.filter(filing=filing, version=filing.version).first()
    if snapshot is None:
        raise ApplicationError(_("Save the self-evaluation before submitting it."))
    # After the highest number, not the count: numbers never repeat, whatever was removed.
    number = (filing.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    return FilingRevision.objects.create(
        filing=filing,
        number=number,
        cells=snapshot.cells,
        total_score=filing.total_score,
        grade=filing.grade,
        submitted_by=by,
    )


# What the review service does inside the transaction of its decision (write the Review of
# the revision it decided): called with the locked filing before the change.
BeforeHook = Callable[[Filing], None]


def filing_transition(
    *,
    filing: Filing,
    action: str,
    by: User,
    reason: str = "",
    reopened_until: datetime.date | None = None,
) -> Filing:
    """Take one action on a filing: lock it, check it, change it, record it. All or nothing.

    Start review, return and approve are refused here: they belong to the review service.
    `reopened_until` is a reopening's last day (default: Filing.reopen_deadline_default).
    """
    if reopened_until is not None and action != Action.REOPEN:
        raise ValueError("Only a reopening takes a deadline.")
    if action in REVIEW_ACTIONS:
        raise ApplicationError(
            _(
                "Reviewers start a review, return and approve a filing on its review page, "
                "where the review is recorded with the decision."
            )
        )
    return _transition(
        filing=filing, action=action, by=by, reason=reason, before=None, until=reopened_until
    )


def filing_review_transition(
    *, filing: Filing, action: str, by: User, reason: str = "", record: BeforeHook
) -> Filing:
    """Start review, return or approve, with `record` writing the Review in the same transaction.

    The review service's entry point (apps.reviews.services) and nobody else's: a test keeps
    other callers out.
    """
    if action not in REVIEW_ACTIONS:
        raise ApplicationError(_("Unknown action."))
    return _transition(filing=filing, action=action, by=by, reason=reason, before=record)


@transaction.atomic
def _transition(
    *,
    filing: Filing,
    action: str,
    by: User,
    reason: str,
    before: BeforeHook | None,
    until: datetime.date | None = None,
) -> Filing:
    # The row is locked before anything is checked: a withdrawal and a review starting at
    # once take turns, and the second sees the status the first left.
    locked = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("fiscal_year", "department__bureau")
        .get(pk=filing.pk)
    )
    allowed, refusal = can_transition(by, locked, action)
    if not allowed:
        raise ApplicationError(refusal)
    try:
        reason = typed_text(reason, label=_("The reason"))
    except ValueError as error:
        raise ApplicationError(str(error)) from error
    if TRANSITIONS[action].needs_reason and not reason:
        raise ApplicationError(_("Give a reason."))
    if action == Action.REOPEN:
        locked.reopened_until = _reopen_deadline(locked, until)
        locked.reopened = True
    if action == Action.SUBMIT:
        _recheck(locked)
        blockers = submission_blockers(locked)
        if blockers.errors:
            raise ApplicationError(" ".join(blockers.errors))
    revision = _freeze(locked, by) if action == Action.SUBMIT else None
    if before is not None:
        before(locked)
    from_status = locked.status
    locked.status = _target(locked, action)
    # A reopening's grant is its date, not used up by a submission: a filing returned or
    # withdrawn before that day can be submitted again until then.
    locked.save(update_fields=["status", "reopened", "reopened_until", "updated_at"])
    event = FilingEvent.objects.create(
        filing=locked,
        actor=by,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        reason=reason,
        reopened_until=locked.reopened_until if action == Action.REOPEN else None,
        revision=revision or locked.revisions.order_by("-number").first(),
    )
    # In-page notices are written with the transition (and undone with it); email waits for commit.
    filing_transition_recorded.send(sender=Filing, event=event)
    transaction.on_commit(lambda: filing_transitioned.send(sender=Filing, event=event), robust=True)
    return locked


def _recheck(filing: Filing) -> None:
    """Run the kind's checks again on the saved values: a policy change since the save counts."""
    errors, warnings = shown_kind(filing.kind).recheck(filing)
    filing.error_count, filing.warning_count = errors, warnings
    filing.save(update_fields=["error_count", "warning_count"])

"""The life of a filing (DESIGN §7): one table of transitions and one guard."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.core.exceptions import ApplicationError

from . import checks
from .models import Filing, FilingEvent, FilingRevision, FilingSnapshot
from .signals import filing_transitioned

S = Filing.Status


class Action:
    """The actions a filing can go through; the values are stored in FilingEvent.action."""

    SUBMIT = "submit"
    HEAD_APPROVE = "head_approve"
    HEAD_RETURN = "head_return"
    START_REVIEW = "start_review"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Submit"),
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
    target: str  # SUBMIT's target depends on the bureau: see _target
    role: str  # who may act: "filer", "head", "reviewer", "admin"
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    Action.SUBMIT: Transition(frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "filer"),
    Action.HEAD_APPROVE: Transition(frozenset({S.HEAD_REVIEW}), S.SUBMITTED, "head"),
    Action.HEAD_RETURN: Transition(frozenset({S.HEAD_REVIEW}), S.RETURNED, "head", True),
    Action.START_REVIEW: Transition(frozenset({S.SUBMITTED}), S.IN_REVIEW, "reviewer"),
    Action.RETURN: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.RETURNED, "reviewer", True),
    Action.APPROVE: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.APPROVED, "reviewer"),
    Action.PUBLISH: Transition(frozenset({S.APPROVED}), S.PUBLISHED, "admin"),
    Action.REOPEN: Transition(
        frozenset({S.DRAFT, S.HEAD_REVIEW, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED}),
        S.RETURNED,
        "admin",
        True,
    ),
}


def _has_role(user: User, filing: Filing, role: str) -> bool:
    if role in ("filer", "head"):
        wanted = (
            DepartmentMembership.Role.FILER if role == "filer" else DepartmentMembership.Role.HEAD
        )
        return DepartmentMembership.objects.filter(
            user=user, department_id=filing.department_id, role=wanted
        ).exists()
    roles = set(
        BureauMembership.objects.filter(
            user=user, bureau_id=filing.fiscal_year.bureau_id
        ).values_list("role", flat=True)
    )
    if role == "reviewer":
        # Bureau administrators may do whatever their reviewers may.
        return bool(roles & {BureauMembership.Role.REVIEWER, BureauMembership.Role.ADMIN})
    return BureauMembership.Role.ADMIN in roles or user.is_superuser


def can_act(user: User, filing: Filing, action: str) -> tuple[bool, str]:
    """Whether the user may take the action on the filing now, and why not."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return False, _("Unknown action.")
    if filing.status not in transition.sources:
        return False, _("This filing is already %(status)s; it cannot be %(action)s now.") % {
            "status": filing.get_status_display(),
            "action": ACTION_LABELS[action],
        }
    if not user.is_authenticated or not _has_role(user, filing, transition.role):
        return False, _("You may not %(action)s this filing.") % {"action": ACTION_LABELS[action]}
    if action == Action.SUBMIT and not (filing.fiscal_year.is_filing_open() or filing.reopened):
        return False, _(
            "The filing window closed on %(date)s. Ask the finance bureau to reopen this filing."
        ) % {"date": filing.fiscal_year.filing_closes}
    return True, ""


def available_actions(user: User, filing: Filing) -> list[str]:
    """The actions the user may take on the filing now."""
    return [action for action in TRANSITIONS if can_act(user, filing, action)[0]]


def _target(filing: Filing, action: str) -> str:
    if action == Action.SUBMIT and filing.department.bureau.requires_head_approval:
        return S.HEAD_REVIEW
    return TRANSITIONS[action].target


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
    number = filing.revisions.count() + 1
    return FilingRevision.objects.create(
        filing=filing,
        number=number,
        cells=snapshot.cells,
        total_score=filing.total_score,
        grade=filing.grade,
        submitted_by=by,
    )


# Things a caller may want done inside the same transaction as the transition (a review
# saved with its decision, for instance): called with the locked filing before the change.
BeforeHook = Callable[[Filing], None]


@transaction.atomic
def filing_transition(
    *,
    filing: Filing,
    action: str,
    by: User,
    reason: str = "",
    before: BeforeHook | None = None,
) -> Filing:
    """Take one action on a filing: lock it, check it, change it, record it. All or nothing."""
    locked = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("fiscal_year", "department__bureau")
        .get(pk=filing.pk)
    )
    allowed, refusal = can_act(by, locked, action)
    if not allowed:
        raise ApplicationError(refusal)
    reason = reason.strip()
    if TRANSITIONS[action].needs_reason and not reason:
        raise ApplicationError(_("Give a reason."))
    if action == Action.SUBMIT:
        _recheck(locked)
    revision = _freeze(locked, by) if action == Action.SUBMIT else None
    if before is not None:
        before(locked)
    from_status = locked.status
    locked.status = _target(locked, action)
    if action == Action.REOPEN:
        locked.reopened = True
    elif action == Action.SUBMIT:
        locked.reopened = False
    locked.save(update_fields=["status", "reopened", "updated_at"])
    event = FilingEvent.objects.create(
        filing=locked,
        actor=by,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        reason=reason,
        revision=revision or locked.revisions.order_by("-number").first(),
    )
    transaction.on_commit(lambda: filing_transitioned.send(sender=Filing, event=event), robust=True)
    return locked


def _recheck(filing: Filing) -> None:
    """Run every check again on the saved values: a policy change since the save counts."""
    from .selectors import filing_of, policy_of
    from .services import categories_for, evaluation_compute, evaluation_data_of

    if filing.kind != Filing.Kind.PROJECT or filing.project is None:
        return
    fresh = filing_of(filing.project)
    assert fresh is not None
    computed = evaluation_compute(
        data=evaluation_data_of(fresh.project_evaluation),
        policy=policy_of(fresh),
        categories=categories_for(filing.fiscal_year.bureau_id),
    )
    filing.error_count, filing.warning_count = checks.summarize(computed.findings)
    filing.save(update_fields=["error_count", "warning_count"])

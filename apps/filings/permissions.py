"""Who may do what to a filing, role and assignment together: the one module that decides.

Every door asks `can_act(user, filing, action)`: the filer's page, the review page, the queue,
the admin, the services and the workflow's own guard. The workflow adds when (the filing's
status, the filing window); this module says who.

Reviewer assignments are stored by the reviews app, which depends on this one; it tells the
guard where to find them at start-up (`assigned_reviewers_from`), so the rule lives here
without this app importing reviews. Without that source no reviewer acts (fail closed).
"""

from collections.abc import Callable, Collection

from django.utils.translation import gettext as _

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.accounts.permissions import can_view_department
from apps.core.memo import memoized

from .models import Filing

EDITABLE_STATUSES = {Filing.Status.DRAFT, Filing.Status.RETURNED}


class Do:
    """What one may ask to do to a filing: pages and the workflow's actions (same values)."""

    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    HEAD_APPROVE = "head_approve"
    HEAD_RETURN = "head_return"
    VIEW_REVIEWS = "view_reviews"
    REVIEW = "review"  # save review scores and comments
    START_REVIEW = "start_review"
    RETURN = "return"
    APPROVE = "approve"
    ASSIGN = "assign"
    PUBLISH = "publish"
    REOPEN = "reopen"


# Who may: "filer" and "head" of the filing's department; "staff" is anyone of the filing's
# bureau; "reviewer" a reviewer of that bureau the filing is assigned to (or any of them while
# it is assigned to nobody); "admin" an administrator of that bureau or a superuser.
# Bureau administrators may always review: they are the ones who assign.
WHO: dict[str, frozenset[str]] = {
    Do.EDIT: frozenset({"filer"}),
    Do.SUBMIT: frozenset({"filer"}),
    # Whoever may submit the filing may take the submission back (the workflow says until when).
    Do.WITHDRAW: frozenset({"filer"}),
    Do.HEAD_APPROVE: frozenset({"head"}),
    Do.HEAD_RETURN: frozenset({"head"}),
    Do.VIEW_REVIEWS: frozenset({"staff", "admin"}),
    Do.REVIEW: frozenset({"reviewer", "admin"}),
    Do.START_REVIEW: frozenset({"reviewer", "admin"}),
    Do.RETURN: frozenset({"reviewer", "admin"}),
    Do.APPROVE: frozenset({"reviewer", "admin"}),
    Do.ASSIGN: frozenset({"admin"}),
    Do.PUBLISH: frozenset({"admin"}),
    Do.REOPEN: frozenset({"admin"}),
}
REVIEWING = frozenset({Do.REVIEW, Do.START_REVIEW, Do.RETURN, Do.APPROVE})

AssignedReviewers = Callable[[Filing], Collection[int]]
_assigned_reviewers: list[AssignedReviewers] = []


def assigned_reviewers_from(source: AssignedReviewers) -> None:
    """Tell the guard how to read a filing's assigned reviewers' ids (the reviews app does)."""
    _assigned_reviewers[:] = [source]


def _memberships(user: User, department_id: int, bureau_id: int) -> frozenset[str]:
    """The user's roles in the department and its bureau: one query, once per request."""

    def read() -> frozenset[str]:
        # Department roles (filer, head) and bureau roles (reviewer, admin) differ.
        return frozenset(
            DepartmentMembership.objects.filter(user=user, department_id=department_id)
            .order_by()
            .values_list("role", flat=True)
            .union(
                BureauMembership.objects.filter(user=user, bureau_id=bureau_id)
                .order_by()
                .values_list("role", flat=True)
            )
        )

    return memoized(("filings.roles", user.pk, department_id, bureau_id), read)


def _roles(user: User, filing: Filing, action: str) -> set[str]:
    memberships = _memberships(user, filing.department_id, filing.fiscal_year.bureau_id)
    roles = set(memberships & {DepartmentMembership.Role.FILER, DepartmentMembership.Role.HEAD})
    if memberships & {BureauMembership.Role.REVIEWER, BureauMembership.Role.ADMIN}:
        roles.add("staff")
    if user.is_superuser or BureauMembership.Role.ADMIN in memberships:
        roles.add("admin")
    is_reviewer = BureauMembership.Role.REVIEWER in memberships
    if is_reviewer and action in REVIEWING and _assigned_reviewers:
        assigned = _assigned_reviewers[0](filing)
        roles.add("reviewer" if not assigned or user.pk in assigned else "unassigned")
    return roles


def _refusal(action: str, roles: set[str]) -> str:
    refusals = {
        Do.EDIT: _("Only the department's filers may edit its self-evaluations."),
        Do.WITHDRAW: _("Only the department's filers may withdraw its submissions."),
        Do.VIEW_REVIEWS: _(
            "Only the reviewers of this filing's finance bureau may see its reviews."
        ),
        Do.ASSIGN: _("Only the bureau's administrators may assign reviewers."),
    }
    if action in refusals:
        return refusals[action]
    if action in REVIEWING and "unassigned" in roles:
        return _("This filing is assigned to other reviewers.")
    if action in REVIEWING:
        return _("Only the reviewers of this filing's finance bureau may review it.")
    return _("You may not do this to this filing.")


def can_act(user: User, filing: Filing, action: str) -> tuple[bool, str]:
    """Whether the user may do the action to the filing (role and assignment), and why not.

    For EDIT the filing must also be editable now (status, window); the workflow checks the
    status and window of its own actions.
    """
    if not user.is_authenticated:
        return False, _("Please log in.")
    if action == Do.VIEW:
        return can_view_department(user, filing.department)
    wanted = WHO.get(action)
    if wanted is None:
        return False, _("Unknown action.")
    roles = _roles(user, filing, action)
    if not wanted & roles:
        return False, _refusal(action, roles)
    if action == Do.EDIT:
        if filing.status not in EDITABLE_STATUSES:
            return False, _("This filing is %(status)s and cannot be edited.") % {
                "status": filing.get_status_display()
            }
        if not filing.is_window_open():
            return False, _("The filing window of this fiscal year is closed.")
    return True, ""


def can_view_filing(user: User, filing: Filing) -> tuple[bool, str]:
    """Whoever may see the department may see its filings."""
    return can_act(user, filing, Do.VIEW)


def can_edit_filing(user: User, filing: Filing) -> tuple[bool, str]:
    """A filer of the department edits a draft or returned filing while the window is open."""
    return can_act(user, filing, Do.EDIT)


def can_start_filing(user: User, department, fiscal_year) -> tuple[bool, str]:
    """A filer of the department starts one of its filings while the year's window is open."""
    is_filer = DepartmentMembership.objects.filter(
        user=user, department_id=department.pk, role=DepartmentMembership.Role.FILER
    ).exists()
    if not is_filer:
        return False, _("Only the department's filers may start its self-evaluations.")
    if not fiscal_year.is_filing_open():
        return False, _("The filing window of this fiscal year is closed.")
    return True, ""


def can_start_evaluation(user: User, project) -> tuple[bool, str]:
    """A filer of the project's department starts its evaluation while the window is open."""
    return can_start_filing(user, project.department, project.fiscal_year)

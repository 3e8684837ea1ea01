"""Who may see, score, decide and assign reviews: functions returning (allowed, reason)."""

from django.utils.translation import gettext as _

from apps.accounts.models import BureauMembership, User
from apps.evaluations.models import Filing

from .models import ReviewerAssignment

REVIEW_ROLES = (BureauMembership.Role.REVIEWER, BureauMembership.Role.ADMIN)


def _roles(user: User, bureau_id: int) -> set[str]:
    return set(
        BureauMembership.objects.filter(user=user, bureau_id=bureau_id).values_list(
            "role", flat=True
        )
    )


def reviewing_bureau_ids(user: User) -> set[int]:
    """Ids of the bureaus the user reviews for (as a reviewer or an administrator)."""
    if not user.is_authenticated:
        return set()
    return set(
        BureauMembership.objects.filter(user=user, role__in=REVIEW_ROLES).values_list(
            "bureau_id", flat=True
        )
    )


def can_use_queue(user: User) -> tuple[bool, str]:
    """The review queue is for the reviewers and administrators of a bureau."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if user.is_superuser or reviewing_bureau_ids(user):
        return True, ""
    return False, _("Only the finance bureau's reviewers may open the review queue.")


def can_view_reviews(user: User, filing: Filing) -> tuple[bool, str]:
    """The bureau's reviewers and administrators see a filing's review page; filers do not."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if user.is_superuser or _roles(user, filing.fiscal_year.bureau_id):
        return True, ""
    return False, _("Only the reviewers of this filing's finance bureau may see its reviews.")


def can_review(user: User, filing: Filing) -> tuple[bool, str]:
    """A reviewer or administrator of the filing's bureau; once assigned, only the assigned.

    Bureau administrators may always review: they are the ones who assign.
    """
    if not user.is_authenticated:
        return False, _("Please log in.")
    roles = _roles(user, filing.fiscal_year.bureau_id)
    if BureauMembership.Role.ADMIN in roles:
        return True, ""
    if BureauMembership.Role.REVIEWER not in roles:
        return False, _("Only the reviewers of this filing's finance bureau may review it.")
    assigned = set(
        ReviewerAssignment.objects.filter(filing=filing).values_list("reviewer_id", flat=True)
    )
    if assigned and user.pk not in assigned:
        return False, _("This filing is assigned to other reviewers.")
    return True, ""


def can_assign(user: User, filing: Filing) -> tuple[bool, str]:
    """Only the administrators of the filing's bureau assign its reviewers."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if user.is_superuser or BureauMembership.Role.ADMIN in _roles(
        user, filing.fiscal_year.bureau_id
    ):
        return True, ""
    return False, _("Only the bureau's administrators may assign reviewers.")

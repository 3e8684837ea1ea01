"""The review queue's door, and where the filing guard reads reviewer assignments.

Who may see, score, decide and assign the reviews of a filing is decided by
apps.filings.permissions.can_act, with the assignments read through
`assigned_reviewer_ids` (registered in ReviewsConfig.ready).
"""

from django.utils.translation import gettext as _

from apps.accounts.models import BureauMembership, User
from apps.filings.models import Filing

from .models import ReviewerAssignment

REVIEW_ROLES = (BureauMembership.Role.REVIEWER, BureauMembership.Role.ADMIN)


def assigned_reviewer_ids(filing: Filing) -> set[int]:
    """Ids of the reviewers the filing is assigned to (prefetched assignments are used)."""
    cache = getattr(filing, "_prefetched_objects_cache", {})
    if "assignments" in cache:
        return {assignment.reviewer_id for assignment in cache["assignments"]}
    return set(
        ReviewerAssignment.objects.filter(filing_id=filing.pk).values_list("reviewer_id", flat=True)
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

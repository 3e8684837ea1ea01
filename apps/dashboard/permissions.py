"""Who may see a bureau's dashboard: functions returning (allowed, reason)."""

from django.utils.translation import gettext as _

from apps.accounts.models import BureauMembership, User
from apps.budgets.models import FiscalYear

DASHBOARD_ROLES = (BureauMembership.Role.REVIEWER, BureauMembership.Role.ADMIN)


def can_view_dashboard(user: User, fiscal_year: FiscalYear | None) -> tuple[bool, str]:
    """Reviewers and administrators of the year's bureau (and superusers) see its dashboard."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if fiscal_year is None:
        return False, _("No fiscal year is set up for you yet.")
    if user.is_superuser:
        return True, ""
    if user.bureau_memberships.filter(
        bureau_id=fiscal_year.bureau_id, role__in=DASHBOARD_ROLES
    ).exists():
        return True, ""
    return False, _("Only the finance bureau's reviewers and administrators see its dashboard.")

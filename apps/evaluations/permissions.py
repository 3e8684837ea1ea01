"""Who may see and edit a filing: functions returning (allowed, reason)."""

from django.utils.translation import gettext as _

from apps.accounts.models import DepartmentMembership, User
from apps.accounts.permissions import can_view_department

from .models import Filing

EDITABLE_STATUSES = {Filing.Status.DRAFT, Filing.Status.RETURNED}


def can_view_filing(user: User, filing: Filing) -> tuple[bool, str]:
    """Whoever may see the department may see its filings."""
    return can_view_department(user, filing.department)


def can_edit_filing(user: User, filing: Filing) -> tuple[bool, str]:
    """A filer of the department edits a draft or returned filing while the window is open."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    is_filer = DepartmentMembership.objects.filter(
        user=user, department_id=filing.department_id, role=DepartmentMembership.Role.FILER
    ).exists()
    if not is_filer:
        return False, _("Only the department's filers may edit its self-evaluations.")
    if filing.status not in EDITABLE_STATUSES:
        return False, _("This filing is %(status)s and cannot be edited.") % {
            "status": filing.get_status_display()
        }
    if not (filing.fiscal_year.is_filing_open() or filing.reopened):
        return False, _("The filing window of this fiscal year is closed.")
    return True, ""


def can_start_evaluation(user: User, project) -> tuple[bool, str]:
    """A filer of the project's department starts its evaluation while the window is open."""
    is_filer = DepartmentMembership.objects.filter(
        user=user, department_id=project.department_id, role=DepartmentMembership.Role.FILER
    ).exists()
    if not is_filer:
        return False, _("Only the department's filers may start its self-evaluations.")
    if not project.fiscal_year.is_filing_open():
        return False, _("The filing window of this fiscal year is closed.")
    return True, ""

"""Who may see and upload a department's disclosure tables (checked first in every view)."""

from django.utils.translation import gettext as _

from apps.accounts.models import DepartmentMembership, User
from apps.accounts.permissions import can_view_department


def can_view_disclosures(user: User, department) -> tuple[bool, str]:
    """Whoever may see the department: its people, its bureau's staff."""
    return can_view_department(user, department)


def can_upload_disclosure(user: User, department) -> tuple[bool, str]:
    """Only a filer of the department uploads its disclosure tables."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    is_filer = DepartmentMembership.objects.filter(
        user=user, department_id=department.pk, role=DepartmentMembership.Role.FILER
    ).exists()
    if not is_filer:
        return False, _("Only the department's filers may upload its final accounts.")
    return True, ""

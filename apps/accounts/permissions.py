"""Who may see what: functions returning (allowed, reason), checked first in every view."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.organizations.models import Department, FinanceBureau

from .models import BureauMembership, User


def departments_visible_to(user: User) -> QuerySet[Department]:
    """Departments a user may see: their own, or every one of the bureaus they work for."""
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return Department.objects.filter(
        Q(memberships__user=user) | Q(bureau__memberships__user=user)
    ).distinct()


def bureaus_of(user: User) -> QuerySet[FinanceBureau]:
    """Bureaus a user works in or files to."""
    if user.is_superuser:
        return FinanceBureau.objects.all()
    return FinanceBureau.objects.filter(
        Q(memberships__user=user) | Q(departments__memberships__user=user)
    ).distinct()


def administered_bureau_ids(user: User) -> set[int]:
    """Ids of the bureaus the user administers."""
    return set(
        user.bureau_memberships.filter(role=BureauMembership.Role.ADMIN).values_list(
            "bureau_id", flat=True
        )
    )


def can_view_department(user: User, department: Department) -> tuple[bool, str]:
    """A filer or head sees their own department; bureau staff see their bureau's."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if user.is_superuser:
        return True, ""
    if user.department_memberships.filter(department=department).exists():
        return True, ""
    if user.bureau_memberships.filter(bureau_id=department.bureau_id).exists():
        return True, ""
    return False, _("You do not have access to this department.")


def can_administer_bureau(user: User, bureau: FinanceBureau) -> tuple[bool, str]:
    """Only a bureau's administrators (and superusers) manage its years, departments and users."""
    if user.is_superuser or bureau.pk in administered_bureau_ids(user):
        return True, ""
    return False, _("Only the bureau's administrators may do this.")

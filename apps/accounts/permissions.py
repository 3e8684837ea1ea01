"""Who may see what: functions returning (allowed, reason), checked first in every view."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.organizations.models import Department, FinanceBureau

from .models import BureauMembership, DepartmentMembership, User


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
    # Two subqueries along the memberships' user index: a join through the bureau's departments
    # (thousands in a city) would read them all, on every page (the header's year switcher).
    filed_to = DepartmentMembership.objects.filter(user=user).values("department__bureau_id")
    works_in = BureauMembership.objects.filter(user=user).values("bureau_id")
    return FinanceBureau.objects.filter(Q(pk__in=works_in) | Q(pk__in=filed_to))


def administered_bureau_ids(user: User) -> set[int]:
    """Ids of the bureaus the user administers."""
    return set(
        user.bureau_memberships.filter(role=BureauMembership.Role.ADMIN).values_list(
            "bureau_id", flat=True
        )
    )


def users_manageable_by(admin_user: User) -> QuerySet[User]:
    """Users a bureau administrator may see, pick and change; superusers manage everyone.

    Only users whose every membership lies in a bureau the administrator administers: one
    membership elsewhere (or none at all) puts a user out of reach, and so does superuser
    status, so that no bureau can take over an account another bureau or the site relies on.
    """
    if admin_user.is_superuser:
        return User.objects.all()
    ids = administered_bureau_ids(admin_user)
    if not ids:
        return User.objects.none()
    inside = User.objects.filter(
        Q(bureau_memberships__bureau__in=ids)
        | Q(department_memberships__department__bureau__in=ids)
    )
    elsewhere_bureau = BureauMembership.objects.exclude(bureau__in=ids).values("user_id")
    elsewhere_department = DepartmentMembership.objects.exclude(department__bureau__in=ids).values(
        "user_id"
    )
    return (
        User.objects.filter(pk__in=inside.values("pk"), is_superuser=False)
        .exclude(pk__in=elsewhere_bureau)
        .exclude(pk__in=elsewhere_department)
    )


def can_manage_user(admin_user: User, user: User) -> tuple[bool, str]:
    """A bureau administrator changes only the users wholly inside their bureaus."""
    if users_manageable_by(admin_user).filter(pk=user.pk).exists():
        return True, ""
    return False, _("You may manage only the users of the bureaus you administer.")


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

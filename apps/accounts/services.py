"""Writes on users and their memberships."""

from django.db import transaction

from apps.organizations.models import Department, FinanceBureau

from .models import BureauMembership, DepartmentMembership, User


@transaction.atomic
def user_sync_staff(*, user: User) -> User:
    """Give admin-site access to exactly the superusers and bureau administrators."""
    is_staff = (
        user.is_superuser
        or user.bureau_memberships.filter(role=BureauMembership.Role.ADMIN).exists()
    )
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    return user


@transaction.atomic
def department_membership_grant(
    *, user: User, department: Department, role: str
) -> DepartmentMembership:
    """Make the user a filer or head of the department (idempotent)."""
    membership, _created = DepartmentMembership.objects.get_or_create(
        user=user, department=department, role=role
    )
    return membership


@transaction.atomic
def bureau_membership_grant(*, user: User, bureau: FinanceBureau, role: str) -> BureauMembership:
    """Make the user a reviewer or administrator of the bureau (idempotent)."""
    membership, _created = BureauMembership.objects.get_or_create(
        user=user, bureau=bureau, role=role
    )
    user_sync_staff(user=user)
    return membership

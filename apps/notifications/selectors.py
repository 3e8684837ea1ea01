"""Reads: who is told about a filing, who is reminded, and a user's notifications."""

from collections import Counter, defaultdict

from django.db.models import Count, QuerySet

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.budgets.models import FiscalYear, Project
from apps.filings.models import Filing
from apps.organizations.models import Department

from .models import Notification

# A filing the department still has to submit.
UNFINISHED_STATUSES = (Filing.Status.DRAFT, Filing.Status.RETURNED)


def notifications_for(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first; the list shows only the notification's own fields."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    """How many of the user's notifications are unread: one query."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def department_members(*, department_id: int, roles: tuple[str, ...]) -> list[User]:
    """Active users holding one of the roles in the department, each once."""
    return list(
        User.objects.filter(
            is_active=True,
            department_memberships__department_id=department_id,
            department_memberships__role__in=roles,
        )
        .distinct()
        .order_by("pk")
    )


def assigned_reviewers_of(*, filing: Filing) -> list[User]:
    """The active reviewers the filing is assigned to, each once (none when it is unassigned)."""
    return list(
        User.objects.filter(is_active=True, review_assignments__filing=filing)
        .distinct()
        .order_by("pk")
    )


def reviewers_of(*, filing: Filing) -> list[User]:
    """The reviewers assigned to the filing, or, when none is, every reviewer of its bureau."""
    assigned = assigned_reviewers_of(filing=filing)
    if assigned:
        return assigned
    return list(
        User.objects.filter(
            is_active=True,
            bureau_memberships__bureau_id=filing.fiscal_year.bureau_id,
            bureau_memberships__role=BureauMembership.Role.REVIEWER,
        )
        .distinct()
        .order_by("pk")
    )


def unfinished_work(*, fiscal_year: FiscalYear) -> dict[int, int]:
    """Per department id: filings still in draft or returned, plus projects not yet started."""
    counts: Counter[int] = Counter()
    for row in (
        Filing.objects.filter(fiscal_year=fiscal_year, status__in=UNFINISHED_STATUSES)
        .values("department_id")
        .annotate(n=Count("id"))
    ):
        counts[row["department_id"]] += row["n"]
    for row in (
        Project.objects.filter(fiscal_year=fiscal_year, filing__isnull=True)
        .values("department_id")
        .annotate(n=Count("id"))
    ):
        counts[row["department_id"]] += row["n"]
    return {department_id: n for department_id, n in counts.items() if n}


def filers_to_remind(*, fiscal_year: FiscalYear) -> dict[User, list[tuple[Department, int]]]:
    """Each active filer with unfinished work in the year, and their departments' counts."""
    work = unfinished_work(fiscal_year=fiscal_year)
    if not work:
        return {}
    memberships = (
        DepartmentMembership.objects.filter(
            department_id__in=work,
            department__bureau_id=fiscal_year.bureau_id,
            role=DepartmentMembership.Role.FILER,
            user__is_active=True,
        )
        .select_related("user", "department")
        .order_by("user_id", "department__budget_code")
    )
    found: dict[User, list[tuple[Department, int]]] = defaultdict(list)
    for membership in memberships:
        found[membership.user].append((membership.department, work[membership.department_id]))
    return dict(found)

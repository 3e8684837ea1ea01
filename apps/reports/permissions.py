"""Who may ask for a report and see its job: functions returning (allowed, reason)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.permissions import can_view_department
from apps.organizations.models import FinanceBureau

from .models import ReportJob

if TYPE_CHECKING:
    from .documents.common import Target


def can_see_department_reports(user: User, target: "Target") -> tuple[bool, str]:
    """The document of a filing or a department's bundle: whoever may see the department."""
    if target.department is None:
        return False, _("This report has no department.")
    return can_view_department(user, target.department)


def can_see_bureau_reports(user: User, bureau: FinanceBureau) -> tuple[bool, str]:
    """A year's summary and batch export: the bureau's reviewers and administrators."""
    if not user.is_authenticated:
        return False, _("Please log in.")
    if user.is_superuser or user.bureau_memberships.filter(bureau=bureau).exists():
        return True, ""
    return False, _("Only the finance bureau's reviewers and administrators may do this.")


def can_see_year_reports(user: User, target: "Target") -> tuple[bool, str]:
    return can_see_bureau_reports(user, target.bureau)


def can_view_job(user: User, job: ReportJob) -> tuple[bool, str]:
    """Whoever may request the job's document may follow and download it."""
    from .documents import kind_of, target_of

    return kind_of(job.kind).may_request(user, target_of(job))

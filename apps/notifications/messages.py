"""What a filing's transition tells whom: the kind, the recipients, the title and the body.

Called in the language the notices are written in (services switch to the site's language).
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from apps.accounts.models import DepartmentMembership, User
from apps.filings.kinds import shown_kind
from apps.filings.models import Filing, FilingEvent
from apps.filings.workflow import Action

from . import selectors
from .models import Notification

FILER = DepartmentMembership.Role.FILER
HEAD = DepartmentMembership.Role.HEAD

# The actions anyone is told about; the others (start_review, publish) tell nobody.
NOTIFIED_ACTIONS = frozenset(
    {
        Action.SUBMIT,
        Action.WITHDRAW,
        Action.HEAD_APPROVE,
        Action.HEAD_RETURN,
        Action.RETURN,
        Action.APPROVE,
        Action.REOPEN,
    }
)

Message = tuple[str, list[User], str, str]


def filing_name(filing: Filing) -> str:
    """What a message calls the filing, as its kind names it (the project's name …)."""
    return shown_kind(filing.kind).display_name(filing)


def filing_link(filing: Filing) -> str:
    """The page of the filing, as a path."""
    return reverse("filings:page", kwargs={"filing_pk": filing.pk})


def _filers(filing: Filing) -> list[User]:
    return selectors.department_members(department_id=filing.department_id, roles=(FILER,))


def _withdrawn(event: FilingEvent, filing: Filing, names: dict) -> Message | None:
    """Who was asked to act on the submission: the heads, or the reviewers assigned to it.

    A filing assigned to nobody was announced to every reviewer of the bureau; it simply leaves
    their queue, which is no news worth a message to each of them.
    """
    if event.from_status == Filing.Status.HEAD_REVIEW:
        recipients = selectors.department_members(department_id=filing.department_id, roles=(HEAD,))
    else:
        recipients = selectors.assigned_reviewers_of(filing=filing)
    if not recipients:
        return None
    return (
        Notification.Kind.WITHDRAWN,
        recipients,
        _("Self-evaluation withdrawn: %(filing)s") % names,
        _(
            "%(actor)s of %(department)s withdrew the self-evaluation “%(filing)s” for fiscal "
            "year %(year)s before its review started. You will be told when it is submitted again."
        )
        % names,
    )


def _reopened(event: FilingEvent, filing: Filing, names: dict) -> Message:
    """The filers, with the reason and the last day they may submit."""
    deadline = event.reopened_until or filing.reopened_until
    names = {**names, "deadline": formats.date_format(deadline, "DATE_FORMAT") if deadline else ""}
    return (
        Notification.Kind.REOPENED,
        _filers(filing),
        _("Self-evaluation reopened: %(filing)s, open until %(deadline)s") % names,
        _(
            "%(actor)s reopened the self-evaluation “%(filing)s” for fiscal year %(year)s. You "
            "may revise and submit it until %(deadline)s (that day included). Reason: %(reason)s"
        )
        % names,
    )


def event_message(event: FilingEvent, filing: Filing) -> Message | None:
    """Kind, recipients, title and body of the notification of an event, or None."""
    names = {
        "filing": filing_name(filing),
        "department": filing.department.name,
        "year": filing.fiscal_year.year,
        "actor": str(event.actor) if event.actor_id else filing.department.name,
        "reason": event.reason,
    }
    submitted_to_bureau = (
        event.action == Action.SUBMIT and event.to_status == Filing.Status.SUBMITTED
    ) or event.action == Action.HEAD_APPROVE
    if event.action == Action.SUBMIT and event.to_status == Filing.Status.HEAD_REVIEW:
        return (
            Notification.Kind.SUBMITTED,
            selectors.department_members(department_id=filing.department_id, roles=(HEAD,)),
            _("Self-evaluation awaiting your approval: %(filing)s") % names,
            _(
                "%(actor)s of %(department)s submitted the self-evaluation “%(filing)s” for "
                "fiscal year %(year)s. Approve it, or return it with a reason."
            )
            % names,
        )
    if submitted_to_bureau:
        return (
            Notification.Kind.SUBMITTED,
            selectors.reviewers_of(filing=filing),
            _("Self-evaluation submitted for review: %(filing)s") % names,
            _(
                "%(department)s submitted the self-evaluation “%(filing)s” for fiscal year "
                "%(year)s to the finance bureau for review."
            )
            % names,
        )
    if event.action == Action.WITHDRAW:
        return _withdrawn(event, filing, names)
    if event.action in (Action.RETURN, Action.HEAD_RETURN):
        return (
            Notification.Kind.RETURNED,
            _filers(filing),
            _("Self-evaluation returned for revision: %(filing)s") % names,
            _(
                "%(actor)s returned the self-evaluation “%(filing)s” for fiscal year %(year)s "
                "for revision. Reason: %(reason)s"
            )
            % names,
        )
    if event.action == Action.APPROVE:
        return (
            Notification.Kind.APPROVED,
            selectors.department_members(department_id=filing.department_id, roles=(FILER, HEAD)),
            _("Self-evaluation approved: %(filing)s") % names,
            _("%(actor)s approved the self-evaluation “%(filing)s” for fiscal year %(year)s.")
            % names,
        )
    if event.action == Action.REOPEN:
        return _reopened(event, filing, names)
    return None

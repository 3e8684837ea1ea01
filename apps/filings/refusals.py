"""Why the workflow refuses an action on a filing in its state, or with its window closed."""

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .models import Filing

S = Filing.Status


def status_refusal(filing: Filing, label: str | Promise, *, withdrawing: bool) -> str:
    """Why the filing's status does not allow the action (`label`, as the page names it)."""
    if withdrawing and filing.status in (S.DRAFT, S.RETURNED):
        return _("This filing has not been submitted: there is nothing to withdraw.")
    if withdrawing:
        return _(
            "The review of this filing has started (it is now %(status)s), so it can no longer "
            "be withdrawn. If it needs changes, ask the finance bureau to return it."
        ) % {"status": filing.get_status_display()}
    return _("This filing is already %(status)s; it cannot be %(action)s now.") % {
        "status": filing.get_status_display(),
        "action": label,
    }


def window_refusal(filing: Filing, *, withdrawing: bool) -> str:
    """Why the closed window refuses a submission, or a withdrawal that could not be undone."""
    if withdrawing:
        return _(
            "The filing window is closed: a withdrawn filing could not be submitted again, so "
            "this submission can no longer be withdrawn."
        )
    if filing.reopened_until is not None:
        return _(
            "This filing was reopened until %(date)s, and that day has passed. Ask the finance "
            "bureau to reopen it again."
        ) % {"date": filing.reopened_until}
    return _(
        "The filing window closed on %(date)s. Ask the finance bureau to reopen this filing."
    ) % {"date": filing.fiscal_year.filing_closes}

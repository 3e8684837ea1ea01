"""What a filing's form page says of its findings: all of them or the touched cells', and a refusal.

A filing nobody has saved yet opens with every required cell empty: listing each as an error is
a wall of red before the filer has typed anything. Its page shows the findings of the cells the
filer touched (the page's script keeps count of the others) until a save or a submission is
tried; a filing saved before shows them all.
"""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Filing


def shows_all_findings(request: HttpRequest, filing: Filing) -> bool:
    """Whether the page shows every finding: after a save or a refusal, or once ever saved."""
    # Saved, or submitted once (a draft of version 1 is one nobody saved; asking for its
    # revisions would cost the page a query).
    if request.method == "POST" or filing.version > 1 or filing.status != Filing.Status.DRAFT:
        return True
    # A refused submission (or any refusal) comes back to the page as an error message.
    return any(message.level >= messages.ERROR for message in messages.get_messages(request))


def refused_save_message(*, errors: int, unreadable: int) -> str:
    """The one message of a save refused for cells the form could not read."""
    if unreadable >= errors:
        return ngettext(
            "Not saved: %(count)s error needs fixing.",
            "Not saved: %(count)s errors need fixing.",
            errors,
        ) % {"count": errors}
    return ngettext(
        "Not saved: %(count)s error needs fixing; %(unreadable)s of them could not be read, "
        "and correcting those is enough to save.",
        "Not saved: %(count)s errors need fixing; %(unreadable)s of them could not be read, "
        "and correcting those is enough to save.",
        errors,
    ) % {"count": errors, "unreadable": unreadable}


def refused_save_reason(reason: str) -> str:
    """The one message of a save the service refused, with its reason."""
    return _("Not saved: %(reason)s") % {"reason": reason}

"""Reviewer assignments: who reviews a filing, chosen among its finance bureau's reviewers."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.filings.permissions import Do, can_act

from ..models import ReviewerAssignment
from ..selectors import reviewers_of_bureaus


@transaction.atomic
def reviewers_assign(
    *, filing: Filing, reviewers: Iterable[User], by: User
) -> list[ReviewerAssignment]:
    """Make exactly these people the filing's reviewers; none leaves it to every reviewer."""
    allowed, refusal = can_act(by, filing, Do.ASSIGN)
    if not allowed:
        raise ApplicationError(refusal)
    wanted = {user.pk: user for user in reviewers}
    eligible = set(
        reviewers_of_bureaus(bureau_ids=[filing.fiscal_year.bureau_id])
        .filter(pk__in=list(wanted))
        .values_list("pk", flat=True)
    )
    strangers = [str(user) for pk, user in wanted.items() if pk not in eligible]
    if strangers:
        raise ApplicationError(
            _("Only the reviewers of the filing's finance bureau can be assigned: %(names)s.")
            % {"names": "、".join(strangers)}
        )
    Filing.objects.select_for_update(of=("self",)).filter(pk=filing.pk).first()
    ReviewerAssignment.objects.filter(filing=filing).exclude(reviewer_id__in=list(wanted)).delete()
    kept = set(
        ReviewerAssignment.objects.filter(filing=filing).values_list("reviewer_id", flat=True)
    )
    for pk in wanted.keys() - kept:
        ReviewerAssignment.objects.create(filing=filing, reviewer_id=pk, assigned_by=by)
    return list(
        ReviewerAssignment.objects.filter(filing=filing)
        .select_related("reviewer")
        .order_by("reviewer__full_name", "reviewer__username")
    )

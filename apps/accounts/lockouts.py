"""Login throttling (django-axes): how failures count, the lockout page, and unlocking a user."""

import logging
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError

from .models import User
from .permissions import can_manage_user

logger = logging.getLogger(__name__)


class LoginAttemptHandler(AxesDatabaseHandler):
    """Counts an address's failures against its own, higher limit than an account's.

    Axes compares one number with AXES_FAILURE_LIMIT; the address's count is scaled onto that
    limit, so it reaches it exactly when the address reaches LOGIN_ADDRESS_FAILURE_LIMIT.
    The order of the counts is the order of AXES_LOCKOUT_PARAMETERS: username, ip_address.
    """

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        by_account, by_address = [*counts, 0, 0][:2]
        account_limit = settings.AXES_FAILURE_LIMIT
        address_limit = max(settings.LOGIN_ADDRESS_FAILURE_LIMIT, 1)
        return max(by_account, by_address * account_limit // address_limit)


def client_address(request: HttpRequest) -> str | None:
    """The address a login came from, past the TRUSTED_PROXY_COUNT proxies in front of us.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client's is the
    one that many places from the end; anything further left was written by the client.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if count <= 0 or not forwarded:
        return remote
    return forwarded[-min(count, len(forwarded))]


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """The login page's answer while locked: how long to wait and whom to ask, in the layout."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def can_unlock_login(by: User, user: User) -> tuple[bool, str]:
    """Whoever may manage a user (apps.accounts.permissions) may unlock their login."""
    allowed, _reason = can_manage_user(by, user)
    if allowed:
        return True, ""
    return False, _("You may unlock only the users of the bureaus you administer.")


@transaction.atomic
def login_unlock(*, user: User, by: User) -> int:
    """Forget the failed logins of the user's account, so it may log in at once."""
    allowed, reason = can_unlock_login(by, user)
    if not allowed:
        raise ApplicationError(reason)
    count, _deleted = AccessAttempt.objects.filter(username=user.get_username()).delete()
    logger.info("Login of user %s unlocked by user %s (%s attempts)", user.pk, by.pk, count)
    return count

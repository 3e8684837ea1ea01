"""A request whose user is logged in, for views behind login_required."""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Type of `request` in views that require a login."""

    user: User

"""Error views Django's defaults do not render safely here."""

from django.http import HttpRequest, HttpResponseBadRequest
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    """The 400 page, rendered without the request.

    A bad Host header is refused before the middleware sets request.user, and the context
    processors need it; the page's layout (error_base.html) needs no context at all.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html"))

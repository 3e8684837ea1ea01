"""Views of no app in particular: the error views Django's defaults do not render safely here,
and the load benchmark's floor."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    """The 400 page, rendered without the request.

    A bad Host header is refused before the middleware sets request.user, and the context
    processors need it; the page's layout (error_base.html) needs no context at all.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html"))


@login_required
def session_check(request: HttpRequest) -> HttpResponse:
    """The floor of the load benchmark (bench/load.py): the session is checked, nothing else.

    Every page is measured against this one: login_required reads the session and the user,
    as every page does, and the answer is two bytes of text.
    """
    return HttpResponse("ok", content_type="text/plain")

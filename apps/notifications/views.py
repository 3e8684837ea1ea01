"""A user's notifications: the list, opening one (marks it read), marking all read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from apps.accounts.http import AuthenticatedHttpRequest

from . import selectors
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 30


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's notifications, newest first, unread ones marked."""
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


# Opening takes the id in the POST body, not in the path: a notification belongs to one
# person, and the ids in paths are those of department objects (tests/test_scoped_urls.py).
@login_required
@require_POST
def notification_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mark the user's notification read and go to its page; someone else's is not found."""
    pk = request.POST.get("notification", "")
    if not pk.isdigit():
        raise Http404
    notification = selectors.notifications_for(user=request.user).filter(pk=int(pk)).first()
    if notification is None:
        raise Http404
    notification_mark_read(notification=notification)
    target = notification.link
    if not target or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = reverse("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mark every notification of the user read."""
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")

"""The unread count for the header's bell: one query, only if a page shows the bell."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict:
    """Template context: `unread_notification_count`, counted when first used; none if anonymous."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notification_count": SimpleLazyObject(lambda: unread_count(user=user))}

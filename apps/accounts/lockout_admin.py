"""Admin of failed logins: each bureau administrator sees and clears their own users' only."""

from axes.models import AccessAttempt, AccessLog
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError

from .lockouts import login_unlock
from .models import User
from .permissions import administered_bureau_ids, users_manageable_by


@admin.action(description=gettext_lazy("Unlock login after failed attempts"))
def unlock_login(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[User]):
    """The user admin's action: each selected user may log in again at once."""
    for user in queryset:
        try:
            login_unlock(user=user, by=request.user)  # type: ignore[arg-type]
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(user)s may log in again.") % {"user": user})


class OwnUsersAttemptsAdmin(admin.ModelAdmin):
    """Rows about usernames the administrator manages; read-only except deletion."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        usernames = users_manageable_by(request.user).values("username")  # type: ignore[arg-type]
        return queryset.filter(username__in=usernames)

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if not administered_bureau_ids(request.user):  # type: ignore[arg-type]
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(OwnUsersAttemptsAdmin):
    """Deleting a user's attempts unlocks the user."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = readonly_fields = (
        "username",
        "ip_address",
        "user_agent",
        "attempt_time",
        "failures_since_start",
    )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)


@admin.register(AccessLog)
class AccessLogAdmin(OwnUsersAttemptsAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = readonly_fields = (
        "username",
        "ip_address",
        "user_agent",
        "attempt_time",
        "logout_time",
    )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

"""Admin for following report jobs (a bureau's layouts are set on its scoring policies)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.core.exceptions import ApplicationError

from .models import ReportJob
from .services import report_retry


@admin.register(ReportJob)
class ReportJobAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "pk",
        "kind",
        "fiscal_year",
        "department",
        "state",
        "progress",
        "attempts",
        "requested_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["state", "kind", "bureau"]
    list_select_related = ["fiscal_year__bureau", "department", "requested_by"]
    search_fields = ["department__name", "file_name", "error"]
    readonly_fields = [f.name for f in ReportJob._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Try the selected failed reports again"))
    def retry(self, request, queryset):
        count = 0
        for job in queryset.filter(state=ReportJob.State.FAILED):
            try:
                report_retry(job=job, by=request.user)
                count += 1
            except ApplicationError as error:
                self.message_user(request, str(error), messages.ERROR)
        self.message_user(
            request, _("%(count)d reports queued again.") % {"count": count}, messages.SUCCESS
        )

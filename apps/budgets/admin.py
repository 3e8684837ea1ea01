"""Admin for fiscal years and projects, scoped to the administrator's bureau."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.exchange.imports import ScopedImportExportMixin

from .models import FiscalYear, Project
from .resources import ProjectResource


@admin.register(FiscalYear)
class FiscalYearAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "bureau", "status", "filing_opens", "filing_closes"]
    list_filter = ["status", "bureau", "year"]
    search_fields = ["year", "bureau__name"]
    list_select_related = ["bureau"]


@admin.register(Project)
class ProjectAdmin(ScopedImportExportMixin, BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "department__bureau"
    list_display = ["code", "name", "department", "fiscal_year", "adjusted_budget"]
    list_display_links = ["code", "name"]
    list_filter = ["fiscal_year__year", "department"]
    search_fields = ["name", "code", "department__name", "implementing_unit"]
    autocomplete_fields = ["department"]
    list_select_related = ["department", "fiscal_year__bureau"]
    resource_classes = [ProjectResource]
    import_scope_label = _("fiscal year")

    def import_scope_queryset(self, request: HttpRequest):
        """The year the sheet goes into: one of a bureau the administrator administers."""
        years = FiscalYear.objects.select_related("bureau").order_by("bureau", "-year")
        if request.user.is_superuser:
            return years
        return years.filter(bureau__in=self._bureau_ids(request))

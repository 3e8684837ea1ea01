"""Admin for fiscal years and projects, scoped to the administrator's bureau."""

from django.contrib import admin

from apps.accounts.admin import BureauScopedAdminMixin

from .models import FiscalYear, Project


@admin.register(FiscalYear)
class FiscalYearAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "bureau", "status", "filing_opens", "filing_closes"]
    list_filter = ["status", "bureau", "year"]
    search_fields = ["year", "bureau__name"]
    list_select_related = ["bureau"]


@admin.register(Project)
class ProjectAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "department__bureau"
    list_display = ["code", "name", "department", "fiscal_year", "adjusted_budget"]
    list_display_links = ["code", "name"]
    list_filter = ["fiscal_year__year", "department"]
    search_fields = ["name", "code", "department__name", "implementing_unit"]
    autocomplete_fields = ["department"]
    list_select_related = ["department", "fiscal_year__bureau"]

"""Admin for bureaus (superusers) and departments (bureau administrators)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.exchange.imports import ScopedImportExportMixin

from .models import Department, FinanceBureau
from .resources import DepartmentResource


@admin.register(FinanceBureau)
class FinanceBureauAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region_code", "level"]
    list_filter = ["level"]
    search_fields = ["name", "region_code"]

    def bureau_id_of(self, obj) -> int | None:
        return obj.pk

    def get_queryset(self, request: HttpRequest):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=self._bureau_ids(request))

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Department)
class DepartmentAdmin(ScopedImportExportMixin, BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = ["budget_code", "name", "nature", "parent", "contact_person", "contact_phone"]
    list_display_links = ["budget_code", "name"]
    list_filter = ["nature", "bureau"]
    search_fields = ["name", "budget_code", "contact_person"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent", "bureau"]

    resource_classes = [DepartmentResource]
    import_scope_label = _("finance bureau")

    def import_scope_queryset(self, request: HttpRequest):
        """The bureau the sheet goes into: one the administrator administers."""
        bureaus = FinanceBureau.objects.all()
        if request.user.is_superuser:
            return bureaus
        return bureaus.filter(pk__in=self._bureau_ids(request))

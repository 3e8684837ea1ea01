"""The classification catalogue in the admin: national data, changed by superusers only.

It belongs to no bureau, so bureau administrators do not see it (the bureau-scoped admin walk
in tests/test_scoped_admin.py only admits bureau data or superuser-only admins).
"""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from apps.exchange.imports import CheckedXLSX

from .models import Classification
from .resources import ClassificationResource


@admin.register(Classification)
class ClassificationAdmin(ImportExportModelAdmin):
    resource_classes = [ClassificationResource]
    import_formats = [CheckedXLSX]
    export_formats = [CheckedXLSX]
    list_display = ("year", "scheme", "code", "name", "level", "parent_code")
    list_filter = ("year", "scheme", "level")
    search_fields = ("code", "name")
    readonly_fields = ("level", "parent_code")

    def _superuser(self, request) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request) -> bool:
        return self._superuser(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_add_permission(self, request) -> bool:
        return self._superuser(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_import_permission(self, request) -> bool:
        return self._superuser(request)

    def has_export_permission(self, request) -> bool:
        return self._superuser(request)

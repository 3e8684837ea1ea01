"""Admin for users and memberships, scoped to the bureaus the staff member administers."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import FinanceBureau

from .lockout_admin import unlock_login
from .models import BureauMembership, DepartmentMembership, User
from .permissions import administered_bureau_ids
from .services import user_sync_staff


class BureauScopedAdminMixin:
    """Lets a bureau administrator manage only their bureau's rows; superusers see all.

    `bureau_field` is the lookup from the model to its FinanceBureau.
    """

    bureau_field = "bureau"

    def _bureau_ids(self, request: HttpRequest) -> set[int]:
        cached = getattr(request, "_jixiao_bureau_ids", None)
        if cached is None:
            cached = administered_bureau_ids(request.user)  # type: ignore[arg-type]
            setattr(request, "_jixiao_bureau_ids", cached)  # noqa: B010
        return cached

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        ids = self._bureau_ids(request)
        if not ids:
            return False
        return obj is None or self.bureau_id_of(obj) in ids

    def bureau_id_of(self, obj) -> int | None:
        value = obj
        for part in self.bureau_field.split("__"):
            value = getattr(value, part, None)
        return getattr(value, "pk", None)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.bureau_field}__in": self._bureau_ids(request)})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser:
            ids = self._bureau_ids(request)
            model = db_field.related_model
            if model is FinanceBureau:
                kwargs["queryset"] = FinanceBureau.objects.filter(pk__in=ids)
            elif hasattr(model, "bureau"):
                kwargs["queryset"] = model._default_manager.filter(bureau__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class DepartmentMembershipInline(BureauScopedAdminMixin, admin.TabularInline):
    model = DepartmentMembership
    bureau_field = "department__bureau"
    extra = 0
    autocomplete_fields = ["department"]


class BureauMembershipInline(BureauScopedAdminMixin, admin.TabularInline):
    model = BureauMembership
    extra = 0


@admin.register(User)
class UserAdmin(BureauScopedAdminMixin, DjangoUserAdmin):
    inlines = [DepartmentMembershipInline, BureauMembershipInline]
    actions = [unlock_login]
    list_display = ["username", "full_name", "phone", "is_active", "is_staff", "last_login"]
    list_filter = [
        "is_active",
        "is_staff",
        "department_memberships__role",
        "bureau_memberships__role",
    ]
    search_fields = ["username", "full_name", "phone", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "phone", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "phone", "password1", "password2"),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = DjangoUserAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        ids = self._bureau_ids(request)
        return queryset.filter(
            Q(department_memberships__department__bureau__in=ids)
            | Q(bureau_memberships__bureau__in=ids)
        ).distinct()

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if obj is None or request.user.is_superuser:
            return super()._allowed(request)
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if request.user.is_superuser:
            return ["is_staff"]
        # Staff status follows the bureau-administrator role; only superusers make superusers.
        return ["is_staff", "is_superuser", "last_login", "date_joined"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        user_sync_staff(user=form.instance)


@admin.register(DepartmentMembership)
class DepartmentMembershipAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "department__bureau"
    list_display = ["user", "department", "role", "created_at"]
    list_filter = ["role", "department__bureau"]
    search_fields = ["user__username", "user__full_name", "department__name"]
    autocomplete_fields = ["user", "department"]


@admin.register(BureauMembership)
class BureauMembershipAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "bureau", "role", "created_at"]
    list_filter = ["role", "bureau"]
    search_fields = ["user__username", "user__full_name", "bureau__name"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        user_sync_staff(user=obj.user)

    def delete_model(self, request, obj) -> None:
        user = obj.user
        super().delete_model(request, obj)
        user_sync_staff(user=user)

"""Admin for users and memberships, scoped to the bureaus the staff member administers."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.exchange.imports import ScopedImportExportMixin
from apps.organizations.models import FinanceBureau

from .lockout_admin import unlock_login
from .models import BureauMembership, DepartmentMembership, User
from .permissions import can_manage_user, users_manageable_by
from .resources import UserResource
from .scoped_admin import BureauScopedAdminMixin
from .services import user_sync_staff


class MembershipFormSet(BaseInlineFormSet):
    """The memberships of a user; a bureau administrator's new user must get at least one.

    A user without a membership belongs to no bureau, so no bureau administrator could see
    them again. The user page's membership formsets share one list (`siblings`); the last one
    cleaned checks them all.
    """

    def __init__(self, *args, siblings: list | None = None, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.siblings = siblings if siblings is not None else []
        self.siblings.append(self)
        self.required = required

    def clean(self) -> None:
        super().clean()
        if not self.required or self is not self.siblings[-1]:
            return
        kept = [
            form
            for formset in self.siblings
            for form in formset.forms
            if form.has_changed()
            and getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(
                _("Give the new user a role in one of your departments or in your bureau.")
            )


class DepartmentMembershipInline(BureauScopedAdminMixin, admin.TabularInline):
    model = DepartmentMembership
    formset = MembershipFormSet
    bureau_field = "department__bureau"
    managed_user_field = "user"
    extra = 0
    autocomplete_fields = ["department"]


class BureauMembershipInline(BureauScopedAdminMixin, admin.TabularInline):
    model = BureauMembership
    formset = MembershipFormSet
    managed_user_field = "user"
    extra = 0


@admin.register(User)
class UserAdmin(ScopedImportExportMixin, BureauScopedAdminMixin, DjangoUserAdmin):
    resource_classes = [UserResource]
    import_scope_label = _("finance bureau")
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

    def import_scope_queryset(self, request: HttpRequest) -> QuerySet:
        """The bureau whose departments the imported users join: one the admin administers."""
        if request.user.is_superuser:
            return FinanceBureau.objects.all()
        return FinanceBureau.objects.filter(pk__in=self._bureau_ids(request))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = DjangoUserAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=users_manageable_by(request.user).values("pk"))  # type: ignore[arg-type]

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if obj is None or request.user.is_superuser:
            return super()._allowed(request)
        return can_manage_user(request.user, obj)[0]  # type: ignore[arg-type]

    def get_formset_kwargs(self, request: HttpRequest, obj, inline, prefix: str) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, MembershipFormSet):
            siblings = getattr(request, "_jixiao_membership_formsets", None)
            if siblings is None:
                siblings = []
                setattr(request, "_jixiao_membership_formsets", siblings)  # noqa: B010
            kwargs["siblings"] = siblings
            kwargs["required"] = obj._state.adding and not request.user.is_superuser
        return kwargs

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
    managed_user_field = "user"
    list_display = ["user", "department", "role", "created_at"]
    list_filter = ["role", "department__bureau"]
    search_fields = ["user__username", "user__full_name", "department__name"]
    autocomplete_fields = ["user", "department"]


@admin.register(BureauMembership)
class BureauMembershipAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    managed_user_field = "user"
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

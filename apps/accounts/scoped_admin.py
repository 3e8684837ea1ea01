"""The admin as a bureau administrator sees it: their bureaus' rows, choices and filters only.

Every admin of the project inherits `BureauScopedAdminMixin`, so one place decides what a bureau
administrator may list, open, pick in a form and filter by. A choice field is limited by its
queryset, and Django validates a posted id against that queryset: an id outside the bureau is a
form error, not merely an option left out of the widget.
"""

from collections import deque

from django.contrib import admin
from django.contrib.admin.filters import (
    AllValuesFieldListFilter,
    ListFilter,
    RelatedFieldListFilter,
    RelatedOnlyFieldListFilter,
)
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.organizations.models import FinanceBureau

from .models import User
from .permissions import administered_bureau_ids, users_manageable_by

MAX_LOOKUP_DEPTH = 4


def bureau_lookup(model: type[models.Model]) -> str | None:
    """The lookup from a model to its finance bureau, or None when it has none.

    The lookup its admin declares comes first; otherwise the shortest chain of foreign keys
    that reaches FinanceBureau (a filing's revision: filing → fiscal year → bureau).
    """
    if model is FinanceBureau:
        return "pk"
    model_admin = admin.site._registry.get(model)
    if isinstance(model_admin, BureauScopedAdminMixin):
        return model_admin.bureau_field
    queue: deque[tuple[type[models.Model], str]] = deque([(model, "")])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                continue
            related = field.related_model
            if not isinstance(related, type):
                continue
            lookup = f"{path}__{field.name}" if path else field.name
            if related is FinanceBureau:
                return lookup
            if related not in seen and lookup.count("__") < MAX_LOOKUP_DEPTH - 1:
                seen.add(related)
                queue.append((related, lookup))
    return None


def choices_for(model: type[models.Model], user: User, bureau_ids: set[int]) -> QuerySet:
    """What a bureau administrator may pick of `model`; nothing when it has no bureau."""
    if model is User:
        return users_manageable_by(user)
    lookup = bureau_lookup(model)
    if lookup is None:
        return model._default_manager.none()
    return model._default_manager.filter(**{f"{lookup}__in": bureau_ids})


class OwnValuesFieldListFilter(AllValuesFieldListFilter):
    """Offers the values found in the rows the administrator sees, not in the whole table."""

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = (
            model_admin.get_queryset(request)
            .distinct()
            .order_by(field_path)
            .values_list(field_path, flat=True)
        )


class BureauScopedAdminMixin:
    """Lets a bureau administrator manage only their bureau's rows; superusers see all.

    `bureau_field` is the lookup from the model to its FinanceBureau. `managed_user_field`,
    when set, also hides rows about users the administrator may not manage (memberships).
    """

    bureau_field = "bureau"
    managed_user_field: str | None = None

    def _bureau_ids(self, request: HttpRequest) -> set[int]:
        cached = getattr(request, "_jixiao_bureau_ids", None)
        if cached is None:
            cached = administered_bureau_ids(request.user)  # type: ignore[arg-type]
            setattr(request, "_jixiao_bureau_ids", cached)  # noqa: B010
        return cached

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if not self._bureau_ids(request):
            return False
        if isinstance(self, InlineModelAdmin):
            # An inline is asked about its parent object, which the parent's admin has checked.
            return True
        return obj is None or self.bureau_id_of(obj) in self._bureau_ids(request)

    def bureau_id_of(self, obj) -> int | None:
        value = obj
        for part in self.bureau_field.split("__"):
            value = getattr(value, part, None)
        return getattr(value, "pk", None)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return queryset
        queryset = queryset.filter(**{f"{self.bureau_field}__in": self._bureau_ids(request)})
        if self.managed_user_field:
            manageable = users_manageable_by(request.user)  # type: ignore[arg-type]
            queryset = queryset.filter(**{f"{self.managed_user_field}__in": manageable})
        return queryset

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

    def scoped_choices(self, request: HttpRequest, model, queryset: QuerySet | None = None):
        """`queryset` (or all of `model`) narrowed to what the administrator may pick."""
        if queryset is None:
            queryset = model._default_manager.all()
        if request.user.is_superuser:
            return queryset
        allowed = choices_for(model, request.user, self._bureau_ids(request))  # type: ignore[arg-type]
        return queryset.filter(pk__in=allowed.values("pk"))

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = self.scoped_choices(
                request, db_field.related_model, kwargs.get("queryset")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if not request.user.is_superuser:
            kwargs["queryset"] = self.scoped_choices(
                request, db_field.related_model, kwargs.get("queryset")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def get_list_filter(self, request: HttpRequest):
        filters = super().get_list_filter(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return filters
        return [self._scoped_filter(spec) for spec in filters]

    def _scoped_filter(self, spec):
        """A filter over a relation lists only the objects found in the administrator's rows."""
        if isinstance(spec, type) and issubclass(spec, ListFilter):
            return spec  # a project filter decides its own choices
        path, filter_class = (spec, None) if isinstance(spec, str) else spec
        if filter_class not in (None, RelatedFieldListFilter, AllValuesFieldListFilter):
            return spec
        field = get_fields_from_path(self.model, path)[-1]  # type: ignore[attr-defined]
        if field.is_relation:
            return (path, RelatedOnlyFieldListFilter)
        if filter_class or not (
            field.flatchoices or isinstance(field, models.BooleanField | models.DateField)
        ):
            return (path, OwnValuesFieldListFilter)
        return spec

"""Admin for the 打分表 (scoring sheets): a bureau's versions, their rows, the shipped one.

Every bureau administrator sees the shipped rubric (no bureau) read-only, next to their own
bureau's; they copy it to edit. A rubric in use is read-only too: its page says to make a new
version. The admin actions call `apps.indicators.rubrics`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.core.exceptions import ApplicationError
from apps.exchange.download import xlsx_response
from apps.exchange.imports import CheckedXLSX, ScopedImportExportMixin
from apps.organizations.models import FinanceBureau

from .models import Rubric, RubricItem
from .resources import RubricItemResource
from .rubrics import rubric_change_refusal, rubric_copy, rubric_in_use, rubric_new_version


def _refusal(request: HttpRequest, rubric: Rubric) -> str | None:
    """Why the rubric is frozen, asked once per request: every permission check wants it."""
    cache: dict[int, str | None] | None = getattr(request, "_jixiao_rubric_refusals", None)
    if cache is None:
        cache = {}
        setattr(request, "_jixiao_rubric_refusals", cache)  # noqa: B010
    if rubric.pk not in cache:
        cache[rubric.pk] = rubric_change_refusal(rubric)
    return cache[rubric.pk]


class RubricItemInline(BureauScopedAdminMixin, admin.TabularInline):
    model = RubricItem
    bureau_field = "rubric__bureau"
    extra = 0
    fields = [
        "position",
        "level1",
        "level2",
        "level3",
        "weight",
        "explanation",
        "standard",
        "whole",
        "sample",
        "qualitative",
        "quantitative",
        "is_deduction",
        "computation",
        "note",
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 28})},
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The shipped rubric's rows too, to read: the formset narrows them to the one rubric.
        queryset = super().get_queryset(request)
        if request.user.is_superuser or not self._bureau_ids(request):
            return queryset
        return queryset | self.model._default_manager.filter(rubric__bureau__isnull=True)

    def _editable(self, request: HttpRequest, rubric: Rubric | None) -> bool:
        return rubric is None or _refusal(request, rubric) is None

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


@admin.register(Rubric)
class RubricAdmin(ScopedImportExportMixin, BureauScopedAdminMixin, admin.ModelAdmin):
    """Its import fills the rows of a version nothing uses; its export writes the rows of the
    rubrics listed (search for one name and version first)."""

    inlines = [RubricItemInline]
    resource_classes = [RubricItemResource]
    import_scope_label = _("scoring sheet")
    list_display = ["name", "version", "owner", "based_on", "in_use"]
    list_select_related = ["bureau", "based_on"]
    search_fields = ["name"]
    actions = ["copy_to_my_bureau", "new_version", "export_rows"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser or not self._bureau_ids(request):
            return queryset
        return queryset | self.model._default_manager.filter(bureau__isnull=True)

    def import_scope_queryset(self, request: HttpRequest) -> QuerySet:
        """The versions of the administrator's bureaus that nothing uses yet."""
        rubrics = Rubric.objects.filter(bureau__isnull=False).select_related("bureau")
        if not request.user.is_superuser:
            rubrics = rubrics.filter(bureau__in=self._bureau_ids(request))
        editable = [rubric.pk for rubric in rubrics if _refusal(request, rubric) is None]
        return rubrics.filter(pk__in=editable)

    def get_data_for_export(self, request: HttpRequest, queryset, **kwargs):
        """The rows of the rubrics listed, in order."""
        items = RubricItem.objects.filter(rubric__in=queryset).order_by("rubric", "position", "pk")
        return super().get_data_for_export(request, items, **kwargs)

    def _shipped_for_viewing(self, request: HttpRequest, obj: Rubric | None) -> bool:
        """The shipped rubric is every bureau administrator's to read."""
        return (
            obj is not None
            and obj.bureau_id is None
            and (request.user.is_superuser or bool(self._bureau_ids(request)))
        )

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._shipped_for_viewing(request, obj) or super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and _refusal(request, obj) is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and _refusal(request, obj) is not None:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # A copy's origin is the services' to set, and a rubric stays in its bureau.
        return ["based_on"] if obj is None else ["bureau", "based_on"]

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not request.user.is_superuser and "bureau" in form.base_fields:
            # Only the system ships rubrics without a bureau.
            form.base_fields["bureau"].required = True
        return form

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if request.method == "GET" and obj is not None and self.has_view_permission(request, obj):
            refusal = _refusal(request, obj)
            if refusal is not None:
                self.message_user(request, refusal, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("finance bureau"), ordering="bureau__name")
    def owner(self, obj: Rubric) -> str:
        return obj.bureau.name if obj.bureau else gettext("Shipped with the system")

    @admin.display(description=_("in use"), boolean=True)
    def in_use(self, obj: Rubric) -> bool:
        return rubric_in_use(obj)

    @admin.action(description=_("Copy to my bureau"), permissions=["add"])
    def copy_to_my_bureau(self, request: HttpRequest, queryset: QuerySet[Rubric]) -> None:
        bureau_ids = self._bureau_ids(request)
        if len(bureau_ids) != 1:
            refusal = (
                gettext("Only a bureau administrator can copy a scoring sheet to their bureau.")
                if not bureau_ids
                else gettext(
                    "You administer several bureaus: add the scoring sheet in the bureau you "
                    "want it in instead."
                )
            )
            self.message_user(request, refusal, messages.ERROR)
            return
        bureau = FinanceBureau.objects.get(pk=next(iter(bureau_ids)))
        for rubric in queryset:
            copy = rubric_copy(rubric=rubric, bureau=bureau)
            self.log_addition(request, copy, [{"added": {}}])
            self.message_user(
                request,
                gettext("%(rubric)s was copied to %(bureau)s as %(copy)s.")
                % {"rubric": rubric, "bureau": bureau.name, "copy": copy},
                messages.SUCCESS,
            )

    @admin.action(description=_("New version"), permissions=["add"])
    def new_version(self, request: HttpRequest, queryset: QuerySet[Rubric]) -> None:
        for rubric in queryset:
            try:
                copy = rubric_new_version(rubric=rubric)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.ERROR)
                continue
            self.log_addition(request, copy, [{"added": {}}])
            self.message_user(
                request,
                gettext("%(copy)s was made from %(rubric)s: change it there.")
                % {"rubric": rubric, "copy": copy},
                messages.SUCCESS,
            )

    @admin.action(description=_("Download the rows as a workbook (.xlsx)"), permissions=["view"])
    def export_rows(self, request: HttpRequest, queryset: QuerySet[Rubric]):
        """One scoring sheet's rows, to fill in and import into a version nothing uses."""
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Choose exactly one scoring sheet to download."), messages.ERROR
            )
            return None
        rubric = queryset.get()
        dataset = RubricItemResource().export(rubric.items.order_by("position", "pk"))
        return xlsx_response(
            CheckedXLSX().export_data(dataset),
            filename=f"{rubric.name}-v{rubric.version}.xlsx",
            fallback=f"rubric-{rubric.pk}-v{rubric.version}.xlsx",
        )

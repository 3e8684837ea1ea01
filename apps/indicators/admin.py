"""Admin for a bureau's indicator frameworks: taxonomy, library, scoring policies, 打分表."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.exchange.imports import ScopedImportExportMixin
from apps.organizations.models import FinanceBureau

from . import rubric_admin  # noqa: F401  (registers the 打分表 admin)
from .layouts import layout_choices
from .models import (
    Framework,
    IndicatorCategory,
    LibraryIndicator,
    PolicyGroupWeight,
    Rubric,
    ScoringPolicy,
)
from .resources import LibraryIndicatorResource


def _category_label(category: IndicatorCategory) -> str:
    return gettext("%(framework)s: %(category)s") % {
        "framework": category.get_framework_display(),
        "category": category,
    }


class CategoryChoicesMixin:
    """Indicator choices name their framework: both trees may hold 产出指标 › 数量指标."""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is IndicatorCategory:
            kwargs.setdefault("queryset", IndicatorCategory.objects.select_related("parent"))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if db_field.related_model is IndicatorCategory and field is not None:
            field.label_from_instance = _category_label
        return field


class PolicyGroupWeightInline(CategoryChoicesMixin, BureauScopedAdminMixin, admin.TabularInline):
    model = PolicyGroupWeight
    bureau_field = "policy__fiscal_year__bureau"
    extra = 0


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "fiscal_year__bureau"
    inlines = [PolicyGroupWeightInline]
    list_display = [
        "fiscal_year",
        "framework",
        "execution_weight",
        "reverse_formula",
        "layout_label",
        "amount_unit",
        "department_basis",
        "rubric",
    ]
    list_filter = ["framework", "fiscal_year__bureau", "reverse_formula", "amount_unit"]
    list_select_related = ["fiscal_year__bureau", "rubric"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "fiscal_year",
                    "framework",
                    "layout",
                    "amount_unit",
                    "split_fiscal_funding",
                )
            },
        ),
        (
            _("Scoring rules"),
            {
                "fields": (
                    "execution_weight",
                    "reverse_formula",
                    ("qualitative_high_floor", "qualitative_mid_floor"),
                    "excess_ratio",
                    "rescale_not_applicable",
                    "filers_may_propose_not_applicable",
                    "low_execution_explanation_below",
                    ("grade_excellent", "grade_good", "grade_pass"),
                    ("cap_rate_below", "cap_max_total"),
                )
            },
        ),
        (_("Department overall expenditure"), {"fields": ("department_basis", "rubric")}),
    )

    @admin.display(description=_("form layout"), ordering="layout")
    def layout_label(self, policy: ScoringPolicy) -> str:
        return str(policy.form_layout().label)

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "layout":
            # The shipped layouts of both frameworks; clean() refuses one of the other framework.
            choices = [("", _("The framework's default"))] + [
                (key, f"{framework.label}: {label}")
                for framework in Framework
                for key, label in layout_choices(framework.value)
            ]
            return forms.ChoiceField(
                label=db_field.verbose_name,
                choices=choices,
                required=False,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "rubric" and field is not None and not request.user.is_superuser:
            # The shipped 打分表 belongs to no bureau, and any bureau may score by it as it is.
            field.queryset = field.queryset | Rubric.objects.filter(bureau__isnull=True)
        return field


@admin.register(IndicatorCategory)
class IndicatorCategoryAdmin(CategoryChoicesMixin, BureauScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "framework",
        "level",
        "parent",
        "position",
        "in_standard_tree",
        "bureau",
    ]
    list_filter = ["framework", "level", "in_standard_tree", "bureau"]
    search_fields = ["name", "parent__name"]
    list_select_related = ["parent", "bureau"]


@admin.register(LibraryIndicator)
class LibraryIndicatorAdmin(
    ScopedImportExportMixin, CategoryChoicesMixin, BureauScopedAdminMixin, admin.ModelAdmin
):
    bureau_field = "category__bureau"
    resource_classes = [LibraryIndicatorResource]
    import_scope_label = _("finance bureau")
    list_display = ["name", "framework", "category", "comparator", "target", "unit"]
    list_filter = ["category__framework", "category__parent", "category", "comparator"]
    search_fields = ["name", "category__name", "explanation"]
    list_select_related = ["category__parent"]

    @admin.display(description=_("framework"), ordering="category__framework")
    def framework(self, obj: LibraryIndicator) -> str:
        return obj.category.get_framework_display()

    def import_scope_queryset(self, request: HttpRequest):
        """The bureau whose library the sheet goes into: one the administrator administers."""
        if request.user.is_superuser:
            return FinanceBureau.objects.all()
        return FinanceBureau.objects.filter(pk__in=self._bureau_ids(request))

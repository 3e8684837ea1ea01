"""Filings of every kind in the admin for bureau staff: read-only data, actions through services."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.core.exceptions import ApplicationError

from .kinds import kind_choices
from .models import Filing, FilingEvent, FilingRevision
from .workflow import Action, filing_transition


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class FilingEventInline(ReadOnlyInline):
    model = FilingEvent
    fields = ("created_at", "actor", "action", "from_status", "to_status", "reason")
    readonly_fields = fields


class FilingRevisionInline(ReadOnlyInline):
    model = FilingRevision
    fields = ("number", "created_at", "submitted_by", "total_score", "grade")
    readonly_fields = fields


class KindListFilter(admin.SimpleListFilter):
    """The registered kinds by their labels (Filing.kind names a kind and has no choices)."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return kind_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(kind=value) if value else queryset


def filings_act(
    modeladmin, request: HttpRequest, queryset: QuerySet, act: Callable[[Filing], object]
):
    """Do `act` to each selected filing; report how many changed and why others did not."""
    done, refused = 0, []
    for filing in queryset:
        try:
            act(filing)
            done += 1
        except ApplicationError as error:
            refused.append(f"{filing}：{error.message}")
    if done:
        modeladmin.message_user(
            request, gettext("%(count)d filings changed.") % {"count": done}, messages.SUCCESS
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


@admin.action(description=_("Publish the selected filings"))
def publish_filings(modeladmin, request, queryset):
    filings_act(
        modeladmin,
        request,
        queryset,
        lambda filing: filing_transition(filing=filing, action=Action.PUBLISH, by=request.user),
    )


@admin.register(Filing)
class FilingAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "fiscal_year__bureau"
    list_display = [
        "__str__",
        "department",
        "kind_label",
        "fiscal_year",
        "status",
        "total_score",
        "grade",
        "error_count",
        "updated_at",
    ]
    list_filter = ["status", KindListFilter, "grade", "fiscal_year__year", "department"]
    search_fields = ["project__name", "department__name", "department__budget_code"]
    list_select_related = ["project", "department", "fiscal_year"]
    # The reviews app adds its approval (a review decision, recorded as a Review) to these.
    actions = [publish_filings]
    inlines = [FilingRevisionInline, FilingEventInline]
    exclude = ["kind"]  # the key; the page shows its label
    readonly_fields = [
        "kind_label",
        "department",
        "fiscal_year",
        "project",
        "status",
        "version",
        "updated_by",
        "total_score",
        "grade",
        "execution_rate",
        "error_count",
        "warning_count",
        "reopened",
    ]

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, filing: Filing) -> str:
        return filing.kind_label

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Viewing is allowed; nothing here is edited directly: status moves through actions.
        return False

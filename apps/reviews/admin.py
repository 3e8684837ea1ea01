"""Admin for reviews (read-only: they are written by the review page) and reviewer assignments."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.accounts.models import User
from apps.filings.admin import filings_act
from apps.filings.models import Filing

from .models import Review, ReviewerAssignment, RowReview
from .selectors import reviewers_of_bureaus
from .services import review_decide, reviewers_assign

BUREAU_FIELD = "filing__fiscal_year__bureau"


@admin.action(description=_("Approve the selected filings"))
def approve_filings(modeladmin, request, queryset):
    """Approve through the review service: the decision is recorded as the user's review."""
    filings_act(
        modeladmin,
        request,
        queryset,
        lambda filing: review_decide(filing=filing, reviewer=request.user, decision="approve"),
    )


# The filings' admin belongs to filings, which cannot import the review service; the
# approval is a review decision, so this app adds it there.
_filing_admin = admin.site.get_model_admin(Filing)
_filing_admin.actions = [approve_filings, *(_filing_admin.actions or ())]


class RowReviewInline(admin.TabularInline):
    model = RowReview
    extra = 0
    fields = ("row_key", "score", "comment")
    readonly_fields = ("row_key", "score", "comment")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    """Reviews as they were saved and decided; only the review page writes them."""

    bureau_field = BUREAU_FIELD
    list_display = [
        "filing",
        "revision",
        "reviewer",
        "decision",
        "total_score",
        "grade",
        "decided_at",
    ]
    list_filter = ["decision", "grade", "filing__fiscal_year"]
    search_fields = ["filing__project__name", "filing__department__name", "reviewer__full_name"]
    list_select_related = ["filing__project", "filing__department", "revision", "reviewer"]
    readonly_fields = (
        "filing",
        "revision",
        "reviewer",
        "decision",
        "comment",
        "total_score",
        "grade",
        "decided_at",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = [RowReviewInline]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AssignmentForm(forms.ModelForm):
    """Only a filing of the administrator's bureaus, and only a reviewer of that bureau."""

    class Meta:
        model = ReviewerAssignment
        fields = ["filing", "reviewer"]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        filing, reviewer = cleaned.get("filing"), cleaned.get("reviewer")
        if filing and reviewer:
            eligible = reviewers_of_bureaus(bureau_ids=[filing.fiscal_year.bureau_id])
            if not eligible.filter(pk=reviewer.pk).exists():
                self.add_error("reviewer", _("Choose a reviewer of the filing's finance bureau."))
            elif ReviewerAssignment.objects.filter(filing=filing, reviewer=reviewer).exists():
                self.add_error("reviewer", _("This reviewer is already assigned to the filing."))
        return cleaned


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    """Assignments are added or removed (through the service), never edited in place."""

    bureau_field = BUREAU_FIELD
    form = AssignmentForm
    list_display = ["filing", "reviewer", "assigned_by", "created_at"]
    list_filter = ["filing__fiscal_year", "filing__department"]
    search_fields = ["filing__project__name", "filing__department__name", "reviewer__full_name"]
    list_select_related = ["filing__project", "filing__department", "reviewer", "assigned_by"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return ["filing", "reviewer", "assigned_by", "created_at"] if obj else []

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # The change page of an existing assignment is read-only; only adding changes anything.
        return obj is None and super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        bureau_ids = None if request.user.is_superuser else self._bureau_ids(request)
        if db_field.name == "filing":
            filings = Filing.objects.select_related("project", "department", "fiscal_year")
            if bureau_ids is not None:
                filings = filings.filter(fiscal_year__bureau_id__in=bureau_ids)
            kwargs["queryset"] = filings
        elif db_field.name == "reviewer":
            kwargs["queryset"] = (
                User.objects.filter(is_active=True)
                if bureau_ids is None
                else reviewers_of_bureaus(bureau_ids=bureau_ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        # The form checked the filing and the reviewer; the service adds the assignment.
        current = [a.reviewer for a in obj.filing.assignments.select_related("reviewer")]
        reviewers_assign(
            filing=obj.filing,
            reviewers=[*current, obj.reviewer],
            by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = ReviewerAssignment.objects.get(filing=obj.filing, reviewer=obj.reviewer).pk

    def delete_model(self, request: HttpRequest, obj) -> None:
        remaining = [
            a.reviewer for a in obj.filing.assignments.select_related("reviewer").exclude(pk=obj.pk)
        ]
        reviewers_assign(filing=obj.filing, reviewers=remaining, by=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for assignment in queryset.select_related("filing__fiscal_year"):
            self.delete_model(request, assignment)

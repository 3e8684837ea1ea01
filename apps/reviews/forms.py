"""The queue's filters, the assignment form, and reading the review page's cells."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.filings.kinds import kind_choices
from apps.filings.models import Filing
from apps.indicators.values import parse_number
from apps.organizations.models import Department

from .selectors import PENDING_STATUSES, QueueFilters
from .sheets import ReviewSheet, decision_refusal, score_refusal

GRADES = ("优", "良", "中", "差")
PENDING = "pending"
ANY = "any"
ME = "me"
UNASSIGNED = "none"


class QueueFilterForm(forms.Form):
    """The queue's filters (GET); the view fills an absent year with the header's."""

    fiscal_year = forms.ChoiceField(label=gettext_lazy("Fiscal year"), required=False)
    department = forms.TypedChoiceField(
        label=gettext_lazy("Department"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    grade = forms.ChoiceField(label=gettext_lazy("Self-evaluation grade"), required=False)
    review_grade = forms.ChoiceField(label=gettext_lazy("Review grade"), required=False)
    self_min = forms.DecimalField(label=gettext_lazy("Self score from"), required=False)
    self_max = forms.DecimalField(label=gettext_lazy("Self score to"), required=False)
    review_min = forms.DecimalField(label=gettext_lazy("Review score from"), required=False)
    review_max = forms.DecimalField(label=gettext_lazy("Review score to"), required=False)
    reviewer = forms.ChoiceField(label=gettext_lazy("Assigned to"), required=False)
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)

    def __init__(
        self,
        data: QueryDict | None,
        *,
        years: list[FiscalYear],
        departments: list[Department],
        reviewers: list[User],
    ):
        super().__init__(data)
        several_bureaus = len({year.bureau_id for year in years}) > 1
        grades = [(grade, grade) for grade in GRADES]
        choices: dict[str, Sequence[tuple[str, object]]] = {
            "fiscal_year": [(ANY, _("All years"))]
            + [
                (str(year.pk), f"{year} · {year.bureau.name}" if several_bureaus else str(year))
                for year in years
            ],
            "department": [("", _("All departments"))] + [(str(d.pk), d.name) for d in departments],
            "kind": [("", _("All kinds")), *kind_choices()],
            "status": [
                (PENDING, _("Awaiting review (submitted or in review)")),
                (ANY, _("All statuses")),
                *Filing.Status.choices,
            ],
            "grade": [("", _("Any grade")), *grades],
            "review_grade": [("", _("Any grade")), *grades],
            "reviewer": [("", _("Anyone or no one")), (ME, _("Me")), (UNASSIGNED, _("No one yet"))]
            + [(str(user.pk), str(user)) for user in reviewers],
        }
        for name, options in choices.items():
            choice_field = self.fields[name]
            assert isinstance(choice_field, forms.ChoiceField)
            choice_field.choices = options
        for name, form_field in self.fields.items():
            select = isinstance(form_field.widget, forms.Select)
            form_field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )
            if name == "q":
                form_field.widget.attrs["placeholder"] = _("Department, budget code or project")
                form_field.widget.input_type = "search"  # type: ignore[attr-defined]

    def controls(self) -> list[dict[str, Any]]:
        """The filters as plain values for the page's template, which writes the inputs itself
        (a form field rendered through its widget templates costs far more than the row)."""
        controls = []
        for bound in self:
            form_field = bound.field
            value = bound.value()
            control: dict[str, Any] = {
                "name": bound.name,
                "id": bound.id_for_label,
                "label": str(bound.label),
                "errors": [str(error) for error in bound.errors],
                "value": "" if value is None else str(value),
                "attrs": form_field.widget.attrs,
            }
            if isinstance(form_field, forms.ChoiceField):
                chosen = control["value"]
                choices: Sequence[tuple[object, object]] = form_field.choices  # type: ignore[assignment]
                control["options"] = [
                    (str(key), str(label), str(key) == chosen) for key, label in choices
                ]
            else:
                control["type"] = getattr(form_field.widget, "input_type", "text")
            controls.append(control)
        return controls

    def filters(self, user: User) -> QueueFilters:
        """The filters the valid form asks for (an invalid field does not filter)."""
        if not self.is_bound:
            return QueueFilters()
        self.is_valid()  # fills cleaned_data with the valid fields; the others show their error
        data = self.cleaned_data
        year = data.get("fiscal_year") or ""
        status = data.get("status") or PENDING
        reviewer = data.get("reviewer") or ""
        return QueueFilters(
            fiscal_year=int(year) if year.isdigit() else None,
            department=data.get("department"),
            kind=data.get("kind") or "",
            statuses=(
                PENDING_STATUSES if status == PENDING else () if status == ANY else (status,)
            ),
            grade=data.get("grade") or "",
            review_grade=data.get("review_grade") or "",
            self_score_min=data.get("self_min"),
            self_score_max=data.get("self_max"),
            review_score_min=data.get("review_min"),
            review_score_max=data.get("review_max"),
            reviewer=user.pk if reviewer == ME else int(reviewer) if reviewer.isdigit() else None,
            unassigned=reviewer == UNASSIGNED,
            q=(data.get("q") or "").strip(),
        )


class AssignForm(forms.Form):
    """The reviewers of one filing, chosen among the bureau's reviewers."""

    reviewers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Reviewers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("With no one chosen, every reviewer of the bureau may review it."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = candidates  # type: ignore[attr-defined]


@dataclass
class ReviewInput:
    """What the review page posted, as typed and as understood, with the refusals by cell."""

    op: str
    revision: str
    comment: str
    # By the sheet's row key ("row:12").
    typed_scores: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    scores: dict[str, Decimal | None] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)  # row → accepted / rejected
    errors: dict[str, str] = field(default_factory=dict)


def review_input_from_post(post: QueryDict, sheet: ReviewSheet) -> ReviewInput:
    """Read `<row>-score`, `-comment` and `-not_applicable` of every row of the sheet.

    A row keyed "row:12" is posted as `row-12-score` (ReviewRow.field).
    """
    data = ReviewInput(
        op=post.get("op", "save"),
        revision=post.get("revision", ""),
        comment=post.get("comment", ""),
    )
    for row in sheet.rows:
        key = row.key
        typed = post.get(f"{row.field}-score", "").strip()
        data.typed_scores[key] = typed
        data.comments[key] = post.get(f"{row.field}-comment", "").strip()
        decision = post.get(f"{row.field}-not_applicable", "").strip()
        refusal = decision_refusal(row, decision)
        if refusal:
            data.errors[key] = refusal
            continue
        if decision:
            data.not_applicable[key] = decision
        if not typed:
            data.scores[key] = None
            continue
        try:
            score = parse_number(typed)
        except ValueError as error:
            data.errors[key] = str(error)
            continue
        refusal = score_refusal(row, score)
        if refusal:
            data.errors[key] = refusal
        else:
            data.scores[key] = score
    return data

"""A bureau adjusts a kind's report outline for a year here (评价报告提纲), without code."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin import BureauScopedAdminMixin
from apps.filings.kinds import kind_label

from . import shipped
from .models import ReportOutline
from .outlines import OutlineError, parse_outline
from .registry import report_kind, reported_kinds


class ReportOutlineForm(forms.ModelForm):
    start_from = forms.ChoiceField(
        label=_("Start from"),
        required=False,
        help_text=_(
            "With the outline left empty, it is filled with the shipped outline chosen here."
        ),
    )

    class Meta:
        model = ReportOutline
        fields = ["fiscal_year", "filing_kind", "start_from", "text"]
        help_texts = {
            "text": _(
                "One section a line: heading | key | topic. Indent a subsection. Lines starting "
                "标题： print as the title ({year}, {department}, {project} are filled in), 表号： "
                "above it and 备注： below the report. A topic drafts the section from the data; "
                "“payments” adds the 支付明细表."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing_kind"] = forms.ChoiceField(
            label=ReportOutline._meta.get_field("filing_kind").verbose_name,
            choices=[(key, kind_label(key)) for key in reported_kinds()],
        )
        start = self.fields["start_from"]
        assert isinstance(start, forms.ChoiceField)
        start.choices = [("", "—")] + [
            (name, label) for name, (label, _text) in shipped.OUTLINES.items()
        ]
        self.fields["text"].required = False

    def clean(self):
        cleaned = super().clean() or {}
        text = (cleaned.get("text") or "").strip()
        if not text and cleaned.get("start_from"):
            text = shipped.OUTLINES[cleaned["start_from"]][1]
        if not text:
            self.add_error("text", _("Write the outline, or choose one to start from."))
            return cleaned
        kind = report_kind(cleaned.get("filing_kind") or "")
        try:
            parse_outline(text, set(kind.topics) if kind else set())
        except OutlineError as error:
            self.add_error("text", str(error))
        cleaned["text"] = text
        return cleaned


@admin.register(ReportOutline)
class ReportOutlineAdmin(BureauScopedAdminMixin, admin.ModelAdmin):
    bureau_field = "fiscal_year__bureau"
    form = ReportOutlineForm
    list_display = ["fiscal_year", "kind_name", "first_heading"]
    list_filter = ["fiscal_year__bureau", "filing_kind"]
    list_select_related = ["fiscal_year__bureau"]

    @admin.display(description=_("kind of filing"), ordering="filing_kind")
    def kind_name(self, outline: ReportOutline) -> str:
        return kind_label(outline.filing_kind)

    @admin.display(description=_("first section"))
    def first_heading(self, outline: ReportOutline) -> str:
        try:
            return parse_outline(outline.text).sections[0].heading
        except OutlineError:
            return "—"

"""A filing's narrative report (评价报告): its sections' text and figures, its 支付明细表, and a
bureau's outline for a year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.budgets.models import FiscalYear
from apps.core.models import AmountField, BaseModel
from apps.filings.models import Filing

from . import bounds


class ReportSection(BaseModel):
    """The text of one section of a filing's report, and the figures drafted into it."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="report_sections"
    )
    key = models.CharField(_("section"), max_length=120)
    body = models.TextField(_("text"), max_length=bounds.SECTION_CHARS, blank=True)
    # Records of figures.py: source, label, shown, sentence, at.
    figures = models.JSONField(_("figures"), default=list, blank=True)

    class Meta:
        ordering = ["filing_id", "id"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["filing", "key"], name="narratives_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.filing} · {self.key}"


class PaymentRow(BaseModel):
    """A row of a project report's 支付明细表 (amounts in 元), or its 合计 row as typed."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="payment_rows"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    is_total = models.BooleanField(_("total row"), default=False)
    name = models.CharField(_("item"), max_length=bounds.NAME_CHARS, blank=True)
    budget = AmountField(_("budgeted amount"), null=True, blank=True)
    applied = AmountField(_("amount applied for"), null=True, blank=True)
    used = AmountField(_("amount used"), null=True, blank=True)

    class Meta:
        ordering = ["filing_id", "is_total", "position"]
        verbose_name = _("payment row")
        verbose_name_plural = _("payment rows")
        constraints = [
            models.UniqueConstraint(
                fields=["filing"], condition=Q(is_total=True), name="narratives_one_total_row"
            ),
            models.CheckConstraint(
                condition=(Q(budget__gte=0) | Q(budget__isnull=True))
                & (Q(applied__gte=0) | Q(applied__isnull=True))
                & (Q(used__gte=0) | Q(used__isnull=True)),
                name="narratives_payment_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Total"))


class ReportOutline(BaseModel):
    """A bureau's outline of one kind's reports for a year, replacing the layout's default."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("fiscal year"),
        on_delete=models.CASCADE,
        related_name="report_outlines",
    )
    filing_kind = models.CharField(_("kind of filing"), max_length=30)
    text = models.TextField(_("outline"), max_length=bounds.OUTLINE_CHARS)

    class Meta:
        ordering = ["fiscal_year_id", "filing_kind"]
        verbose_name = _("report outline")
        verbose_name_plural = _("report outlines")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "filing_kind"], name="narratives_outline_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} · {self.filing_kind}"

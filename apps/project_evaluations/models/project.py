"""The project self-evaluation's tables: the evaluation, its funding lines and indicator rows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import AmountField, BaseModel
from apps.filings.models import Filing
from apps.filings.models.filing import _null_or
from apps.indicators import scoring

from .. import bounds

# Filing.kind of a project self-evaluation.
KIND = "project"


class ProjectEvaluation(BaseModel):
    """The 项目支出绩效自评表 of a project: goals, funding, indicator rows."""

    filing = models.OneToOneField(
        Filing,
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="project_evaluation",
    )
    goal_expected = models.TextField(
        _("expected annual goal"), max_length=bounds.TEXT_LIMITS["goal_expected"], blank=True
    )
    goal_actual = models.TextField(
        _("actual completion"), max_length=bounds.TEXT_LIMITS["goal_actual"], blank=True
    )
    notes = models.TextField(
        _("other matters to explain"), max_length=bounds.TEXT_LIMITS["notes"], blank=True
    )
    # Asked for only when the bureau's policy sets a threshold (DESIGN §4, Sichuan: 90%).
    low_execution_explanation = models.TextField(
        _("explanation of the low execution rate"), blank=True
    )

    class Meta:
        db_table = "evaluations_projectevaluation"  # created by apps.evaluations' migrations
        ordering = ["filing_id"]
        verbose_name = _("project self-evaluation")
        verbose_name_plural = _("project self-evaluations")

    def __str__(self) -> str:
        return str(self.filing)


class FundingLine(BaseModel):
    """One row of the funding table (项目资金): budget, adjusted budget and executed, in 元."""

    class Source(models.TextChoices):
        TOTAL = "total", "年度资金总额"
        FISCAL = "fiscal", "当年财政拨款"
        FISCAL_CENTRAL = "fiscal_central", "中省补助资金"
        FISCAL_LOCAL = "fiscal_local", "本级预算资金"
        CARRYOVER = "carryover", "上年结转资金"
        OTHER = "other", "其他资金"

    evaluation = models.ForeignKey(
        ProjectEvaluation,
        verbose_name=_("project self-evaluation"),
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    source = models.CharField(_("funding source"), max_length=16, choices=Source.choices)
    initial = AmountField(_("initial budget"), null=True, blank=True)
    adjusted = AmountField(_("adjusted budget"), null=True, blank=True)
    executed = AmountField(_("executed"), null=True, blank=True)

    class Meta:
        db_table = "evaluations_fundingline"  # created by apps.evaluations' migrations
        ordering = ["evaluation_id", "id"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "source"], name="funding_line_unique_source"
            ),
            models.CheckConstraint(
                condition=_null_or("initial", Q(initial__gte=0))
                & _null_or("adjusted", Q(adjusted__gte=0))
                & _null_or("executed", Q(executed__gte=0)),
                name="funding_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.get_source_display()


class IndicatorRow(BaseModel):
    """A level-3 indicator row (三级指标) with target, actual, weight and score."""

    evaluation = models.ForeignKey(
        ProjectEvaluation,
        verbose_name=_("project self-evaluation"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    category = models.ForeignKey(
        "indicators.IndicatorCategory",
        verbose_name=_("level-2 indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(
        _("level-3 indicator"), max_length=bounds.TEXT_LIMITS["name"], blank=True
    )
    comparator = models.CharField(
        _("comparator"),
        max_length=4,
        choices=[(c, c) for c in scoring.COMPARATORS],
        default=scoring.GE,
    )
    # What the filer typed, kept as typed; the numbers are parsed from it.
    target_text = models.CharField(_("target"), max_length=bounds.TEXT_LIMITS["target"], blank=True)
    unit = models.CharField(_("unit"), max_length=bounds.TEXT_LIMITS["unit"], blank=True)
    actual_text = models.CharField(_("actual"), max_length=bounds.TEXT_LIMITS["actual"], blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=bounds.SCORE_DIGITS,
        decimal_places=bounds.SCORE_PLACES,
        null=True,
        blank=True,
    )
    qualitative_label = models.CharField(
        _("qualitative result"),
        max_length=30,
        blank=True,
        choices=[(label, label) for label in scoring.QUALITATIVE_LABELS],
    )
    qualitative_score = models.DecimalField(
        _("qualitative score"),
        max_digits=bounds.SCORE_DIGITS,
        decimal_places=bounds.SCORE_PLACES,
        null=True,
        blank=True,
    )
    # Proposed by the filer; it counts by its values until a reviewer accepts it.
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_applicable_reason = models.TextField(_("reason it is not applicable"), blank=True)
    deviation_reason = models.TextField(
        _("deviation analysis and improvement"),
        max_length=bounds.TEXT_LIMITS["deviation_reason"],
        blank=True,
    )
    score = models.DecimalField(
        _("score"),
        max_digits=bounds.ROW_SCORE_DIGITS,
        decimal_places=bounds.ROW_SCORE_PLACES,
        null=True,
        blank=True,
    )

    class Meta:
        db_table = "evaluations_indicatorrow"  # created by apps.evaluations' migrations
        ordering = ["evaluation_id", "position"]
        verbose_name = _("indicator row")
        verbose_name_plural = _("indicator rows")
        constraints = [
            models.CheckConstraint(
                condition=_null_or("weight", Q(weight__gt=0, weight__lte=bounds.WEIGHT_MAX)),
                name="indicator_row_weight_in_bounds",
            ),
            models.CheckConstraint(
                condition=_null_or("qualitative_score", Q(qualitative_score__gte=0))
                & _null_or("score", Q(score__gte=0)),
                name="indicator_row_scores_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

"""A bureau's scoring policy per fiscal year and framework, with its level-1 group weights."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .. import scoring
from ..layouts import DepartmentLayout, ProjectLayout, layout_choices, layout_for
from .taxonomy import Framework, IndicatorCategory


class ScoringPolicy(BaseModel):
    """How a bureau scores a year's filings of one framework (DESIGN §4), edited by its admin."""

    class ReverseFormula(models.TextChoices):
        RATIO = scoring.REVERSE_RATIO, _("Weight × target ÷ actual (national form note)")
        LINEAR = scoring.REVERSE_LINEAR, _("Weight × (1 − (actual − target) ÷ target)")

    class DepartmentBasis(models.TextChoices):
        """What a department self-evaluation's 综合得分 comes from (framework "department")."""

        INDICATORS = "indicators", _("Its indicator tree, scored as projects are")
        RUBRIC = "rubric", _("The scoring sheet (打分表)")
        DECLARED = "declared", _("The score the department states (targets and results only)")

    class AmountUnit(models.TextChoices):
        WAN = "万元", _("10k yuan (万元)")
        YUAN = "元", _("Yuan (元)")

    fiscal_year = models.ForeignKey(
        "budgets.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.CASCADE,
        related_name="scoring_policies",
    )
    framework = models.CharField(_("framework"), max_length=10, choices=Framework.choices)
    execution_weight = models.DecimalField(
        _("weight of the execution rate"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    reverse_formula = models.CharField(
        _("reverse-indicator formula"),
        max_length=10,
        choices=ReverseFormula.choices,
        default=ReverseFormula.RATIO,
    )
    qualitative_high_floor = models.DecimalField(
        _("lower edge of “achieved” (share of the weight)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
    )
    qualitative_mid_floor = models.DecimalField(
        _("lower edge of “partly achieved” (share of the weight)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
    )
    excess_ratio = models.DecimalField(
        _("actual over target that asks for an explanation"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.30"),
    )
    rescale_not_applicable = models.BooleanField(
        _("rescale the total when rows are not applicable"), default=True
    )
    filers_may_propose_not_applicable = models.BooleanField(
        _("filers may propose rows as not applicable"),
        default=False,
        help_text=_(
            "A proposed row needs a reason and counts by its values until a reviewer accepts it."
        ),
    )
    low_execution_explanation_below = models.DecimalField(
        _("ask for an explanation when the execution rate is below (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
        help_text=_("Empty: the form has no such explanation."),
    )
    grade_excellent = models.DecimalField(
        _("lowest score graded 优"), max_digits=5, decimal_places=2, default=Decimal(90)
    )
    grade_good = models.DecimalField(
        _("lowest score graded 良"), max_digits=5, decimal_places=2, default=Decimal(80)
    )
    grade_pass = models.DecimalField(
        _("lowest score graded 中"), max_digits=5, decimal_places=2, default=Decimal(60)
    )
    cap_rate_below = models.DecimalField(
        _("cap the total when the execution rate is below (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cap_max_total = models.DecimalField(
        _("highest total allowed then"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    split_fiscal_funding = models.BooleanField(
        _("split current-year appropriations into central/provincial and local"), default=False
    )
    amount_unit = models.CharField(
        _("unit of amounts on the forms"),
        max_length=4,
        choices=AmountUnit.choices,
        default=AmountUnit.WAN,
    )
    layout = models.CharField(
        _("form layout"),
        max_length=20,
        blank=True,
        # Not `choices`: the shipped layouts are code, and adding one needs no migration. The
        # admin offers them (admin.py) and clean() refuses a key of another framework.
        help_text=_(
            "The official layout the year's forms of this framework are filled and printed in; "
            "empty: the framework's default."
        ),
    )
    department_basis = models.CharField(
        _("the department's score comes from"),
        max_length=12,
        choices=DepartmentBasis.choices,
        default=DepartmentBasis.INDICATORS,
        help_text=_("Department overall expenditure only."),
    )
    rubric = models.ForeignKey(
        "indicators.Rubric",
        verbose_name=_("scoring sheet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Department overall expenditure only: the 打分表 its filings fill."),
    )

    class Meta:
        ordering = ["fiscal_year_id", "framework"]
        verbose_name = _("scoring policy")
        verbose_name_plural = _("scoring policies")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "framework"], name="scoring_policy_one_per_framework"
            ),
            models.CheckConstraint(
                condition=Q(qualitative_mid_floor__lt=models.F("qualitative_high_floor")),
                name="scoring_policy_bands_in_order",
            ),
            models.CheckConstraint(
                condition=Q(grade_pass__lt=models.F("grade_good"))
                & Q(grade_good__lt=models.F("grade_excellent")),
                name="scoring_policy_grades_in_order",
            ),
        ]

    def __str__(self) -> str:
        return _("%(fiscal_year)s, %(framework)s") % {
            "fiscal_year": self.fiscal_year,
            "framework": self.get_framework_display(),
        }

    def clean(self) -> None:
        """Both cap fields are set together or not at all; a 打分表 basis names a 打分表."""
        if (self.cap_rate_below is None) != (self.cap_max_total is None):
            raise ValidationError(
                _("Set both the execution rate and the highest total of the cap, or neither.")
            )
        if self.department_basis == self.DepartmentBasis.RUBRIC and self.rubric_id is None:
            raise ValidationError({"rubric": _("Choose the scoring sheet the score comes from.")})
        if self.layout and self.layout not in dict(layout_choices(str(self.framework))):
            raise ValidationError({"layout": _("Choose a layout of this framework.")})
        rubric = self.rubric if self.rubric_id is not None else None
        if rubric is not None and rubric.bureau_id not in (None, self.fiscal_year.bureau_id):
            raise ValidationError({"rubric": _("Choose a scoring sheet of this bureau.")})

    def form_layout(self) -> ProjectLayout | DepartmentLayout:
        """The layout of this framework the bureau chose for the year (the default if none)."""
        return layout_for(self.framework, self.layout)

    def to_engine(self) -> scoring.ScoringPolicy:
        """The plain policy the scoring engine works with."""
        caps: tuple[tuple[Decimal, Decimal], ...] = ()
        if self.cap_rate_below is not None and self.cap_max_total is not None:
            caps = ((self.cap_rate_below / 100, self.cap_max_total),)
        return scoring.ScoringPolicy(
            execution_weight=self.execution_weight,
            group_weights={g.category.name: g.weight for g in self.group_weights.all()},
            reverse_formula=self.reverse_formula,  # type: ignore[arg-type]
            high_floor=self.qualitative_high_floor,
            mid_floor=self.qualitative_mid_floor,
            excess_ratio=self.excess_ratio,
            grade_thresholds=(
                (self.grade_excellent, "优"),
                (self.grade_good, "良"),
                (self.grade_pass, "中"),
                (Decimal(0), "差"),
            ),
            rescale_not_applicable=self.rescale_not_applicable,
            execution_caps=caps,
            filers_may_propose_not_applicable=self.filers_may_propose_not_applicable,
            low_execution_explanation_below=(
                None
                if self.low_execution_explanation_below is None
                else self.low_execution_explanation_below / 100
            ),
        )


class PolicyGroupWeight(BaseModel):
    """The weight of one level-1 group (e.g. 产出指标 50) under a scoring policy."""

    policy = models.ForeignKey(
        ScoringPolicy,
        verbose_name=_("scoring policy"),
        on_delete=models.CASCADE,
        related_name="group_weights",
    )
    category = models.ForeignKey(
        IndicatorCategory,
        verbose_name=_("level-1 indicator"),
        on_delete=models.CASCADE,
        limit_choices_to={"level": 1},
    )
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["policy_id", "category_id"]
        verbose_name = _("group weight")
        verbose_name_plural = _("group weights")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "category"], name="policy_group_weight_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category.name} {self.weight}"

    def clean(self) -> None:
        """The group is a level-1 indicator of the policy's own bureau and framework."""
        if not self.policy_id or not self.category_id:
            return
        policy, category = self.policy, self.category
        if (
            category.level != 1
            or category.framework != policy.framework
            or category.bureau_id != policy.fiscal_year.bureau_id
        ):
            raise ValidationError(
                {"category": _("Choose a level-1 indicator of the policy's bureau and framework.")}
            )

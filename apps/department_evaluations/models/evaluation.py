"""The department self-evaluation of a year: cover, 基本概况, figures the system cannot derive."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import AmountField, BaseModel
from apps.filings.models import Filing
from apps.filings.models.filing import _null_or

from .. import bounds

# Filing.kind of a department self-evaluation.
KIND = "department"

GRADES = [("优", "优"), ("良", "良"), ("中", "中"), ("差", "差")]


def _text(label, name: str) -> models.TextField:
    return models.TextField(label, max_length=bounds.TEXT_LIMITS[name], blank=True)


class DepartmentEvaluation(BaseModel):
    """部门整体支出绩效自评: the single-valued cells of the filing (DESIGN §5)."""

    filing = models.OneToOneField(
        Filing,
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="department_evaluation",
    )
    # The 打分表 version the filing is scored by, fixed when it was started.
    rubric = models.ForeignKey(
        "indicators.Rubric",
        verbose_name=_("scoring sheet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Cover (seed 001).
    evaluation_method = models.CharField(_("evaluation method"), max_length=100, blank=True)
    evaluation_agency = models.CharField(_("evaluating body"), max_length=100, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    prepared_by = models.CharField(_("form issued by"), max_length=100, blank=True)
    # 基本概况.
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    authorized_headcount = models.PositiveIntegerField(
        _("authorized headcount"), null=True, blank=True
    )
    actual_headcount = models.PositiveIntegerField(_("actual headcount"), null=True, blank=True)
    duties = _text(_("duties"), "duties")
    main_work = _text(_("main work of the year"), "main_work")
    overall_performance = _text(_("overall operation and achievements"), "overall_performance")
    overall_goal = _text(_("overall performance goal"), "overall_goal")
    goal_basis = _text(_("basis of the goals and of the year's finances"), "goal_basis")
    satisfaction = _text(_("satisfaction of those served"), "satisfaction")
    notes = _text(_("other matters to explain"), "notes")
    # Figures the checks and the 打分表 read that the 收支情况 does not hold.
    three_public_last_year = AmountField(
        _("three public expenses of last year"),
        null=True,
        blank=True,
        help_text=_("Used when last year's filing is not in the system."),
    )
    executed_by_june = AmountField(_("spent by the end of June"), null=True, blank=True)
    executed_by_september = AmountField(_("spent by the end of September"), null=True, blank=True)
    executed_by_november = AmountField(_("spent by the end of November"), null=True, blank=True)
    # 绩效自评综合得分 and 评价等次 as the department states them; checked against the rules.
    declared_score = models.DecimalField(
        _("overall score stated"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    declared_grade = models.CharField(_("grade stated"), max_length=2, blank=True, choices=GRADES)

    class Meta:
        ordering = ["filing_id"]
        verbose_name = _("department self-evaluation")
        verbose_name_plural = _("department self-evaluations")
        constraints = [
            models.CheckConstraint(
                condition=_null_or(
                    "declared_score", Q(declared_score__gte=0, declared_score__lte=100)
                ),
                name="department_evaluation_declared_score_in_bounds",
            ),
            models.CheckConstraint(
                condition=_null_or("three_public_last_year", Q(three_public_last_year__gte=0))
                & _null_or("executed_by_june", Q(executed_by_june__gte=0))
                & _null_or("executed_by_september", Q(executed_by_september__gte=0))
                & _null_or("executed_by_november", Q(executed_by_november__gte=0)),
                name="department_evaluation_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.filing)

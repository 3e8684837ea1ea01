"""The department's scoring sheet (打分表) as a bureau's framework: versioned rubric rows.

A rubric is the 打分表 a bureau scores its departments' self-evaluations by (seed 002: 部门整体
绩效自评打分表). Its rows carry 一级/二级/三级指标, 分值, 指标解释, 计分标准 and how they are
assessed; each filing keeps the version it was scored by, so a rubric a filing uses is never
changed again: a bureau edits a new version (`indicators.rubrics.rubric_new_version`). A rubric
without a bureau is shipped with the system (seed 002's) for any bureau to copy.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class Rubric(BaseModel):
    """One version of a 打分表: its name, version number and the version it was copied from."""

    bureau = models.ForeignKey(
        "organizations.FinanceBureau",
        verbose_name=_("finance bureau"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rubrics",
        help_text=_("Empty: shipped with the system for every bureau to copy."),
    )
    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Made by migration 0005 in every installation (apps.core.management.archive).
    SHIPPED_BY_MIGRATIONS = {"bureau__isnull": True}

    class Meta:
        ordering = ["bureau_id", "name", "-version"]
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "name", "version"], name="rubric_unique_version"
            ),
            models.UniqueConstraint(
                fields=["name", "version"],
                condition=Q(bureau__isnull=True),
                name="rubric_unique_shipped_version",
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s (version %(version)s)") % {"name": self.name, "version": self.version}


class RubricItem(BaseModel):
    """One row of a 打分表: its levels, 分值, explanation, standard and how it is assessed."""

    class Computation(models.TextChoices):
        """A 计分标准 that is arithmetic over data the system has (DESIGN §4, seed 002)."""

        NONE = "", _("Scored by hand")
        DEPARTMENT_GOALS = (
            "department_goals",
            _("Share of the department's quantity indicators achieved"),
        )
        PROJECT_GOALS = "project_goals", _("Share of the projects' quantity indicators achieved")
        PROJECT_BALANCE = "project_balance", _("Share of projects with a balance rate under 0.1")
        EXECUTION_PROGRESS = (
            "execution_progress",
            _("Execution progress in June, September, November"),
        )

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("scoring sheet"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    level1 = models.CharField(_("level-1 indicator"), max_length=50)
    level2 = models.CharField(_("level-2 indicator"), max_length=50, blank=True)
    level3 = models.CharField(_("level-3 indicator"), max_length=50, blank=True)
    weight = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        help_text=_("The most the row scores; for a deduction row, the most it takes off."),
    )
    explanation = models.TextField(_("explanation"), blank=True)
    standard = models.TextField(_("scoring standard"), blank=True)
    whole = models.BooleanField(_("assessed as a whole"), default=False)
    sample = models.BooleanField(_("assessed on samples"), default=False)
    qualitative = models.BooleanField(_("qualitative"), default=False)
    quantitative = models.BooleanField(_("quantitative"), default=False)
    is_deduction = models.BooleanField(
        _("deduction row"),
        default=False,
        help_text=_("Takes points off the sheet's total instead of scoring (扣分项)."),
    )
    computation = models.CharField(
        _("computed by the system"),
        max_length=30,
        blank=True,
        choices=Computation.choices,
        default=Computation.NONE,
    )
    note = models.TextField(_("remarks"), blank=True)

    SHIPPED_BY_MIGRATIONS = {"rubric__bureau__isnull": True}

    class Meta:
        ordering = ["rubric_id", "position", "id"]
        verbose_name = _("scoring sheet row")
        verbose_name_plural = _("scoring sheet rows")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0, weight__lte=100), name="rubric_item_weight_in_bounds"
            ),
            models.CheckConstraint(
                condition=Q(is_deduction=False) | Q(computation=""),
                name="rubric_item_deduction_not_computed",
            ),
        ]

    def __str__(self) -> str:
        return " › ".join(part for part in (self.level1, self.level2, self.level3) if part)

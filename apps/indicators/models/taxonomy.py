"""A bureau's indicator frameworks: the taxonomy (一级/二级指标) and the indicator library.

The taxonomy belongs to a bureau and a framework, not to a year: a bureau edits one tree per
framework and every year's filings use it; what changes from year to year is the scoring policy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .. import scoring


class Framework(models.TextChoices):
    """Which self-evaluation an indicator tree and a scoring policy serve."""

    PROJECT = "project", _("Project expenditure")
    DEPARTMENT = "department", _("Department overall expenditure")


class IndicatorCategory(BaseModel):
    """A level-1 or level-2 indicator (一级/二级指标) of a bureau's framework; level 3 is the row.

    Level-1 names are unique per bureau and framework, so the project and the department trees
    can both hold 产出指标.
    """

    bureau = models.ForeignKey(
        "organizations.FinanceBureau",
        verbose_name=_("finance bureau"),
        on_delete=models.CASCADE,
        related_name="indicator_categories",
    )
    framework = models.CharField(_("framework"), max_length=10, choices=Framework.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("level-1 indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"level": 1},
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=[(1, _("Level 1")), (2, _("Level 2"))]
    )
    name = models.CharField(_("name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_standard_tree = models.BooleanField(
        _("in the standard tree"),
        default=True,
        help_text=_(
            "A new blank evaluation starts with one row under each such level-2 indicator."
        ),
    )

    class Meta:
        ordering = ["bureau_id", "framework", "level", "position", "name"]
        verbose_name = _("indicator category")
        verbose_name_plural = _("indicator categories")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "parent", "name"], name="indicator_category_unique_name"
            ),
            models.UniqueConstraint(
                fields=["bureau", "framework", "name"],
                condition=Q(parent__isnull=True),
                name="indicator_category_unique_level1_name",
            ),
            models.CheckConstraint(
                condition=(Q(level=1) & Q(parent__isnull=True))
                | (Q(level=2) & Q(parent__isnull=False)),
                name="indicator_category_level_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        parent = self.parent if self.parent_id else None
        return f"{parent.name} › {self.name}" if parent else self.name

    def clean(self) -> None:
        """A level-2 indicator hangs under a level-1 indicator of the same bureau and framework."""
        parent = self.parent if self.parent_id else None
        if parent is not None and (
            parent.level != 1
            or parent.bureau_id != self.bureau_id
            or parent.framework != self.framework
        ):
            raise ValidationError(
                {"parent": _("Choose a level-1 indicator of the same bureau and framework.")}
            )


class LibraryIndicator(BaseModel):
    """A level-3 indicator of the bureau's library (指标库), ready to pick into an evaluation.

    It belongs to the framework of its level-2 category.
    """

    category = models.ForeignKey(
        IndicatorCategory,
        verbose_name=_("level-2 indicator"),
        on_delete=models.CASCADE,
        related_name="library_indicators",
        limit_choices_to={"level": 2},
    )
    name = models.CharField(_("level-3 indicator"), max_length=200)
    comparator = models.CharField(
        _("comparator"), max_length=4, choices=[(c, c) for c in scoring.COMPARATORS]
    )
    target = models.CharField(_("typical target"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["category_id", "name"]
        verbose_name = _("library indicator")
        verbose_name_plural = _("library indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="library_indicator_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

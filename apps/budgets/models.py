"""Fiscal years with their filing windows, and the budget projects of a year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import AmountField, BaseModel


class FiscalYear(BaseModel):
    """A bureau's fiscal year and the window in which departments file for it."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        OPEN = "open", _("Open for filing")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    bureau = models.ForeignKey(
        "organizations.FinanceBureau",
        verbose_name=_("finance bureau"),
        on_delete=models.PROTECT,
        related_name="fiscal_years",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    filing_opens = models.DateField(_("filing opens"))
    filing_closes = models.DateField(_("filing closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )

    class Meta:
        ordering = ["bureau", "-year"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        constraints = [
            models.UniqueConstraint(fields=["bureau", "year"], name="fiscal_year_unique_in_bureau"),
            models.CheckConstraint(
                condition=Q(filing_closes__gte=F("filing_opens")),
                name="fiscal_year_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="fiscal_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return _("%(year)s fiscal year") % {"year": self.year}

    def is_filing_open(self, today=None) -> bool:
        """True while the year is open and today is inside its window."""
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.filing_opens <= today <= self.filing_closes

    def days_left(self, today=None) -> int:
        """Days until the window closes (negative once it has closed)."""
        today = today or timezone.localdate()
        return (self.filing_closes - today).days


class Project(BaseModel):
    """A budget project (项目) of a department in a fiscal year."""

    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    name = models.CharField(_("project name"), max_length=200)
    code = models.CharField(_("project code"), max_length=40)
    competent_department = models.CharField(_("competent department"), max_length=100)
    implementing_unit = models.CharField(_("implementing unit"), max_length=100)
    initial_budget = AmountField(_("initial budget (yuan)"), default=0)
    adjusted_budget = AmountField(_("adjusted budget (yuan)"), default=0)

    class Meta:
        ordering = ["department", "code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # The dashboard's stamp of a year's projects: their number and last change, read along
        # an index (apps.dashboard.tally).
        indexes = [models.Index(fields=["fiscal_year", "updated_at"], name="project_year_changed")]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "code"], name="project_code_unique_in_year"
            ),
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "name"], name="project_name_unique_in_year"
            ),
            models.CheckConstraint(
                condition=Q(initial_budget__gte=0) & Q(adjusted_budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A project's department and fiscal year belong to the same bureau."""
        if (
            self.department_id
            and self.fiscal_year_id
            and self.department.bureau_id != self.fiscal_year.bureau_id
        ):
            raise ValidationError(
                {"fiscal_year": _("The fiscal year belongs to another finance bureau.")}
            )

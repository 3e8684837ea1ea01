"""Finance bureaus and the budget departments that file to them."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class FinanceBureau(BaseModel):
    """A finance bureau (财政局) of a province, city or county."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    name = models.CharField(_("name"), max_length=100, unique=True)
    region_code = models.CharField(
        _("region code"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("A region code is six digits."))],
        help_text=_("The six-digit administrative division code, e.g. 511132."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    requires_head_approval = models.BooleanField(
        _("department head approves before submission to the bureau"), default=False
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind departments this many days before the window closes"), default=7
    )

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("finance bureau")
        verbose_name_plural = _("finance bureaus")

    def __str__(self) -> str:
        return self.name


class Department(BaseModel):
    """A budget department (预算部门) or one of its subordinate units (二级单位)."""

    class Nature(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Administrative unit")
        CIVIL_SERVICE_MANAGED = "civil_service_managed", _("Civil-service-managed unit")
        PUBLIC_INSTITUTION = "public_institution", _("Public institution")

    bureau = models.ForeignKey(
        FinanceBureau,
        verbose_name=_("finance bureau"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=100)
    budget_code = models.CharField(
        _("budget code"),
        max_length=20,
        validators=[RegexValidator(r"^[0-9A-Za-z]+$", _("A budget code has digits only."))],
    )
    nature = models.CharField(
        _("unit nature"), max_length=30, choices=Nature.choices, default=Nature.ADMINISTRATIVE
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    authorized_headcount = models.PositiveIntegerField(_("authorized headcount"), default=0)

    class Meta:
        ordering = ["bureau", "budget_code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "budget_code"], name="department_budget_code_unique_in_bureau"
            ),
            models.UniqueConstraint(
                fields=["bureau", "name"], name="department_name_unique_in_bureau"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="department_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

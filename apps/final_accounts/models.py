"""The classification catalogue (功能分类, 经济分类) by year, and departments' disclosures."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class Scheme(models.TextChoices):
    FUNCTION = "function", "功能分类"
    ECONOMIC = "economic", "经济分类"


# The length of a code at each level: 类 3, 款 5, 项 7 (功能分类); 类 3, 款 5 (经济分类).
LEVEL_LENGTHS = {
    Scheme.FUNCTION: {3: "类", 5: "款", 7: "项"},
    Scheme.ECONOMIC: {3: "类", 5: "款"},
}


def level_of(scheme: str, code: str) -> str:
    """类, 款 or 项 from the code's length; "" when the code cannot be one of the scheme's."""
    if not code.isdigit():
        return ""
    return LEVEL_LENGTHS.get(Scheme(scheme), {}).get(len(code), "")


def parent_code_of(code: str) -> str:
    """The code one level up: 2010308 › 20103 › 201 (and 30101 › 301); "" for a 类."""
    return code[:-2] if len(code) > 3 else ""


class Classification(BaseModel):
    """One code of the national classification of a year (national data, not a bureau's)."""

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=7)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=1, editable=False)
    parent_code = models.CharField(_("parent code"), max_length=7, blank=True, editable=False)
    # Rows the migrations ship (the seeds' codes): a fresh installation holds them and is empty
    # all the same (the backup's restore reads SHIPPED_BY_MIGRATIONS).
    built_in = models.BooleanField(_("shipped with the system"), default=False, editable=False)

    SHIPPED_BY_MIGRATIONS = {"built_in": True}

    class Meta:
        ordering = ["year", "scheme", "code"]
        verbose_name = _("classification code")
        verbose_name_plural = _("classification codes")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "scheme", "code"], name="classification_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code} {self.name}"

    def clean(self) -> None:
        super().clean()
        if not level_of(self.scheme, self.code):
            lengths = "/".join(str(n) for n in LEVEL_LENGTHS.get(Scheme(self.scheme), {}))
            raise ValidationError(
                {
                    "code": _("A code of %(scheme)s has %(lengths)s digits, not “%(code)s”.")
                    % {"scheme": self.get_scheme_display(), "lengths": lengths, "code": self.code}
                }
            )

    def save(self, *args, **kwargs) -> None:
        self.level = level_of(self.scheme, self.code)
        self.parent_code = parent_code_of(self.code)
        super().save(*args, **kwargs)


class Disclosure(BaseModel):
    """One upload of a department's disclosure tables (公开02–06, 09) for a fiscal year.

    `tables` holds the parsed rows (amounts as strings of Decimal 元), `findings` what the checks
    found. The confirmed one is what filled the department filing's 收支情况.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="disclosures",
    )
    fiscal_year = models.ForeignKey(
        "budgets.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.CASCADE,
        related_name="disclosures",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    tables = models.JSONField(_("tables"), default=dict)
    findings = models.JSONField(_("findings"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("disclosure upload")
        verbose_name_plural = _("disclosure uploads")

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year} #{self.pk}"

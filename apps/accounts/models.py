"""Users and the roles they hold in departments and bureaus."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class User(AbstractUser):
    """A person who logs in; what they may see comes from their memberships."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class DepartmentMembership(BaseModel):
    """A filer or department head of one department."""

    class Role(models.TextChoices):
        FILER = "filer", _("Filer")
        HEAD = "head", _("Department head")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="department_memberships",
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["department", "role", "user"]
        verbose_name = _("department membership")
        verbose_name_plural = _("department memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department", "role"], name="department_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.department} · {self.get_role_display()}"


class BureauMembership(BaseModel):
    """A reviewer or administrator of one finance bureau."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", _("Reviewer")
        ADMIN = "admin", _("Bureau administrator")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="bureau_memberships",
    )
    bureau = models.ForeignKey(
        "organizations.FinanceBureau",
        verbose_name=_("finance bureau"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["bureau", "role", "user"]
        verbose_name = _("bureau membership")
        verbose_name_plural = _("bureau memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "bureau", "role"], name="bureau_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.bureau} · {self.get_role_display()}"

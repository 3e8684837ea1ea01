"""Abstract base models and fields shared by every app."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every table records when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


AMOUNT_DIGITS, AMOUNT_PLACES = 16, 2
AMOUNT_MAX = Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES) - Decimal(1).scaleb(-AMOUNT_PLACES)
"""The largest amount an AmountField holds: 99,999,999,999,999.99 元."""


class AmountField(models.DecimalField):
    """An amount of money in 元 with two decimal places."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", AMOUNT_DIGITS)
        kwargs.setdefault("decimal_places", AMOUNT_PLACES)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


ZERO = Decimal("0")

"""Template filters that display amounts stored in 元."""

from decimal import Decimal

from django import template

from apps.core.money import format_amount

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    """Show an amount in 元."""
    return format_amount(value, "元")


@register.filter
def wan(value: Decimal | None) -> str:
    """Show an amount stored in 元 as 万元."""
    return format_amount(value, "万元")

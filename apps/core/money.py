"""Money arithmetic: amounts are Decimal in 元; forms print 元 or 万元."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal("10000")


def quantize(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round half up to the given places (the official rounding)."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


def yuan_to_wan(value: Decimal) -> Decimal:
    """Convert 元 to 万元, rounded to two places as printed forms show it."""
    return quantize(value / TEN_THOUSAND)


def wan_to_yuan(value: Decimal) -> Decimal:
    """Convert 万元 (as typed from a printed form) to 元."""
    return quantize(value * TEN_THOUSAND)


def format_amount(value: Decimal | None, unit: str = "元") -> str:
    """Show an amount in 元 or 万元 with thousands separators and two decimals."""
    if value is None:
        return ""
    shown = yuan_to_wan(value) if unit == "万元" else quantize(value)
    return f"{shown:,.2f}"

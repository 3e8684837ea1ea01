"""Bounds of every number and text a filer types: the one place the form, engine and checks read.

The database columns are declared from these constants and carry CHECK constraints built from
them (models.py), so a value the form would refuse cannot be stored by any other way either.
Each ``*_problem`` function returns the message for the cell, or "" when the value is in bounds.
"""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from apps.core.models import AMOUNT_MAX
from apps.core.text import has_control
from apps.filings.bounds import (  # noqa: F401  (the summary columns, re-exported)
    RATE_DIGITS,
    RATE_MAX,
    RATE_PLACES,
    TOTAL_DIGITS,
    TOTAL_MAX,
    TOTAL_PLACES,
    stored_rate,
    stored_total,
)

if TYPE_CHECKING:
    from .data import EvaluationData

MAX_ROWS = 500
"""The documented maximum of indicator rows in one project self-evaluation."""

ZERO = Decimal(0)
# 分值: above 0, at most 100, two decimals (IndicatorRow.weight, max_digits 6).
WEIGHT_MAX = Decimal(100)
SCORE_DIGITS, SCORE_PLACES = 6, 2
# IndicatorRow.score: unrounded row score, at most its weight.
ROW_SCORE_DIGITS, ROW_SCORE_PLACES = 8, 4

# Characters a filer may type in a cell; CharFields are declared with these lengths and the
# TextFields, which the database does not limit, are kept to them by the form and the service.
TEXT_LIMITS = {
    "name": 200,
    "target": 500,
    "unit": 20,
    "actual": 1000,
    "deviation_reason": 2000,
    "not_applicable_reason": 2000,
    "goal_expected": 5000,
    "goal_actual": 5000,
    "notes": 5000,
    "low_execution_explanation": 5000,
}


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_in_bounds(value: Decimal) -> bool:
    """Tell whether an amount in 元 is one AmountField holds: 0 to AMOUNT_MAX."""
    return ZERO <= value <= AMOUNT_MAX


def amount_problem(value: Decimal) -> str:
    """Check an amount in 元."""
    if value < ZERO:
        return _("An amount cannot be negative.")
    if value > AMOUNT_MAX:
        return _("This amount is larger than the system can hold.")
    return ""


def weight_in_bounds(value: Decimal) -> bool:
    """Tell whether a weight is above 0 and at most 100."""
    return ZERO < value <= WEIGHT_MAX


def weight_problem(value: Decimal) -> str:
    """Check a row's 分值."""
    if not weight_in_bounds(value):
        return _("The weight must be above 0 and at most 100; %(value)s is not.") % {
            "value": _shown(value)
        }
    if _places(value) > SCORE_PLACES:
        return _("Enter at most two decimal places.")
    return ""


def score_problem(value: Decimal, weight: Decimal | None) -> str:
    """Check a chosen (定性) score: between 0 and the row's weight, two decimals at most."""
    top = weight if weight is not None and weight_in_bounds(weight) else WEIGHT_MAX
    if not ZERO <= value <= top:
        return _("The score must be between 0 and the row's weight, %(weight)s.") % {
            "weight": _shown(top)
        }
    if _places(value) > SCORE_PLACES:
        return _("Enter at most two decimal places.")
    return ""


def text_problem(text: str, cell: str) -> str:
    """Check a text cell's length (cell is a key of TEXT_LIMITS)."""
    limit = TEXT_LIMITS[cell]
    if len(text) > limit:
        return _("Enter at most %(limit)s characters; this cell has %(length)s.") % {
            "limit": limit,
            "length": len(text),
        }
    return ""


def engine_weight(value: Decimal | None) -> Decimal:
    """The weight the engine scores with: 0 when missing or out of bounds (the checks say so)."""
    return value if value is not None and weight_in_bounds(value) else ZERO


def engine_amount(value: Decimal | None) -> Decimal | None:
    """The amount the engine computes with: None when out of bounds (the checks say so)."""
    return value if value is not None and amount_in_bounds(value) else None


def engine_score(value: Decimal | None, weight: Decimal) -> Decimal | None:
    """The chosen score the engine uses: None when outside 0 to the weight."""
    return value if value is not None and ZERO <= value <= weight else None


def _shown(value: Decimal) -> str:
    # Typed values can be long; the message quotes them the way a filer writes them.
    text = format(value.normalize(), "f") if abs(value.adjusted()) < 30 else format(value, "E")
    return "0" if value == ZERO else text


def data_problem(data: "EvaluationData") -> str:
    """Return the first value out of bounds in data that no form parsed (a service's caller)."""
    for line in data.funding:
        for amount in (line.initial, line.adjusted, line.executed):
            if amount is not None and amount_problem(amount):
                return amount_problem(amount)
    texts = [getattr(data, name, "") for name in TEXT_LIMITS if hasattr(data, name)]
    limits = [name for name in TEXT_LIMITS if hasattr(data, name)]
    for row in data.rows:
        if row.weight is not None and weight_problem(row.weight):
            return weight_problem(row.weight)
        if row.qualitative_score is not None and score_problem(row.qualitative_score, row.weight):
            return score_problem(row.qualitative_score, row.weight)
        for name, column in _ROW_COLUMNS.items():
            texts.append(getattr(row, column, ""))
            limits.append(name)
    for text, name in zip(texts, limits, strict=True):
        if text_problem(text, name):
            return text_problem(text, name)
        if has_control(text):
            return _("A text cell holds control characters.")
    return ""


# Form cell names of RowData's text attributes.
_ROW_COLUMNS = {
    "name": "name",
    "target": "target_text",
    "unit": "unit",
    "actual": "actual_text",
    "deviation_reason": "deviation_reason",
    "not_applicable_reason": "not_applicable_reason",
}

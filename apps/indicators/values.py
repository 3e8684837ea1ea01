"""What filers type in indicator and amount cells: numbers, comparators and units (DESIGN §3)."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.indicators.scoring import normalize_comparator

# Chinese input methods type full-width digits and signs; map them before matching.
_FULL_WIDTH = str.maketrans(
    {
        **{chr(ord("０") + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "＋": "+",
        "－": "-",
        "−": "-",
    }
)
_COMPARATOR = r"(?P<comparator>>=|<=|≥|≧|≤|≦|>|<|＞|＜|=|＝)"
# Thousands separators only in groups of three, as spreadsheets print them ("1,200.50");
# the full-width comma is left alone: it separates clauses ("260件，200次"), not digits.
_NUMBER = r"(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
# A unit is letters or CJK characters (件, 人次, 台套, km), optionally per another (元/人, 天/月),
# or a percent sign. Digits or punctuation after the number mean the cell holds a sentence.
_UNIT_WORD = r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff℃㎡㎞㎏²³°·]+"
_UNIT = rf"(?P<unit>%|‰|{_UNIT_WORD}(?:/{_UNIT_WORD})*)"
_VALUE_RE = re.compile(rf"{_COMPARATOR}?\s*{_NUMBER}\s*{_UNIT}?")
_AMOUNT_WITH_UNIT_RE = re.compile(rf"{_NUMBER}\s*{_UNIT}")
_QUOTE_LIMIT = 20
# No cell means a number this long; more digits would only strain the Decimal arithmetic of the
# engine (28 digits of precision) and the columns (at most 16 digits).
MAX_DIGITS = 24


@dataclass(frozen=True)
class ParsedValue:
    """A target or actual cell as typed (text) and as understood; number is None when blank."""

    text: str
    comparator: str | None
    number: Decimal | None
    unit: str


class ComparatorConflict(ValueError):
    """The comparator typed in a target cell differs from the one chosen for the row."""


class UnitConflict(ValueError):
    """The unit typed in a value cell differs from the row's unit cell."""


def _prepare(text: str) -> str:
    """Return text stripped, with full-width digits and signs made ASCII."""
    return text.strip().translate(_FULL_WIDTH)


def _quote(text: str) -> str:
    """Return text shortened for quoting in a message: cells may hold whole paragraphs."""
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "…"


def _to_decimal(number: str, text: str) -> Decimal:
    """Return the Decimal of a matched number, without its thousands separators."""
    digits = sum(character.isdigit() for character in number)
    if digits > MAX_DIGITS:
        message = _("“%(text)s” has %(digits)s digits; a number has at most %(limit)s.")
        raise ValueError(
            message % {"text": _quote(text.strip()), "digits": digits, "limit": MAX_DIGITS}
        )
    return Decimal(number.replace(",", ""))


def normalize_unit(text: str) -> str:
    """Return a unit cell stripped, with a full-width percent sign made ASCII."""
    return _prepare(text)


def parse_value(text: str) -> ParsedValue:
    """Read "≥260件", "100%", "=100" or "" from a target or actual cell; ValueError otherwise."""
    stripped = text.strip()
    prepared = _prepare(text)
    if not prepared:
        return ParsedValue(text=stripped, comparator=None, number=None, unit="")
    match = _VALUE_RE.fullmatch(prepared)
    if match is None:
        if not re.search(r"\d", prepared):
            message = _(
                "“%(text)s” has no number. Write a number and its unit, for example ≥260件 "
                "or 100%%; if the indicator cannot be measured by a number, choose the "
                "comparator 定性."
            )
        else:
            message = _(
                "“%(text)s” is not a number with a unit. Write one number followed by its "
                "unit, for example ≥260件 or 100%%, without other words."
            )
        raise ValueError(message % {"text": _quote(stripped)})
    sign = match["comparator"]
    return ParsedValue(
        text=stripped,
        comparator=normalize_comparator(sign) if sign else None,
        number=_to_decimal(match["number"], text),
        unit=match["unit"] or "",
    )


def parse_number(text: str) -> Decimal:
    """Read a plain amount cell ("200,000.00", "１２"); a unit or any other text is a ValueError."""
    prepared = _prepare(text)
    if not prepared:
        raise ValueError(_("Enter a number, for example 200,000.00."))
    match = re.fullmatch(_NUMBER, prepared)
    if match is not None:
        return _to_decimal(match["number"], text)
    with_unit = _AMOUNT_WITH_UNIT_RE.fullmatch(prepared)
    if with_unit is not None:
        message = _(
            "“%(text)s” contains a unit. The unit of this column is printed in its header; "
            "enter the number alone, for example %(example)s."
        )
        raise ValueError(message % {"text": _quote(text.strip()), "example": with_unit["number"]})
    message = _("“%(text)s” is not a number. Enter a number, for example 200,000.00.")
    raise ValueError(message % {"text": _quote(text.strip())})


def format_value(number: Decimal | None, unit: str) -> str:
    """Show a number and its unit the way a filer writes it: "260件", "100%", "" when blank."""
    if number is None:
        return ""
    # normalize() strips trailing zeros; format "f" keeps 1E+2 from showing as an exponent.
    shown = "0" if number == 0 else format(number.normalize(), "f")
    return f"{shown}{unit}"


def reconcile(comparator: str, target: ParsedValue, unit: str) -> tuple[str, str]:
    """Return the (comparator, unit) a row keeps when its target cell carries its own sign or unit.

    The form calls it after parse_value on the target cell, with the comparator select and the
    unit cell as submitted: ``comparator, unit = reconcile(select, parse_value(cell), unit_cell)``.
    A typed sign or unit fills an empty select or unit cell; the chosen ones win when both say
    the same. Raises ComparatorConflict or UnitConflict (both ValueError, with a message for the
    filer) when they differ, and ValueError for a select value that is not a comparator. Either
    result may be "" when nothing says it; the caller decides whether that is allowed.
    """
    selected = ""
    if comparator.strip():
        try:
            selected = normalize_comparator(comparator)
        except ValueError:
            message = _("“%(text)s” is not a comparator. Choose ≥, ＞, ≤, ＜, = or 定性.")
            raise ValueError(message % {"text": comparator.strip()}) from None
    if target.comparator and selected and target.comparator != selected:
        message = _(
            "The target “%(text)s” says %(typed)s, but the comparator chosen is %(selected)s. "
            "Remove the sign from the target or choose %(typed)s."
        )
        raise ComparatorConflict(
            message
            % {"text": _quote(target.text), "typed": target.comparator, "selected": selected}
        )
    unit_cell = normalize_unit(unit)
    if target.unit and unit_cell and target.unit != unit_cell:
        message = _(
            "The target “%(text)s” is in “%(typed)s”, but the unit of the row is “%(unit)s”. "
            "Write the target in %(unit)s or change the unit."
        )
        raise UnitConflict(
            message % {"text": _quote(target.text), "typed": target.unit, "unit": unit_cell}
        )
    return selected or target.comparator or "", unit_cell or target.unit

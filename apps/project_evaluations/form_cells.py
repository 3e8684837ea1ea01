"""Reading one typed cell of the project form: a number, a bounded value or a text, or an error
keyed by the cell (forms.py reads whole rows and the page with these)."""

from decimal import Decimal

from apps.indicators.values import parse_number

from . import bounds


def optional_number(text: str, cell: str, errors: dict[str, str]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_number(text)
    except ValueError as error:
        errors[cell] = str(error)
        return None


def bounded(
    value: Decimal | None, problem: str, cell: str, errors: dict[str, str]
) -> Decimal | None:
    """Return value, or None with the problem on its cell when it is out of bounds."""
    if value is None or not problem:
        return value
    errors[cell] = problem
    return None


def text_cell(cells: dict[str, str], name: str, cell: str, errors: dict[str, str]) -> str:
    """Return a text cell stripped, or "" with an error on the cell when it is too long."""
    text = cells.get(name, "").strip()
    problem = bounds.text_problem(text, name)
    if problem:
        errors[cell] = problem
        return ""
    return text

"""The project self-evaluation's cells as a snapshot keeps them, with their Chinese labels."""

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.core.money import format_amount
from apps.filings.snapshots import CellChange, cell_text

from .data import ROW_FIELDS
from .models import FundingLine, IndicatorRow, ProjectEvaluation

FUNDING_FIELDS = ("initial", "adjusted", "executed")
TEXT_FIELDS = ("goal_expected", "goal_actual", "notes", "low_execution_explanation")


def cells_of(evaluation: ProjectEvaluation) -> dict[str, str]:
    """Every cell of the evaluation by a stable key (rows by id, funding by source)."""
    cells = {name: cell_text(getattr(evaluation, name)) for name in TEXT_FIELDS}
    for line in evaluation.funding_lines.all():
        for name in FUNDING_FIELDS:
            cells[f"funding.{line.source}.{name}"] = cell_text(getattr(line, name))
    for row in evaluation.rows.all():
        cells[f"row.{row.pk}.category"] = str(row.category)
        cells[f"row.{row.pk}.position"] = str(row.position)
        for name in ROW_FIELDS:
            cells[f"row.{row.pk}.{name}"] = cell_text(getattr(row, name))
    return cells


def _verbose(model, name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def cell_label(key: str, old, new) -> str:
    """The label of a cell: the column's name, with the row's indicator for a row's cell."""
    parts = key.split(".")
    if parts[0] in TEXT_FIELDS:
        return _verbose(ProjectEvaluation, parts[0])
    if parts[0] == "funding":
        source = dict(FundingLine.Source.choices).get(parts[1], parts[1])
        column = _verbose(FundingLine, parts[2])
        return f"{source} · {column}"
    row_name = new.get(f"row.{parts[1]}.name") or old.get(f"row.{parts[1]}.name") or "—"
    if parts[2] == "category":
        field = _("level-2 indicator")
    elif parts[2] == "position":
        field = _("position")
    else:
        field = _verbose(IndicatorRow, parts[2])
    return _("Indicator “%(row)s”: %(field)s") % {"row": row_name, "field": field}


def cell_order(key: str) -> tuple:
    """Goals first, then funding, the rows by id, the notes last (the form's order)."""
    parts = key.split(".")
    order = {
        "goal_expected": 0,
        "goal_actual": 1,
        "notes": 9,
        "funding": 2,
        "low_execution_explanation": 2,
        "row": 3,
    }
    row_id = int(parts[1]) if parts[0] == "row" and parts[1].isdigit() else 0
    return (order.get(parts[0], 5), row_id, key)


def row_key_of_cell(key: str) -> str:
    """The review row of a cell: "row:12" for the cells of indicator row 12."""
    parts = key.split(".")
    if parts[0] == "row" and len(parts) == 3 and parts[1].isdigit():
        return f"row:{parts[1]}"
    return ""


def _amount(text: str, unit: str) -> str:
    try:
        return f"{format_amount(Decimal(text), unit)} {unit}" if text else ""
    except InvalidOperation:
        return text


def in_unit(changes: list[CellChange], unit: str) -> list[CellChange]:
    """The changes with amounts (stored in 元) shown as the form shows them, in its unit."""
    return [
        replace(c, old=_amount(c.old, unit), new=_amount(c.new, unit))
        if c.key.startswith("funding.")
        else c
        for c in changes
    ]

"""How the form lays out each part under the bureau's layout: labelled cells, 收支情况 tables,
simple row sections and the 打分表, with the printed headings of the seeds."""

from apps.core.money import format_amount
from apps.indicators import scoring
from apps.indicators.layouts import Column, DepartmentLayout

from ..forms import FormState
from ..layout import SCALAR_KINDS, in_lines
from ..layout import finance_tables as layout_finance_tables

# The row sections' cells: how each is typed (text/area/amount/rate/hidden).
ROW_KINDS = {
    "goals": {"period": "text", "expected": "area", "achieved": "area"},
    "tasks": {
        "name": "text",
        "level": "text",
        "content": "area",
        "approved_total": "amount",
        "approved_fiscal": "amount",
        "approved_other": "amount",
        "actual": "amount",
        "rate": "rate",
        "low_reason": "area",
    },
    "outputs": {"section": "hidden", "name": "text", "plan": "area", "actual": "area"},
    "evaluators": {"name": "text", "title": "text", "unit": "text"},
}
OUTPUT_COLUMNS = (Column("name", "名称"), Column("plan", "计划"), Column("actual", "实际"))


def _shown(value) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def labelled(fields: tuple[Column, ...], scalars: dict, by_cell: dict) -> list[list[dict]]:
    """A part's labelled cells as typed, in lines: short cells two to a line, long ones alone."""
    return in_lines(
        [
            {
                "name": column.key,
                "label": column.heading,
                "kind": SCALAR_KINDS.get(column.key, "text"),
                "value": scalars.get(column.key, ""),
                "findings": by_cell.get(column.key, []),
            }
            for column in fields
        ]
    )


def finance_tables(
    layout: DepartmentLayout, state: FormState, total_row: dict, by_cell: dict, unit: str
) -> list[dict]:
    """The 收支情况 tables of the layout, each with the computed total row and one row per
    institution (the first table holds the row's name and hidden cells)."""
    rows = state.sections.get("finance", [])
    tables = []
    for title, table in layout_finance_tables(layout):
        columns = tuple((c.key, c.heading) for c in table)
        tables.append(
            {
                "title": title,
                "columns": columns,
                "total": [
                    {
                        "name": name,
                        "value": format_amount(total_row.get(name), unit)
                        if total_row.get(name) is not None
                        else "",
                        "findings": by_cell.get(f"finance-total.{name}", []),
                    }
                    for name, _label in columns
                ],
                "rows": [
                    finance_row(index, cells, columns, by_cell) for index, cells in enumerate(rows)
                ],
                "blank": finance_row("__i__", {}, columns, {}),
            }
        )
    return tables


def finance_row(index, cells: dict, columns, by_cell: dict) -> dict:
    prefix = f"finance-{index}."
    return {
        "index": str(index),  # a number would be localized at each use
        "id": cells.get("id", ""),
        "unit": cells.get("unit", ""),
        "name": cells.get("name", ""),
        "name_findings": by_cell.get(f"{prefix}name", []),
        "cells": [
            {
                "name": name,
                "label": label,
                "value": cells.get(name, ""),
                "findings": by_cell.get(f"{prefix}{name}", []),
            }
            for name, label in columns
        ],
    }


def simple_rows(
    section: str, fields: tuple[Column, ...], rows: list[dict], by_cell: dict, rates=()
) -> list[dict]:
    """Rows of a simple section as the template lays them out, one cell per shown column."""
    return [
        simple_row(
            section, fields, index, cells, by_cell, rates[index] if index < len(rates) else ""
        )
        for index, cells in enumerate(rows)
    ]


def simple_row(
    section: str,
    fields: tuple[Column, ...],
    index,
    cells: dict,
    by_cell: dict,
    rate: str = "",
    preset: dict | None = None,
) -> dict:
    prefix = f"{section}-{index}."
    cells = {**cells, **(preset or {})}
    kinds = ROW_KINDS[section]
    return {
        "index": str(index),
        "id": cells.get("id", ""),
        # Posted with the first cell: the row's kind of output.
        "hidden": [
            {"name": name, "value": cells.get(name, "")}
            for name, kind in kinds.items()
            if kind == "hidden"
        ],
        "cells": [
            {
                "name": column.key,
                "label": column.heading,
                "kind": kinds.get(column.key, "text"),
                "width": column.width if column.width <= 30 else 0,  # the page's jx-w-N
                "value": rate if kinds.get(column.key) == "rate" else cells.get(column.key, ""),
                "findings": by_cell.get(f"{prefix}{column.key}", []),
            }
            for column in fields
        ],
    }

"""The department form's parts in the bureau's layout: each part's heading, cells and rows."""

from apps.indicators.layouts import Column, DepartmentLayout

from ..data import Context
from ..forms import SECTIONS, FormState
from ..layout import fields_of, headings, indicator_columns
from ..printed import OUTPUTS
from .indicator_rows import row_labels, row_templates, shown_row
from .layout import (
    OUTPUT_COLUMNS,
    finance_tables,
    labelled,
    simple_row,
    simple_rows,
)
from .rubric import rubric_groups, rubric_labels

TEMPLATE = "department_evaluations/parts/{}.html"


def _indicator_rows(state: FormState, by_cell: dict, levels: dict, scores: list) -> list[dict]:
    # "indicators-3.unit" → row 3's findings by cell, read once rather than once a row.
    by_row: dict[str, dict[str, list]] = {}
    for key, items in by_cell.items():
        if key.startswith("indicators-") and "." in key:
            row, cell = key.removeprefix("indicators-").split(".", 1)
            by_row.setdefault(row, {})[cell] = items
    rows = []
    for index, cells in enumerate(state.sections.get("indicators", [])):
        category = cells.get("category", "")
        level1, level2 = levels.get(int(category), ("", "")) if category.isdigit() else ("", "")
        score = scores[index] if index < len(scores) else ""
        rows.append(shown_row(index, cells, level1, level2, score, by_row.get(str(index), {})))
    return rows


def _indicators(layout: DepartmentLayout, context: Context, state, payload, by_cell, levels):
    columns = indicator_columns(layout, context.basis, printed=False)
    actual = next((c.heading for c in columns if c.key == "actual"), "")
    blank_cells = dict.fromkeys(("id", *SECTIONS["indicators"]), "")
    return {
        "columns": columns,
        "headings": headings(columns),
        "rows": _indicator_rows(state, by_cell, levels, payload["indicator_scores"]),
        "blank": shown_row("__i__", blank_cells, "", "", "", {}),
        "row_templates": row_templates(tuple(c.key for c in columns)),
        "labels": row_labels(actual),
    }


def _rows_part(section: str, fields: tuple[Column, ...], state: FormState, by_cell, rates=()):
    return {
        "columns": fields,
        "rows": simple_rows(section, fields, state.sections.get(section, []), by_cell, rates),
        "blank": simple_row(section, fields, "__i__", {}, {}),
    }


def _outputs(state: FormState, by_cell: dict) -> dict:
    """Seed 000's 公共产品或服务 and 实际效益 tables: one section of rows, two groups."""
    kinds = [cells.get("section") for cells in state.sections.get("outputs", [])]
    tables = []
    for kind, title, label in OUTPUTS:
        columns = (Column("name", label), *OUTPUT_COLUMNS[1:])
        rows = simple_rows("outputs", columns, state.sections.get("outputs", []), by_cell)
        chosen = [
            row
            for of, row in zip(kinds, rows, strict=True)
            if (of == "benefit") == (kind == "benefit")
        ]
        blank = simple_row("outputs", columns, "__i__", {}, {}, preset={"section": kind})
        tables.append((title, kind, chosen, blank))
    satisfaction = Column("satisfaction", "服务对象（受益者及相关群体）满意度")
    return {"tables": tables, "satisfaction": labelled((satisfaction,), state.scalars, by_cell)}


def form_parts(
    layout: DepartmentLayout,
    *,
    context: Context,
    state: FormState,
    computed,
    payload: dict,
    by_cell: dict,
    levels: dict,
) -> list[dict]:
    """Each part of the layout, in its order: key, heading, template and what it shows."""
    parts = []
    for part in layout.parts:
        fields = fields_of(layout, part.key)
        found: dict = {
            "key": part.key,
            "heading": part.heading,
            "template": TEMPLATE.format(part.key),
            "lines": labelled(fields, state.scalars, by_cell),
        }
        if part.key == "finance":
            found["tables"] = finance_tables(
                layout, state, computed.scores.total_row, by_cell, context.amount_unit
            )
        elif part.key in ("goals", "evaluators"):
            found |= _rows_part(part.key, fields, state, by_cell)
        elif part.key == "tasks":
            found |= _rows_part(part.key, fields, state, by_cell, payload["task_rates"])
        elif part.key == "indicators":
            found |= _indicators(layout, context, state, payload, by_cell, levels)
        elif part.key == "outputs":
            found |= _outputs(state, by_cell)
        elif part.key == "figures":
            found["figures"] = computed.scores.figures.values()
        elif part.key == "rubric":
            found["groups"] = rubric_groups(context, state, computed.scores, by_cell)
            found["labels"] = rubric_labels()
        parts.append(found)
    return parts

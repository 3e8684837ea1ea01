"""The department self-evaluation's form: what the page posts, read into DepartmentData.

Every cell is kept as typed (`FormState`) so a refused save loses nothing; `parse_state` reads
it into `DepartmentData` with an error per cell it cannot take ("finance-0.income_total").
Amounts are typed in the form's unit (万元 or 元) and stored in 元, rounded half up to the fen.
A post without a section's row count, or whose rows do not match it, was not sent by the page
and is refused whole: read as blank, it would delete rows.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.core.money import TEN_THOUSAND
from apps.core.text import clean_text
from apps.indicators.values import format_value

from . import bounds
from .bounds import FINANCE_COLUMNS
from .data import (
    Context,
    DepartmentData,
)
from .selectors import SCALARS

TASK_AMOUNTS = ("approved_total", "approved_fiscal", "approved_other", "actual")
SECTIONS: dict[str, tuple[str, ...]] = {
    "finance": ("unit", "name", *FINANCE_COLUMNS),
    "goals": ("period", "expected", "achieved"),
    "tasks": ("name", "level", "content", *TASK_AMOUNTS, "low_reason"),
    "indicators": (
        "category",
        "name",
        "comparator",
        "target_text",
        "unit",
        "actual_text",
        "weight",
        "qualitative_label",
        "qualitative_score",
        "deviation_reason",
    ),
    "outputs": ("section", "name", "plan", "actual"),
    "evaluators": ("name", "title", "unit"),
}
SCALAR_AMOUNTS = (
    "three_public_last_year",
    "executed_by_june",
    "executed_by_september",
    "executed_by_november",
)
COUNTS = ("authorized_headcount", "actual_headcount")
# Characters per text cell (CharFields are declared with these lengths).
LIMITS = {
    "evaluation_method": 100,
    "evaluation_agency": 100,
    "prepared_by": 100,
    "contact_person": 50,
    "contact_phone": 50,
    "finance.name": 100,
    "goals.period": 20,
    "tasks.name": 200,
    "tasks.level": 20,
    "tasks.low_reason": 2000,
    "indicators.name": 200,
    "indicators.target_text": 500,
    "indicators.unit": 20,
    "indicators.actual_text": 1000,
    "indicators.deviation_reason": 2000,
    "outputs.name": 200,
    "evaluators.name": 50,
    "evaluators.title": 50,
    "evaluators.unit": 100,
    "rubric.note": 2000,
    **bounds.TEXT_LIMITS,
}
OUTPUT_SECTIONS = ("product", "benefit")


@dataclass
class FormState:
    """Every cell as typed: scalars by name, rows per section, 打分表 cells by item id."""

    version: int = 0
    scalars: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    rubric: dict[int, dict[str, str]] = field(default_factory=dict)
    problem: str = ""  # the post was not sent by the page: refused whole


@dataclass
class ParsedForm:
    data: DepartmentData
    errors: dict[str, str]


def _shown(value: object, unit: str = "", *, amount: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if amount and unit == "万元":
            value = value / TEN_THOUSAND
        return format_value(value, "")
    return str(value)


def state_from_data(data: DepartmentData, *, version: int, unit: str) -> FormState:
    """The saved values as the page shows them, amounts in the form's unit."""
    amounts = {*FINANCE_COLUMNS, *TASK_AMOUNTS, *SCALAR_AMOUNTS}
    scalars = {name: _shown(getattr(data, name), unit, amount=name in amounts) for name in SCALARS}
    sections: dict[str, list[dict[str, str]]] = {}
    rows_of: dict[str, tuple[Any, ...]] = {
        "finance": data.finance,
        "goals": data.goals,
        "tasks": data.tasks,
        "indicators": data.indicators,
        "outputs": data.outputs,
        "evaluators": data.evaluators,
    }
    for section, rows in rows_of.items():
        sections[section] = []
        for row in rows:
            cells = {"id": _shown(row.row_id)}
            for name in SECTIONS[section]:
                if section == "finance" and name in FINANCE_COLUMNS:
                    value = row.get(name)
                elif (section, name) in (("finance", "unit"), ("indicators", "category")):
                    value = getattr(row, f"{name}_id")
                else:
                    value = getattr(row, name)
                cells[name] = _shown(value, unit, amount=name in amounts)
            sections[section].append(cells)
    rubric = {
        line.item_id: {"score": _shown(line.score), "note": line.note} for line in data.rubric
    }
    return FormState(version=version, scalars=scalars, sections=sections, rubric=rubric)


def state_from_post(
    post: QueryDict, context: Context, sections: Collection[str] | None = None
) -> FormState:
    """What was typed, kept whole (control characters removed); of the row sections, those
    given (the ones the page shows: the others are not posted and are read as empty)."""

    def value(name: str) -> str:
        return clean_text(post.get(name, ""))

    state = FormState(scalars={name: value(name) for name in SCALARS})
    version = post.get("version", "")
    state.version = int(version) if version.isascii() and version.isdigit() else 0
    if not version:
        state.problem = _("This form was not sent by the page; nothing was saved.")
    for section, fields in SECTIONS.items():
        if sections is not None and section not in sections:
            state.sections[section] = []
            continue
        pattern = re.compile(rf"{section}-([0-9]{{1,4}})-id")
        indices = sorted({int(m[1]) for key in post if (m := pattern.fullmatch(key))})
        count = post.get(f"{section}-TOTAL", "")
        if not (count.isascii() and count.isdigit()) or int(count) != len(indices):
            state.problem = _("This form was not sent by the page; nothing was saved.")
        if len(indices) > bounds.MAX_ROWS:
            state.problem = _("A section holds at most %(max)s rows.") % {"max": bounds.MAX_ROWS}
        state.sections[section] = [
            {name: value(f"{section}-{i}-{name}") for name in ("id", *fields)} for i in indices
        ]
    for item in context.rubric:
        prefix = f"rubric-{item.item_id}"
        state.rubric[item.item_id] = {
            "score": value(f"{prefix}-score"),
            "note": value(f"{prefix}-note"),
        }
    return state

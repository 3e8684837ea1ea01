"""The indicator table's rows from plain values (STYLE: speed of big tables).

A row is one template made of its cells' partials (templates/project_evaluations/cells/) in the
layout's column order, compiled once per order: the page renders 60 rows without choosing each
cell's markup again. What every row repeats (the inputs' labels, the options of a select) is
computed once here instead of in every row.
"""

from django.template.base import Template
from django.utils.translation import gettext as _

from apps.core.row_templates import compiled_rows, select_options
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory

_START = "project_evaluations/_row_start.html"
_END = "project_evaluations/_row_end.html"
# A row's cells that may carry findings (the page's data-cell names after "row-N.").
FINDING_CELLS = (
    "name",
    "comparator",
    "target",
    "unit",
    "actual",
    "weight",
    "qualitative_score",
    "deviation_reason",
    "not_applicable",
    "not_applicable_reason",
)


def row_labels() -> dict[str, str]:
    """The labels of a row's inputs and tools, in the request's language."""
    return {
        "level_3_indicator": _("Level-3 indicator"),
        "comparator": _("Comparator"),
        "target": _("Target"),
        "unit": _("Unit"),
        "actual": _("Actual"),
        "qualitative_result": _("Qualitative result"),
        "weight": _("Weight"),
        "score": _("Score"),
        "deviation_analysis_and_improvement": _("Deviation analysis and improvement"),
        "propose_as_not_applicable": _("Propose as not applicable"),
        "reason_it_is_not_applicable": _("Reason it is not applicable"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "add_a_row_below": _("Add a row below"),
        "remove_this_row": _("Remove this row"),
    }


def shown_row(
    index: int | str,
    cells: dict[str, str],
    category: IndicatorCategory | None,
    score: str | None,
    findings: dict[str, list],
) -> dict:
    """A row as its template reads it: plain values only."""
    parent = category.parent if category is not None else None
    return {
        "index": str(index),  # a string: the template does not localize it 10 times a row
        "cells": cells,
        "level1": parent.name if parent else "",
        "level2": category.name if category else "",
        "order": f"{parent.position if parent else ''}.{category.position if category else ''}",
        "score": score,
        # Every cell present: a missing key costs the template three failed lookups.
        "findings": {**dict.fromkeys(FINDING_CELLS, ()), **findings},
        "comparator_options": select_options(scoring.COMPARATORS, cells.get("comparator", "")),
        "qualitative_options": select_options(
            scoring.QUALITATIVE_LABELS, cells.get("qualitative_label", "")
        ),
    }


def row_templates(column_keys: tuple[str, ...]) -> dict[str, Template]:
    """ "rows" renders `rows`, "row" renders one `row`, for the layout's columns."""
    names = (_START, *(f"project_evaluations/cells/{key}.html" for key in column_keys), _END)
    return compiled_rows(names)

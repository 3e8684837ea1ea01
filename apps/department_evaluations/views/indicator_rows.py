"""The 定量目标 table's rows from plain values (STYLE: speed of big tables).

A row is one template made of its cells' partials (templates/department_evaluations/cells/) in
the layout's column order, compiled once per order: the page renders its rows without choosing
each cell's markup again. What every row repeats (the inputs' labels, the options of a select)
is made once here instead of in every row. The other tables' rows (收支情况, the simple
sections) are their row template in a loop compiled once (`row_loop`), not an include a row.
"""

from django.template.base import Template
from django.utils.translation import gettext as _

from apps.core.row_templates import compiled_rows, select_options
from apps.indicators import scoring

_START = "department_evaluations/cells/_start.html"
_END = "department_evaluations/cells/_end.html"
CELL_KEYS = frozenset(
    {
        "level1",
        "level2",
        "name",
        "goal",
        "target_joined",
        "comparator",
        "target",
        "unit",
        "actual",
        "weight",
        "score",
        "deviation",
    }
)
# A row's cells that may carry findings (the page's data-cell names after "indicators-N.").
FINDING_CELLS = (
    "name",
    "comparator",
    "target_text",
    "unit",
    "actual_text",
    "weight",
    "qualitative_score",
    "deviation_reason",
)


def row_labels(actual: str) -> dict[str, str]:
    """The labels of a row's inputs and tools in the request's language; actual is the
    heading of the 实际完成值 column."""
    return {
        "actual": actual,
        "qualitative_result": _("Qualitative result"),
        "qualitative_score": _("Qualitative score"),
        "qualitative_only": _("定性 only"),
        "remove": _("Remove this row"),
    }


def shown_row(
    index: int | str,
    cells: dict[str, str],
    level1: str,
    level2: str,
    score: str,
    findings: dict[str, list],
) -> dict:
    """A row as its template reads it: plain values only."""
    return {
        "index": str(index),  # a number would be localized at each use
        "cells": cells,
        "level1": level1,
        "level2": level2,
        "score": score,
        "comment_key": f"row:{cells.get('id', '')}",
        # Every cell present: a missing key costs the template three failed lookups.
        "findings": {**dict.fromkeys(FINDING_CELLS, ()), **findings},
        "comparator_options": select_options(scoring.COMPARATORS, cells.get("comparator", "")),
        "qualitative_options": select_options(
            scoring.QUALITATIVE_LABELS, cells.get("qualitative_label", "")
        ),
    }


def row_templates(column_keys: tuple[str, ...]) -> dict[str, Template]:
    """ "rows" renders `rows`, "row" renders one `row`, for the layout's columns (a column
    without a cell of its own shows nothing, as before)."""
    names = (
        _START,
        *(f"department_evaluations/cells/{key}.html" for key in column_keys if key in CELL_KEYS),
        _END,
    )
    return compiled_rows(names)

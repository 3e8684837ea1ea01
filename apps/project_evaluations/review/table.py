"""The submitted 项目支出绩效自评表 as plain values for the review page: no ORM, no request.

Each indicator row carries the department's score, what the reviewer typed or saved, and, for
the cells that changed since the revision last returned, a tooltip with the old value.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.core.money import format_amount
from apps.filings.snapshots import CellChange
from apps.indicators.scoring import round_score
from apps.reviews.sheets import ReviewTotals, field_prefix, shown

from ..models import FundingLine
from .cells import Sheet, SheetRow
from .totals import row_key

# Which displayed cell shows which frozen cell ("row.<id>.<field>").
ROW_CELLS = {
    "category": "name",
    "name": "name",
    "comparator": "comparator",
    "target_text": "target",
    "unit": "unit",
    "actual_text": "actual",
    "qualitative_label": "actual",
    "weight": "weight",
    "qualitative_score": "score",
    "not_applicable": "deviation",
    "deviation_reason": "deviation",
}
FUNDING_COLUMNS = ("initial", "adjusted", "executed")


@dataclass
class RowView:
    """One indicator row of the page."""

    row: SheetRow
    key: str  # the review row's key, "row:12"
    prefix: str  # of its inputs' names, "row-12"
    level1_span: int  # 0: merged into the row above, as the printed form does
    level2_span: int
    department_score: str
    review_score: str  # as typed or saved
    comment: str
    error: str = ""
    changed: dict[str, str] = field(default_factory=dict)  # displayed cell → tooltip
    is_new: bool = False
    not_applicable: str = ""  # the reviewer's decision on a proposed 不适用


@dataclass
class FundingView:
    source: str
    label: str
    cells: list[tuple[str, str]]  # (amount shown, tooltip if changed)


@dataclass
class TableView:
    rows: list[RowView]
    funding: list[FundingView]
    goals: dict[str, tuple[str, str]]  # goal_expected / goal_actual / notes → (text, tooltip)
    execution_rate: str
    execution_score: str
    review_total: str
    review_grade: str
    removed_rows: list[str]
    change_count: int
    # False under a layout without points (四川): rows show their 完成率, and there is no 总分.
    points: bool = True
    weights: str = ""  # 总分's 分值: the execution weight and the rows' weights, added up


def _old_amount(text: str, unit: str) -> str:
    try:
        return format_amount(Decimal(text), unit) if text else _("(empty)")
    except InvalidOperation:
        return text


def _tooltip(changes: list[CellChange], unit: str = "") -> str:
    lines = []
    for change in changes:
        old = _old_amount(change.old, unit) if unit else (change.old or _("(empty)"))
        lines.append(_("Before: %(old)s") % {"old": old})
    return "\n".join(lines)


def _spans(rows: tuple[SheetRow, ...]) -> list[tuple[int, int]]:
    spans = [[1, 1] for _row in rows]
    first1 = first2 = 0
    for index, row in enumerate(rows):
        if index and row.level1 == rows[index - 1].level1:
            spans[first1][0] += 1
            spans[index][0] = 0
        else:
            first1 = index
        if index and (row.level1, row.level2) == (rows[index - 1].level1, rows[index - 1].level2):
            spans[first2][1] += 1
            spans[index][1] = 0
        else:
            first2 = index
    return [(a, b) for a, b in spans]


def review_table(
    *,
    sheet: Sheet,
    totals: ReviewTotals,
    amount_unit: str,
    typed_scores: Mapping[str, str],
    comments: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    changes: list[CellChange] | None = None,
    not_applicable: Mapping[str, str] | None = None,
) -> TableView:
    """The page's table: rows with scores, review inputs and changed cells; funding; totals."""
    errors = errors or {}
    by_row: dict[int, dict[str, list[CellChange]]] = {}
    other: dict[str, list[CellChange]] = {}
    for change in changes or []:
        parts = change.key.split(".")
        if parts[0] == "row" and len(parts) == 3 and parts[1].isdigit():
            cell = ROW_CELLS.get(parts[2])
            if cell:
                by_row.setdefault(int(parts[1]), {}).setdefault(cell, []).append(change)
        else:
            other.setdefault(change.key, []).append(change)
    present = {row.row_id for row in sheet.rows}
    removed = [
        change.old or _("(empty)")
        for change in changes or []
        if change.key.startswith("row.")
        and change.key.endswith(".name")
        and int(change.key.split(".")[1]) not in present
    ]
    rows = []
    for row, (span1, span2) in zip(sheet.rows, _spans(sheet.rows), strict=True):
        changed = by_row.get(row.row_id, {})
        key = row_key(row.row_id)
        department = totals.department_scores.get(key)
        rows.append(
            RowView(
                row=row,
                key=key,
                prefix=field_prefix(key),
                level1_span=span1,
                level2_span=span2,
                department_score=shown(department),
                review_score=typed_scores.get(key, ""),
                comment=comments.get(key, ""),
                error=errors.get(key, ""),
                changed={cell: _tooltip(items) for cell, items in changed.items()},
                # A new row's name was blank before: every cell of it changed.
                is_new=any(c.key.endswith(".name") and not c.old for c in changed.get("name", [])),
                not_applicable=(not_applicable or {}).get(key, ""),
            )
        )
    labels = dict(FundingLine.Source.choices)
    funding = []
    order = {source: index for index, (source, _label) in enumerate(FundingLine.Source.choices)}
    for line in sorted(sheet.funding, key=lambda f: order.get(f.source, len(order))):
        cells = []
        for column in FUNDING_COLUMNS:
            key = f"funding.{line.source}.{column}"
            tooltip = _tooltip(other[key], amount_unit) if key in other else ""
            cells.append((format_amount(getattr(line, column), amount_unit), tooltip))
        funding.append(FundingView(line.source, labels.get(line.source, line.source), cells))
    goals = {
        name: (getattr(sheet, name), _tooltip(other[name]) if name in other else "")
        for name in ("goal_expected", "goal_actual", "notes")
    }
    rate = totals.department.execution_rate
    return TableView(
        rows=rows,
        funding=funding,
        goals=goals,
        execution_rate="" if rate is None else f"{round_score(rate * 100):.2f}%",
        execution_score=shown(totals.department.execution_score),
        review_total=shown(totals.review.total) if totals.scored else "",
        review_grade=totals.review.grade if totals.scored else "",
        removed_rows=removed,
        change_count=len(changes or []),
        points=totals.scored,
        weights=shown(totals.department.applicable_weight),
    )

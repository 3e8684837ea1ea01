"""The submitted 打分表 and 定量目标 as plain values for the review page: no ORM, no request.

Each row carries the department's score, what the reviewer typed or saved, and, for the cells
that changed since the revision last returned, a tooltip with the old value. A 打分表 row whose
自评打分 is not the value the system computed says so.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.filings.snapshots import CellChange
from apps.indicators.scoring import QUALITATIVE, round_score
from apps.indicators.values import parse_value
from apps.reviews.sheets import ReviewTotals, field_prefix, shown

from ..compute import BASIS_DECLARED, BASIS_INDICATORS, BASIS_RUBRIC
from ..data import IndicatorData
from ..snapshots import row_key_of_cell
from .cells import RubricEntry, Sheet, row_key
from .totals import rubric_subtotals

# Which displayed cell shows which frozen cell ("rubric.<item>.<field>", "indicator.<id>.…").
RUBRIC_CELLS = {"score": "score", "note": "standard", "standard": "standard", "weight": "weight"}
INDICATOR_CELLS = dict.fromkeys(("comparator", "target_text", "unit"), "target") | {
    "name": "name",
    "actual_text": "actual",
    "qualitative_label": "actual",
    "weight": "weight",
    "qualitative_score": "score",
    "score": "score",
    "deviation_reason": "deviation",
}


@dataclass
class RowInputs:
    """The reviewer's side of a row: its key, inputs' prefix, what was typed, and the refusal."""

    key: str  # "rubric:7", "row:12"
    prefix: str  # "rubric-7", "row-12"
    scored: bool  # a 复核得分 may be given (the row has a weight); else a comment only
    department_score: str
    review_score: str  # as typed or saved
    comment: str
    error: str = ""
    changed: dict[str, str] = field(default_factory=dict)  # displayed cell → tooltip


@dataclass
class RubricRowView:
    """One 打分表 row of the page; a span of 0 is merged into the row above, as printed."""

    entry: RubricEntry
    review: RowInputs
    spans: tuple[int, ...]  # 一级, 二级, 三级
    level1: str  # with its points: 部门预算项目绩效管理（70分）
    level2: str
    weight: str
    filed: str  # the 自评打分 (a deduction row's deduction) as filed
    computed: str
    mismatch: str  # why the 自评打分 is flagged; "" when it agrees with the system's value


@dataclass
class IndicatorRowView:
    row: IndicatorData
    review: RowInputs
    spans: tuple[int, ...]  # 一级, 二级
    target: str  # comparator, target and unit: ≥260件
    actual: str
    weight: str
    is_new: bool = False


@dataclass
class TableView:
    basis: str
    rubric: list[RubricRowView]
    indicators: list[IndicatorRowView]
    subtotals: list[tuple[str, str, str, str]]  # (一级指标, 分值, department, review)
    total_in: str  # where the 合计 shows: "rubric", "indicators" or "summary"
    department_total: str
    department_grade: str
    review_total: str
    review_grade: str
    execution_rate: str
    execution_score: str
    mismatch_count: int
    removed_rows: list[str]  # names of 定量目标 rows removed since the return


def points(value: Decimal | None) -> str:
    """A weight as the form prints it: 10, 2.5 ("" for none)."""
    if value is None:
        return ""
    return "0" if value == 0 else format(value.normalize(), "f")


def _spans(keys: Sequence[tuple[str, ...]]) -> list[tuple[int, ...]]:
    """Rowspans per level: a cell equal to the one above (with its parents) merges into it."""
    depth = len(keys[0]) if keys else 0
    spans = [[1] * depth for _key in keys]
    first = [0] * depth
    for index, key in enumerate(keys):
        for level in range(depth):
            if index and key[: level + 1] == keys[index - 1][: level + 1]:
                spans[first[level]][level] += 1
                spans[index][level] = 0
            else:
                first[level] = index
    return [tuple(row) for row in spans]


def _with_unit(text: str, unit: str) -> str:
    """A value cell with the row's unit after it unless the cell carries one."""
    try:
        parsed = parse_value(text)
    except ValueError:
        return text
    return f"{text}{unit}" if parsed.number is not None and not parsed.unit else text


def _tooltip(changes: list[CellChange]) -> str:
    return "\n".join(_("Before: %(old)s") % {"old": c.old or _("(empty)")} for c in changes)


@dataclass(frozen=True)
class _Given:
    """What the page knows of the reviewer's side, by row key, and the changed cells."""

    totals: ReviewTotals
    typed: Mapping[str, str]
    comments: Mapping[str, str]
    errors: Mapping[str, str]
    changed: dict[str, dict[str, list[CellChange]]]  # row key → displayed cell → changes

    def inputs(self, key: str, weight: Decimal | None) -> RowInputs:
        scored = weight is not None and weight > 0
        return RowInputs(
            key=key,
            prefix=field_prefix(key),
            scored=scored,
            department_score=shown(self.totals.department_scores.get(key)) if scored else "",
            review_score=self.typed.get(key, ""),
            comment=self.comments.get(key, ""),
            error=self.errors.get(key, ""),
            changed={cell: _tooltip(items) for cell, items in self.changed.get(key, {}).items()},
        )


def _rubric_views(sheet: Sheet, given: _Given) -> list[RubricRowView]:
    hand = [entry.item for entry in sheet.rubric if not entry.item.is_deduction]
    group_points: dict[tuple[str, ...], Decimal] = {}  # (一级,) and (一级, 二级) → Σ 分值
    for item in hand:
        for group in ((item.level1,), (item.level1, item.level2)):
            group_points[group] = group_points.get(group, Decimal(0)) + item.weight
    spans = _spans([(item.level1, item.level2, item.level3) for item in hand])
    views = []
    for index, entry in enumerate(sheet.rubric):  # deduction rows come last
        item = entry.item
        level1 = item.weight if item.is_deduction else group_points.get((item.level1,))
        level2 = group_points.get((item.level1, item.level2))
        views.append(
            RubricRowView(
                entry=entry,
                review=given.inputs(entry.key, item.weight),
                spans=(1, 1, 1) if item.is_deduction else spans[index],
                level1=f"{item.level1}（{points(level1)}分）",
                level2=f"{item.level2}（{points(level2)}分）" if item.level2 else "",
                weight=points(item.weight),
                filed=shown(entry.score),
                computed=shown(entry.computed),
                mismatch=entry.mismatch_reason(),
            )
        )
    return views


def _indicator_views(sheet: Sheet, given: _Given) -> list[IndicatorRowView]:
    rows = sheet.indicators
    views = []
    for row, spans in zip(rows, _spans([(r.level1, r.level2) for r in rows]), strict=True):
        key = row_key(row.row_id or 0)
        qualitative = row.comparator == QUALITATIVE
        views.append(
            IndicatorRowView(
                row=row,
                review=given.inputs(key, row.weight),
                spans=spans,
                target=row.comparator + _with_unit(row.target_text, row.unit)
                if row.target_text
                else "",
                actual=(row.qualitative_label or row.actual_text)
                if qualitative
                else _with_unit(row.actual_text, row.unit),
                weight=points(row.weight),
                is_new=any(not c.old for c in given.changed.get(key, {}).get("name", [])),
            )
        )
    return views


def review_table(
    *,
    sheet: Sheet,
    totals: ReviewTotals,
    typed_scores: Mapping[str, str],
    comments: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    changes: list[CellChange] | None = None,
) -> TableView:
    """The page's tables: 打分表 and 定量目标 rows with review inputs, changed cells, totals."""
    changes = changes or []
    changed: dict[str, dict[str, list[CellChange]]] = {}
    for change in changes:
        key, cell = row_key_of_cell(change.key), change.key.rsplit(".", 1)[-1]
        shown_in = (RUBRIC_CELLS if key.startswith("rubric:") else INDICATOR_CELLS).get(cell)
        if key and shown_in:
            changed.setdefault(key, {}).setdefault(shown_in, []).append(change)
    given = _Given(totals, typed_scores, comments, errors or {}, changed)
    rubric, indicators = _rubric_views(sheet, given), _indicator_views(sheet, given)
    present = {view.review.key for view in indicators}
    removed = [
        change.old
        for change in changes
        if change.key.startswith("indicator.")
        and change.key.endswith(".name")
        and change.old
        and row_key_of_cell(change.key) not in present
    ]
    if sheet.basis == BASIS_RUBRIC and rubric:
        total_in = "rubric"
    elif sheet.basis == BASIS_INDICATORS and indicators:
        total_in = "indicators"
    else:
        total_in = "summary"
    stated = sheet.basis != BASIS_DECLARED or sheet.declared_score is not None
    mine, theirs = totals.department, totals.review
    rate = mine.execution_rate
    return TableView(
        basis=sheet.basis,
        rubric=rubric,
        indicators=indicators,
        subtotals=[
            (name, points(weight), shown(department), shown(review))
            for name, weight, department, review in rubric_subtotals(totals)
        ]
        if sheet.basis == BASIS_RUBRIC
        else [],
        total_in=total_in,
        department_total=shown(mine.total) if stated else "",
        department_grade=mine.grade,
        review_total=shown(theirs.total) if stated else "",
        review_grade=theirs.grade,
        execution_rate="" if rate is None else f"{round_score(rate * 100):.2f}%",
        execution_score=shown(mine.execution_score),
        mismatch_count=sum(1 for view in rubric if view.mismatch),
        removed_rows=removed,
    )

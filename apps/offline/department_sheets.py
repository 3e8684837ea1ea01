"""The department self-evaluation's offline workbook: which sheets, which columns, where.

One sheet per part of the bureau's layout, in its order, with the layout's headings (the
seed's words): 基本概况 (labelled cells as 项目 | 内容 pairs), 收支情况 (one row per
institution, the layout's finance tables side by side, the 汇总 row above them), the row
sections, and the 打分表 when the filing is scored by one. Column A of every sheet holds the
saved row's id (hidden), so an edited row is matched to its saved row; blank rows below the
last one take new rows. Grey cells are computed by the system: shown, never read back.

`spec_of` says where everything is; department_workbook.py writes it, department_reading.py
reads it with the same spec, so the two cannot drift apart.
"""

from dataclasses import dataclass

from apps.department_evaluations.data import Context
from apps.department_evaluations.layout import (
    BASIS_INDICATORS,
    fields_of,
    finance_tables,
)
from apps.department_evaluations.selectors import SCALARS
from apps.department_evaluations.shown import Shown
from apps.indicators.layouts import DepartmentLayout

ID_HEADING = "系统编号（勿改）"
TITLE_ROW, NOTE_ROW = 1, 2
BLANK_ROWS = 10  # empty rows left under a row section for new rows
GENERAL = "基本概况"
FINANCE = "收支情况"
RUBRIC = "打分表"
TOTAL_NAME = "局机关及二级机构汇总"
SHEET_TITLES = {
    "goals": "绩效目标",
    "tasks": "重点工作任务",
    "indicators": "绩效指标",
    "outputs": "产出和效益",
    "evaluators": "评价人员",
}
# Cells typed as numbers (the others are text): amounts in the form's unit, counts, scores.
NUMBER_KINDS = frozenset({"amount", "count", "score", "number"})
OUTPUT_KINDS = {"product": "公共产品或服务", "benefit": "实际效益"}
# The indicator tree's typed cells, in the printed order, with the national form's headings.
INDICATOR_CELLS = (
    ("name", "三级指标", "text"),
    ("comparator", "指标性质", "text"),
    ("target_text", "指标值", "text"),
    ("unit", "度量单位", "text"),
    ("actual_text", "实际完成值", "text"),
    ("qualitative_label", "定性完成情况", "text"),
    ("weight", "分值", "number"),
    ("qualitative_score", "定性得分", "number"),
    ("score", "得分", "computed"),
    ("deviation_reason", "偏差原因分析及改进措施", "text"),
)
RUBRIC_COLUMNS = (
    ("id", ID_HEADING, "id"),
    ("level1", "一级指标", "fixed"),
    ("level2", "二级指标", "fixed"),
    ("level3", "三级指标", "fixed"),
    ("weight", "指标分值", "fixed"),
    ("explanation", "指标解释", "fixed"),
    ("standard", "计分标准", "fixed"),
    ("score", "自评打分", "number"),
    ("computed", "系统计算", "computed"),
    ("note", "备注", "text"),
)
SCALAR_NUMBERS = {
    "authorized_headcount": "count",
    "actual_headcount": "count",
    "three_public_last_year": "amount",
    "executed_by_june": "amount",
    "executed_by_september": "amount",
    "executed_by_november": "amount",
    "declared_score": "score",
}
TASK_KINDS = {
    "approved_total": "amount",
    "approved_fiscal": "amount",
    "approved_other": "amount",
    "actual": "amount",
    "rate": "computed",
}


@dataclass(frozen=True)
class Col:
    """One column: the state cell it holds ("id": the saved row's id), heading, how typed
    (text, amount, count, score, number, computed, level1, level2, section, fixed, id)."""

    key: str
    heading: str
    kind: str = "text"
    group: str = ""  # the table it belongs to (收支情况's titles), printed above the heading


@dataclass(frozen=True)
class RowSheet:
    """A sheet of rows of one section."""

    title: str
    section: str
    heading: str
    columns: tuple[Col, ...]
    header_row: int = 3
    first_row: int = 4

    def column_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self.columns, 1) if c.key == key), None)

    def headings(self) -> dict[int, str]:
        return {i: c.heading for i, c in enumerate(self.columns, 1)}


@dataclass(frozen=True)
class Spec:
    """Every sheet of the filing's workbook under its bureau's layout."""

    general: tuple[Col, ...]  # labelled cells (key: the scalar; kind "computed": a figure)
    sheets: tuple[RowSheet, ...]  # row sections, 收支情况 first where shown
    rubric: RowSheet | None
    unit: str

    def sheet_of(self, section: str) -> RowSheet | None:
        return next((s for s in self.sheets if s.section == section), None)


def _general(layout: DepartmentLayout, seen: Shown) -> tuple[Col, ...]:
    cells: list[Col] = []
    for part in layout.parts:
        if part.key == "figures":
            cells.append(Col("figures", "部门整体支出主要指标", "computed"))
        for column in fields_of(layout, part.key):
            new = all(c.key != column.key for c in cells)
            if column.key in SCALARS and column.key in seen.scalars and new:
                kind = SCALAR_NUMBERS.get(column.key, "text")
                cells.append(Col(column.key, column.heading, kind))
        if part.key == "outputs" and "satisfaction" in seen.scalars:
            cells.append(Col("satisfaction", "服务对象（受益者及相关群体）满意度"))
    return tuple(cells)


def _rows(section: str, layout: DepartmentLayout, seen: Shown, basis: str) -> tuple[Col, ...]:
    shown = seen.columns.get(section, frozenset())
    ident = Col("id", ID_HEADING, "id")
    if section == "finance":
        columns = [ident, Col("name", "机构名称")]
        for title, table in finance_tables(layout):
            columns += [Col(c.key, c.heading, "amount", title) for c in table if c.key in shown]
        return tuple(columns)
    if section == "indicators":
        columns = [ident, Col("level1", "一级指标", "level1"), Col("level2", "二级指标", "level2")]
        for key, heading, kind in INDICATOR_CELLS:
            if key in shown or (key == "score" and basis == BASIS_INDICATORS):
                columns.append(Col(key, heading, kind))
        return tuple(columns)
    if section == "outputs":
        return (
            ident,
            Col("section", "类别", "section"),
            Col("name", "名称"),
            Col("plan", "计划"),
            Col("actual", "实际"),
        )
    kinds = TASK_KINDS if section == "tasks" else {}
    return (
        ident,
        *(
            Col(c.key, c.heading, kinds.get(c.key, "text"))
            for c in fields_of(layout, section)
            if c.key in shown or c.key == "rate"
        ),
    )


def spec_of(layout: DepartmentLayout, seen: Shown, context: Context) -> Spec:
    """The workbook's sheets under the layout: what the page shows, laid out as printed."""
    sheets = []
    for part in layout.parts:
        section = part.key
        if section not in seen.columns:
            continue
        if section == "finance":
            sheet = RowSheet(
                FINANCE,
                section,
                part.heading or FINANCE,
                _rows(section, layout, seen, context.basis),
                header_row=4,
                first_row=6,  # row 5: the 汇总 row the system computes
            )
        else:
            sheet = RowSheet(
                SHEET_TITLES[section],
                section,
                part.heading or SHEET_TITLES[section],
                _rows(section, layout, seen, context.basis),
            )
        sheets.append(sheet)
    rubric = None
    if "rubric" in seen.parts and context.rubric:
        heading = next((p.heading for p in layout.parts if p.key == "rubric"), "") or RUBRIC
        rubric = RowSheet(RUBRIC, "rubric", heading, tuple(Col(*c) for c in RUBRIC_COLUMNS))
    return Spec(
        general=_general(layout, seen),
        sheets=tuple(sheets),
        rubric=rubric,
        unit=context.amount_unit,
    )

"""The printed parts of a 部门整体支出绩效自评 in the bureau's layout, as plain values.

documents.py builds a filing's content from these; templates/print/_department_table.html
prints each part by its key, with the headings and labels the layout gives (the seed's words).
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from apps.core.money import format_amount
from apps.indicators import scoring
from apps.indicators.layouts import Column, DepartmentLayout
from apps.reports.documents.common import date_text, merge_rows, percent_text, score_text

from . import bounds
from .data import DepartmentData, IndicatorData, Scores
from .layout import SCALAR_KINDS, fields_of, finance_tables, headings, in_lines
from .selectors import SCALARS

TOTAL_ROW = "局机关及二级机构汇总"
EVALUATOR_ROWS = 4  # the form's 评价人员 table has at least this many lines to sign
OUTPUTS = (  # seed 000's tables: section, title, the name column's label
    ("product", "本年度提供的公共产品或服务", "服务名称"),
    ("benefit", "本年度取得的实际效益", "效益名称"),
)
_SIGNS = ("≥", "≤", "＞", "＜", ">", "<", "=", "＝")
# 收支情况's headings: a total's parts under its 其中：, the balances under 结余. Seed 001
# prints 固定资产's 其他 beside its 其中：, not under it.
PARTS_OF = {
    "income_total": bounds.INCOME_PARTS,
    "expense_total": bounds.EXPENSE_PARTS,
    "expense_basic": bounds.BASIC_PARTS,
    "three_public_total": bounds.THREE_PUBLIC_PARTS,
    "assets_total": ("assets_in_use", "assets_rented"),
}
TASK_AMOUNTS = ("approved_total", "approved_fiscal", "approved_other", "actual")
# Shares of the width of the 重点工作任务 table (seed 003's proportions).
TASK_WIDTHS = {"name": 13, "level": 7, "content": 20, "rate": 8, "low_reason": 16}


def printed_values(data: DepartmentData, unit: str) -> dict[str, str]:
    """Every typed cell outside the rows as the form prints it."""
    values = {}
    for name in SCALARS:
        value = getattr(data, name)
        if value is None:
            values[name] = ""
        elif isinstance(value, date):
            values[name] = date_text(value)
        elif SCALAR_KINDS.get(name) == "amount":
            values[name] = format_amount(value, unit)
        elif isinstance(value, Decimal):
            values[name] = score_text(value)
        else:
            values[name] = str(value)
    return values


def lines(fields: Sequence[Column], values: dict[str, str]) -> list[list[dict]]:
    """Labelled cells with their printed values, two short ones to a line."""
    return in_lines(
        [
            {
                "label": column.heading,
                "kind": SCALAR_KINDS.get(column.key, "text"),
                "value": values.get(column.key, ""),
            }
            for column in fields
        ]
    )


# 收支情况 ---------------------------------------------------------------------------------


def _header_tree(columns: Sequence[Column]) -> list[dict]:
    """The columns as header nodes: a total's parts under 其中：, the balances under 结余."""
    keys = [c.key for c in columns]
    heading = {c.key: c.heading for c in columns}
    used: set[str] = set()

    def leaf(key: str) -> dict:
        used.add(key)
        return {"heading": heading[key], "key": key, "children": []}

    def node(key: str) -> list[dict]:
        found = [leaf(key)]
        parts = [k for k in keys if k in PARTS_OF.get(key, ()) and k not in used]
        if parts:
            children = [n for k in parts if k not in used for n in node(k)]
            found.append({"heading": "其中：", "key": "", "children": children})
        return found

    balances = [k for k in keys if k in bounds.BALANCE_COLUMNS]
    top: list[dict] = []
    for key in keys:
        if key not in used and key not in balances:
            top += node(key)
    if balances:
        top.append({"heading": "结余", "key": "", "children": [leaf(k) for k in balances]})
    return top


def _depth(node: dict) -> int:
    return 1 + max((_depth(child) for child in node["children"]), default=0)


def _leaves(node: dict) -> list[str]:
    if not node["children"]:
        return [node["key"]]
    return [key for child in node["children"] for key in _leaves(child)]


def finance_table(
    title: str, columns: Sequence[Column], rows: list[tuple[str, dict]], unit: str, named: bool
) -> dict:
    """One 收支情况 table: header rows (rowspans and colspans), then a line per row."""
    tree = _header_tree(columns)
    depth = max(_depth(node) for node in tree)
    header: list[list[dict]] = [[] for _ in range(depth)]
    if named:
        header[0].append({"heading": "机构名称", "rows": depth, "cols": 1})

    def place(node: dict, level: int) -> None:
        if node["children"]:
            header[level].append(
                {"heading": node["heading"], "rows": 1, "cols": len(_leaves(node))}
            )
            for child in node["children"]:
                place(child, level + 1)
        else:
            header[level].append({"heading": node["heading"], "rows": depth - level, "cols": 1})

    for node in tree:
        place(node, 0)
    order = [key for node in tree for key in _leaves(node)]
    share = (80 if named else 100) / len(order)
    return {
        "title": f"{title}（{unit}）" if title else "",
        "width": len(order) + named,
        "widths": ([20] if named else []) + [share] * len(order),
        "header": header,
        "rows": [
            {
                "name": name,
                "total": index == 0,
                "cells": [format_amount(amounts.get(key), unit) for key in order],
            }
            for index, (name, amounts) in enumerate(rows)
        ],
    }


def finance_part(layout: DepartmentLayout, data: DepartmentData, scores: Scores, unit: str):
    """The layout's 收支情况 tables: the total row, then one numbered row per institution (or
    the department's figures alone where the form prints no institution)."""
    named = layout.institution_rows
    rows = [(TOTAL_ROW, scores.total_row)]
    if named:
        rows += [(f"{n}、{row.name}", row.amounts) for n, row in enumerate(data.finance, 1)]
    # The kind's own tables print 其他支出 only when an institution has one.
    other = layout.finance_tables or any(r.get("expense_other") is not None for r in data.finance)
    return [
        finance_table(
            title,
            [c for c in columns if other or c.key != "expense_other"],
            rows,
            unit,
            named,
        )
        for title, columns in finance_tables(layout)
    ]


# 重点工作任务, 定量目标 ------------------------------------------------------------------


def tasks_part(layout: DepartmentLayout, data: DepartmentData, unit: str) -> dict:
    """The tasks under the layout's columns; 批复金额's three amounts under one heading."""
    fields = fields_of(layout, "tasks")
    unit = layout.task_unit or unit
    approved = [c for c in fields if c.key in TASK_AMOUNTS[:3]]
    top, under = [], []
    for column in fields:
        if column in approved:
            if column is approved[0]:
                top.append({"heading": f"批复金额（{unit}）", "rows": 1, "cols": len(approved)})
            under.append({"heading": column.heading, "rows": 1, "cols": 1})
            continue
        heading = f"{column.heading}（{unit}）" if column.key == "actual" else column.heading
        top.append({"heading": heading, "rows": 2 if approved else 1, "cols": 1})
    rows = []
    for task in data.tasks:
        cells = []
        for column in fields:
            if column.key in TASK_AMOUNTS:
                cells.append(("jx-amount", format_amount(getattr(task, column.key), unit)))
            elif column.key == "rate":
                cells.append(
                    ("jx-amount", percent_text(scoring.ratio(task.actual, task.approved_total)))
                )
            else:
                cells.append(("", getattr(task, column.key, "")))
        rows.append(cells)
    widths = [TASK_WIDTHS.get(c.key, 9) for c in fields]
    return {
        "header": [top, under] if approved else [top],
        "width": len(fields),
        "widths": [w * 100 / sum(widths) for w in widths],
        "rows": rows,
    }


def _joined(row: IndicatorData, *, named: bool) -> str:
    """指标值 in one cell (≥95%), after the 三级指标 for seed 001's 绩效目标."""
    text = row.target_text.strip()
    name = row.name if named else ""
    if row.comparator in ("", scoring.QUALITATIVE) or not text:
        return f"{name}：{text}" if name and text else name or text
    sign = "" if text.startswith(_SIGNS) else row.comparator
    unit = row.unit if row.unit and not text.endswith(row.unit) else ""
    return f"{name}{sign}{text}{unit}"


def _actual(row: IndicatorData, joined: bool) -> str:
    text = row.actual_text.strip()
    if not text:
        return row.qualitative_label
    bare = row.unit and not text.endswith(row.unit) and row.number(text) is not None
    return f"{text}{row.unit}" if joined and bare else text


def indicators_part(
    data: DepartmentData, scores: Scores, columns: Sequence[Column], scope: str
) -> dict:
    """The 定量目标 rows kept together by 一级 and 二级 group, each where its first row stands."""
    keys = [c.key for c in columns]
    joined = "unit" not in keys
    first1: dict[str, int] = {}
    first2: dict[tuple[str, str], int] = {}
    for index, row in enumerate(data.indicators):
        first1.setdefault(row.level1, index)
        first2.setdefault((row.level1, row.level2), index)
    ordered = sorted(
        zip(data.indicators, scores.indicator_scores, strict=True),
        key=lambda pair: (first1[pair[0].level1], first2[(pair[0].level1, pair[0].level2)]),
    )
    text = {
        "level1": lambda r, s: r.level1,
        "level2": lambda r, s: r.level2,
        "name": lambda r, s: r.name,
        "comparator": lambda r, s: r.comparator,
        "target": lambda r, s: r.target_text,
        "unit": lambda r, s: r.unit,
        "target_joined": lambda r, s: _joined(r, named=False),
        "goal": lambda r, s: _joined(r, named=True),
        "actual": lambda r, s: _actual(r, joined),
        "weight": lambda r, s: score_text(r.weight),
        "score": lambda r, s: score_text(s),
        "deviation": lambda r, s: r.deviation_reason,
    }
    rows = [
        {
            "level1": row.level1,
            "level2": row.level2,
            "cells": [(k, text[k](row, score) if k in text else "") for k in keys],
        }
        for row, score in ordered
    ]
    total = sum(c.width for c in columns) or 1
    return {
        "keys": keys,
        "widths": [c.width * 100 / total for c in columns],
        "headings": headings(tuple(columns)),
        "rows": merge_rows(rows, ("level1", "level2"), scope=f"{scope}i"),
    }

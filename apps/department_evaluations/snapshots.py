"""The department self-evaluation's cells for snapshots and revisions, and their labels.

Keys are stable across saves: a row keeps its id, a 打分表 row is keyed by its item, so a
reviewer's comment stays beside its row and history names the cell that changed. A revision
holds the 打分表 rows' definitions too, so the review sheet reads a revision alone.

    general.<field>                     every single-valued cell (DepartmentData's scalars)
    finance.<id>.{position,name,<column>}   收支情况 of one institution, amounts in 元
    goal.<id>.{position,period,expected,achieved}
    task.<id>.{position,<TASK_FIELDS>}
    indicator.<id>.{position,level1,level2,<INDICATOR_FIELDS>,score}
    output.<id>.{position,section,name,plan,actual}
    evaluator.<id>.{position,name,title,unit}
    rubric.<item>.{position,level1,level2,level3,weight,deduction,computation,standard,
                   score (the 自评打分 stated), computed (the system's, counted where set),
                   note}
    summary.{basis,total,grade,executed,budget}
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from apps.core.money import format_amount
from apps.filings.snapshots import cell_text

from . import selectors
from .bounds import FINANCE_COLUMNS
from .compute import Computed
from .data import Context, DepartmentData

SECTION_LABELS = {
    "finance": "收支情况",
    "goal": "定性目标",
    "task": "年度重点工作任务",
    "indicator": "定量目标",
    "output": "公共产品或服务及实际效益",
    "evaluator": "评价人员",
    "rubric": "打分表",
}
GENERAL_LABELS = {
    "evaluation_method": "评价方式",
    "evaluation_agency": "评价机构",
    "report_date": "报告日期",
    "prepared_by": "制表单位",
    "contact_person": "联系人",
    "contact_phone": "联络电话",
    "authorized_headcount": "人员编制",
    "actual_headcount": "实有人数",
    "duties": "职能职责概述",
    "main_work": "年度主要工作内容",
    "overall_performance": "年度总体运行情况及取得的成绩",
    "overall_goal": "总体绩效目标",
    "goal_basis": "目标设置和年度财政收支的主要依据及说明",
    "satisfaction": "服务对象满意度",
    "notes": "其他需要说明事项",
    "three_public_last_year": "上年三公经费",
    "executed_by_june": "6月底累计支出",
    "executed_by_september": "9月底累计支出",
    "executed_by_november": "11月底累计支出",
    "declared_score": "绩效自评综合得分",
    "declared_grade": "评价等次",
}
FIELD_LABELS = {
    "name": "名称",
    "period": "财年",
    "expected": "预期目标",
    "achieved": "实际完成",
    "level": "项目级次",
    "content": "主要内容",
    "approved_total": "批复金额总额",
    "approved_fiscal": "批复金额财政拨款",
    "approved_other": "批复金额其他资金",
    "actual": "实际",
    "low_reason": "预算执行偏低原因及改进措施",
    "comparator": "指标性质",
    "target_text": "指标值",
    "unit": "度量单位",
    "actual_text": "实际完成值",
    "weight": "分值",
    "qualitative_label": "完成情况",
    "qualitative_score": "得分",
    "deviation_reason": "偏差原因分析及改进措施",
    "section": "类别",
    "plan": "计划",
    "title": "职务/职称",
    "score": "自评打分",
    "note": "备注",
}
AMOUNT_CELLS = frozenset(
    {
        *FINANCE_COLUMNS,
        "approved_total",
        "approved_fiscal",
        "approved_other",
        "actual",
        "three_public_last_year",
        "executed_by_june",
        "executed_by_september",
        "executed_by_november",
    }
)


def text(value: object) -> str:
    """A cell as stored in a snapshot: "" for none, plain decimals, ISO dates."""
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value)


def cells_of(data: DepartmentData, context: Context, computed: Computed) -> dict[str, str]:
    """Every cell of a saved filing (rows must carry their ids)."""
    cells = {f"general.{name}": text(getattr(data, name)) for name in selectors.SCALARS}
    for position, row in enumerate(data.finance):
        base = f"finance.{row.row_id}"
        cells[f"{base}.position"], cells[f"{base}.name"] = str(position), row.name
        for column in FINANCE_COLUMNS:
            cells[f"{base}.{column}"] = text(row.get(column))
    sections: tuple[tuple[str, tuple[Any, ...], tuple[str, ...]], ...] = (
        ("goal", data.goals, ("period", "expected", "achieved")),
        ("task", data.tasks, selectors.TASK_FIELDS),
        ("output", data.outputs, ("section", "name", "plan", "actual")),
        ("evaluator", data.evaluators, ("name", "title", "unit")),
    )
    for prefix, rows, fields in sections:
        for position, item in enumerate(rows):
            base = f"{prefix}.{item.row_id}"
            cells[f"{base}.position"] = str(position)
            for name in fields:
                cells[f"{base}.{name}"] = text(getattr(item, name))
    for position, (indicator, score) in enumerate(
        zip(data.indicators, computed.scores.indicator_scores, strict=True)
    ):
        base = f"indicator.{indicator.row_id}"
        cells[f"{base}.position"] = str(position)
        cells[f"{base}.level1"], cells[f"{base}.level2"] = indicator.level1, indicator.level2
        for name in selectors.INDICATOR_FIELDS:
            cells[f"{base}.{name}"] = text(getattr(indicator, name))
        cells[f"{base}.score"] = text(score)
    lines = {line.item_id: line for line in data.rubric}
    for position, item in enumerate(context.rubric):
        base = f"rubric.{item.item_id}"
        outcome = computed.scores.rubric[item.item_id]
        cells.update(
            {
                f"{base}.position": str(position),
                f"{base}.level1": item.level1,
                f"{base}.level2": item.level2,
                f"{base}.level3": item.level3,
                f"{base}.weight": text(item.weight),
                f"{base}.deduction": "1" if item.is_deduction else "",
                f"{base}.computation": item.computation,
                f"{base}.standard": item.standard,
                f"{base}.score": text(line.score) if (line := lines.get(item.item_id)) else "",
                f"{base}.computed": text(outcome.computed),
                f"{base}.note": line.note if line else "",
            }
        )
    scores = computed.scores
    cells.update(
        {
            "summary.basis": context.basis,
            "summary.total": text(scores.total),
            "summary.grade": scores.grade,
            "summary.executed": text(scores.total_row["expense_total"]),
            "summary.budget": text(scores.total_row["income_total"]),
        }
    )
    return cells


def _row_name(prefix: str, row_id: str, cells: Mapping[str, str]) -> str:
    if prefix == "rubric":
        parts = [
            cells.get(f"rubric.{row_id}.{level}", "") for level in ("level3", "level2", "level1")
        ]
        return next((part for part in parts if part), "")
    if prefix == "finance":
        return cells.get(f"finance.{row_id}.name", "")
    position = cells.get(f"{prefix}.{row_id}.position", "")
    return f"第{int(position) + 1}行" if position.isdigit() else ""


def cell_label(key: str, old: Mapping[str, str], new: Mapping[str, str]) -> str:
    """The Chinese label of a cell: 收支情况 · 局机关 · 收入合计, 打分表 · 目标制定 · 自评打分."""
    parts = key.split(".")
    if parts[0] == "general" and len(parts) == 2:
        return GENERAL_LABELS.get(parts[1], parts[1])
    if parts[0] == "summary":
        return {"total": "综合得分", "grade": "评价等次"}.get(parts[1], parts[1])
    if len(parts) != 3 or parts[0] not in SECTION_LABELS:
        return key
    prefix, row_id, field = parts
    name = _row_name(prefix, row_id, new) or _row_name(prefix, row_id, old)
    label = FINANCE_LABELS.get(field) or FIELD_LABELS.get(field, field)
    return " · ".join(part for part in (SECTION_LABELS[prefix], name, label) if part)


FINANCE_LABELS = {
    "income_total": "收入合计",
    "income_carryover": "上年结转",
    "income_fiscal": "财政拨款",
    "income_fund": "政府性基金",
    "income_special": "专户非税",
    "income_superior": "上级补助",
    "income_business": "事业收入",
    "income_other": "经营及其他收入",
    "expense_total": "支出合计",
    "expense_basic": "基本支出",
    "expense_personnel": "人员支出",
    "expense_public": "公用支出",
    "expense_project": "项目支出",
    "expense_other": "其他支出",
    "balance_current": "当年结余",
    "balance_accumulated": "累计结余",
    "three_public_total": "三公经费合计",
    "reception": "公务接待费",
    "vehicle_operation": "公务用车运维费",
    "vehicle_purchase": "公务用车购置费",
    "overseas": "因公出国费",
    "assets_total": "固定资产合计",
    "assets_in_use": "在用固定资产",
    "assets_rented": "出租固定资产",
    "assets_other": "其他固定资产",
}
ORDER = (
    "general",
    "finance",
    "goal",
    "task",
    "indicator",
    "output",
    "evaluator",
    "rubric",
    "summary",
)


def cell_order(key: str) -> tuple:
    parts = key.split(".")
    section = ORDER.index(parts[0]) if parts[0] in ORDER else len(ORDER)
    return (section, *parts[1:])


def row_key_of_cell(key: str) -> str:
    """The review row a cell belongs to: "row:<id>" for an indicator, "rubric:<item>"."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "indicator":
        return f"row:{parts[1]}"
    if len(parts) == 3 and parts[0] == "rubric":
        return f"rubric:{parts[1]}"
    return ""


def in_unit(changes: list, unit: str) -> list:
    """Show changed amounts in the form's unit (万元 or 元)."""
    from dataclasses import replace

    shown = []
    for change in changes:
        field = change.key.split(".")[-1]
        if field in AMOUNT_CELLS:
            change = replace(change, old=_amount(change.old, unit), new=_amount(change.new, unit))
        shown.append(change)
    return shown


def _amount(value: str, unit: str) -> str:
    if not value:
        return value
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return value
    return format_amount(amount, unit)

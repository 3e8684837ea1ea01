"""How the form lays out the 收支情况 tables and the 打分表 (printed headings of the seeds)."""

from ..data import Context, Scores
from ..forms import FormState

# 收支情况 in four tables, as seed 001 prints it; (column, printed heading).
FINANCE_TABLES = (
    (
        "年度收入情况",
        (
            ("income_total", "收入合计"),
            ("income_carryover", "上年结转"),
            ("income_fiscal", "财政拨款"),
            ("income_fund", "政府性基金"),
            ("income_special", "纳入专户管理的非税收入"),
            ("income_superior", "上级补助"),
            ("income_business", "事业收入"),
            ("income_other", "经营及其他收入"),
        ),
    ),
    (
        "年度支出和结余情况",
        (
            ("expense_total", "支出合计"),
            ("expense_basic", "基本支出"),
            ("expense_personnel", "其中：人员支出"),
            ("expense_public", "其中：公用支出"),
            ("expense_project", "项目支出"),
            ("expense_other", "其他支出"),
            ("balance_current", "当年结余"),
            ("balance_accumulated", "累计结余"),
        ),
    ),
    (
        "三公经费",
        (
            ("three_public_total", "三公经费合计"),
            ("reception", "公务接待费"),
            ("vehicle_operation", "公务用车运维费"),
            ("vehicle_purchase", "公务用车购置费"),
            ("overseas", "因公出国费"),
        ),
    ),
    (
        "固定资产",
        (
            ("assets_total", "固定资产合计"),
            ("assets_in_use", "在用固定资产"),
            ("assets_rented", "出租固定资产"),
            ("assets_other", "其他"),
        ),
    ),
)


def _shown(value) -> str:
    from apps.indicators import scoring

    return "" if value is None else f"{scoring.round_score(value):.2f}"


def rubric_groups(context: Context, state: FormState, scores: Scores, by_cell: dict) -> list[dict]:
    """The 打分表's rows grouped by 一级指标 (rowspans), each with its typed and computed cells."""
    groups: list[dict] = []
    for item in context.rubric:
        outcome = scores.rubric[item.item_id]
        cells = state.rubric.get(item.item_id, {})
        row = {
            "key": f"rubric:{item.item_id}",
            "item": item,
            "score": cells.get("score", "") if not outcome.computed else _shown(outcome.computed),
            "note": cells.get("note", ""),
            "computed": outcome.computed is not None,
            "computable": bool(item.computation),
            "detail": outcome.detail,
            "findings": by_cell.get(f"rubric-{item.item_id}.score", [])
            + by_cell.get(f"rubric-{item.item_id}.note", []),
        }
        if not groups or groups[-1]["name"] != item.level1:
            groups.append({"name": item.level1, "rows": [], "deduction": item.is_deduction})
        groups[-1]["rows"].append(row)
    sheet = scores.sheet
    for group in groups:
        group["weight"] = sum((r["item"].weight for r in group["rows"]), start=0)
        group["score"] = _shown(sheet.group_scores.get(group["name"])) if sheet else ""
    return groups


def finance_tables(state: FormState, total_row: dict, by_cell: dict, unit: str) -> list[dict]:
    """The four 收支情况 tables, each with the computed total row and one row per institution."""
    from apps.core.money import format_amount

    rows = state.sections.get("finance", [])
    tables = []
    for title, columns in FINANCE_TABLES:
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
        "index": index,
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


# The simple sections' columns: (field, printed heading, kind: text/area/amount/rate/hidden).
SIMPLE_FIELDS = {
    "goals": (
        ("period", "财年", "text"),
        ("expected", "预期目标", "area"),
        ("achieved", "实际完成", "area"),
    ),
    "tasks": (
        ("name", "任务名称", "text"),
        ("level", "项目级次", "text"),
        ("content", "主要内容", "area"),
        ("approved_total", "总额", "amount"),
        ("approved_fiscal", "财政拨款", "amount"),
        ("approved_other", "其他资金", "amount"),
        ("actual", "实际支出金额", "amount"),
        ("rate", "预算执行率", "rate"),
        ("low_reason", "预算执行偏低原因及改进措施", "area"),
    ),
    "outputs": (
        ("section", "", "hidden"),
        ("name", "名称", "text"),
        ("plan", "计划", "area"),
        ("actual", "实际", "area"),
    ),
    "evaluators": (
        ("name", "姓名", "text"),
        ("title", "职务/职称", "text"),
        ("unit", "单位", "text"),
    ),
}


def simple_rows(section: str, rows: list[dict], by_cell: dict, rates=()) -> list[dict]:
    """Rows of a simple section as the template lays them out, one cell per column."""
    laid = []
    for index, cells in enumerate(rows):
        laid.append(
            simple_row(section, index, cells, by_cell, rates[index] if index < len(rates) else "")
        )
    return laid


def simple_row(
    section: str, index, cells: dict, by_cell: dict, rate: str = "", preset: dict | None = None
) -> dict:
    prefix = f"{section}-{index}."
    cells = {**cells, **(preset or {})}
    return {
        "index": index,
        "id": cells.get("id", ""),
        "cells": [
            {
                "name": name,
                "label": label,
                "kind": kind,
                "value": rate if kind == "rate" else cells.get(name, ""),
                "findings": by_cell.get(f"{prefix}{name}", []),
            }
            for name, label, kind in SIMPLE_FIELDS[section]
        ],
    }

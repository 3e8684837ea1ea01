"""The department form as the page shows it, and its computed values as JSON."""

from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.money import format_amount
from apps.filings.evidence_views import evidence_context
from apps.filings.models import Filing
from apps.filings.page_extras import page_extras
from apps.filings.permissions import can_edit_filing
from apps.filings.workflow import page_actions
from apps.indicators import scoring
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy
from apps.indicators.services import taxonomy_ensure_standard

from ..compute import department_compute, percent
from ..data import Context, DepartmentData
from ..forms import SECTIONS, FormState
from ..models import OutputItem
from ..services import department_units
from .layout import SIMPLE_FIELDS, finance_tables, rubric_groups, simple_row, simple_rows

GENERAL_TEXTS = (
    ("duties", "职能职责概述"),
    ("main_work", "年度主要工作内容"),
    ("overall_performance", "年度部门（单位）总体运行情况及取得的成绩"),
    ("overall_goal", "部门整体支出绩效目标总体描述"),
    ("goal_basis", "目标设置和年度财政收支的主要依据及说明"),
)
MONTH_CELLS = (
    ("executed_by_june", "6月底累计支出"),
    ("executed_by_september", "9月底累计支出"),
    ("executed_by_november", "11月底累计支出"),
)


def levels_of(bureau_id: int) -> tuple[dict[int, tuple[str, str]], list]:
    """The department framework's level-2 indicators: (level 1, level 2) names, and the tree."""
    categories = list(
        IndicatorCategory.objects.filter(bureau_id=bureau_id, framework=Framework.DEPARTMENT)
    )
    if not categories:
        from apps.organizations.models import FinanceBureau

        taxonomy_ensure_standard(
            bureau=FinanceBureau.objects.get(pk=bureau_id), framework=Framework.DEPARTMENT
        )
        return levels_of(bureau_id)
    parents = {c.pk: c for c in categories if c.level == 1}
    levels = {
        c.pk: (parents[c.parent_id].name, c.name)
        for c in categories
        if c.level == 2 and c.parent_id is not None
    }
    tree = [
        (
            parent,
            sorted((c for c in categories if c.parent_id == parent.pk), key=lambda c: c.position),
        )
        for parent in sorted(parents.values(), key=lambda c: c.position)
    ]
    return levels, tree


def _shown(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def computed_json(data: DepartmentData, context: Context, computed, extra_errors: dict) -> dict:
    """What the page fills in after each change: totals, figures, computed rows, findings."""
    scores = computed.scores
    unit = context.amount_unit
    findings = [
        {"severity": "error", "field": cell, "message": message}
        for cell, message in extra_errors.items()
    ] + [
        {"severity": f.severity, "field": f.field, "message": f.message}
        for f in computed.findings
        if f.field not in extra_errors
    ]
    errors = sum(1 for f in findings if f["severity"] == "error")
    sheet = scores.sheet
    return {
        "total_row": {
            column: format_amount(value, unit) if value is not None else ""
            for column, value in scores.total_row.items()
        },
        "figures": {key: figure.shown for key, figure in scores.figures.items()},
        "rubric": {
            str(item_id): {
                "computed": _shown(outcome.computed),
                "detail": outcome.detail,
                "score": _shown(outcome.score),
            }
            for item_id, outcome in scores.rubric.items()
        },
        "groups": {name: _shown(value) for name, value in sheet.group_scores.items()}
        if sheet
        else {},
        "indicator_scores": [_shown(score) for score in scores.indicator_scores],
        "task_rates": [
            percent(scoring.ratio(task.actual, task.approved_total)) for task in data.tasks
        ],
        "total": _shown(scores.total),
        "grade": scores.grade,
        "findings": findings,
        "errors": errors,
        "warnings": len(findings) - errors,
    }


def _rows(state: FormState, section: str, by_cell: dict) -> list[dict]:
    rows = []
    for index, cells in enumerate(state.sections.get(section, [])):
        prefix = f"{section}-{index}."
        rows.append(
            {
                "index": index,
                "cells": cells,
                "findings": {
                    key.removeprefix(prefix): items
                    for key, items in by_cell.items()
                    if key.startswith(prefix)
                },
            }
        )
    return rows


def _score_at(payload: dict, index: int) -> str:
    scores = payload["indicator_scores"]
    return scores[index] if index < len(scores) else ""


def _blank(section: str) -> dict:
    return {
        "index": "__i__",
        "cells": dict.fromkeys(("id", *SECTIONS[section]), ""),
        "findings": {},
    }


def render_form(
    request: AuthenticatedHttpRequest,
    *,
    filing: Filing,
    policy: ScoringPolicy,
    context: Context,
    levels: dict,
    tree: list,
    state: FormState,
    data: DepartmentData,
    errors: dict[str, str],
    conflict=None,
    status: int = 200,
) -> HttpResponse:
    computed = department_compute(data, context)
    payload = computed_json(data, context, computed, errors)
    by_cell: dict[str, list[dict]] = {}
    for finding in payload["findings"]:
        by_cell.setdefault(finding["field"], []).append(finding)
    allowed, reason = can_edit_filing(request.user, filing)
    sections = {name: _rows(state, name, by_cell) for name in SECTIONS}
    for index, row in enumerate(sections["indicators"]):
        category = row["cells"].get("category", "")
        level1, level2 = levels.get(int(category), ("", "")) if category.isdigit() else ("", "")
        row.update(level1=level1, level2=level2, score=_score_at(payload, index))
    simple = {
        name: simple_rows(
            name,
            state.sections.get(name, []),
            by_cell,
            payload["task_rates"] if name == "tasks" else (),
        )
        for name in SIMPLE_FIELDS
    }
    outputs = simple["outputs"]
    kinds = [cells.get("section") for cells in state.sections.get("outputs", [])]
    page = {
        "filing": filing,
        "department": filing.department,
        "policy": policy,
        "basis": context.basis,
        "unit": context.amount_unit,
        "state": state,
        "sections": sections,
        "simple": simple,
        "general_texts": GENERAL_TEXTS,
        "month_cells": MONTH_CELLS,
        "products": [r for c, r in zip(kinds, outputs, strict=True) if c != "benefit"],
        "benefits": [r for c, r in zip(kinds, outputs, strict=True) if c == "benefit"],
        "blank": {name: _blank(name) for name in SECTIONS},
        "blank_simple": {
            "goals": simple_row("goals", "__i__", {}, {}),
            "tasks": simple_row("tasks", "__i__", {}, {}),
            "product": simple_row("outputs", "__i__", {}, {}, preset={"section": "product"}),
            "benefit": simple_row("outputs", "__i__", {}, {}, preset={"section": "benefit"}),
            "evaluators": simple_row("evaluators", "__i__", {}, {}),
        },
        "finance_tables": finance_tables(
            state, computed.scores.total_row, by_cell, context.amount_unit
        ),
        "units": department_units(filing.department),
        "levels": levels,
        "level_tree": tree,
        "comparators": scoring.COMPARATORS,
        "qualitative_labels": scoring.QUALITATIVE_LABELS,
        "output_sections": OutputItem.Section.choices,
        "rubric": rubric_groups(context, state, computed.scores, by_cell),
        "figures": computed.scores.figures.values(),
        "computed": payload,
        "by_cell": by_cell,
        "general_findings": [f for f in payload["findings"] if "-" not in f["field"].split(".")[0]],
        "can_edit": allowed,
        "edit_refusal": reason,
        "actions": page_actions(request.user, filing),
        "conflict": conflict,
        **evidence_context(filing=filing, user=request.user, can_edit=allowed),
        **page_extras(filing),
    }
    return render(request, "department_evaluations/form.html", page, status=status)

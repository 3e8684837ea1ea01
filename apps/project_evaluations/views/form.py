"""The evaluation form as the page shows it, and the computed scores and findings as JSON."""

from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render

from apps.accounts.http import AuthenticatedHttpRequest
from apps.budgets.models import Project
from apps.filings.evidence_views import evidence_context
from apps.filings.models import Filing
from apps.filings.page_extras import page_extras
from apps.filings.permissions import can_edit_filing
from apps.filings.workflow import page_actions
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory, ScoringPolicy

from ..data import FUNDING_COLUMNS
from ..forms import ROW_INPUTS, FormState, parse_state
from ..models import FundingLine
from ..post_shape import is_id
from ..services import evaluation_compute, funding_sources


def _shown(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{scoring.round_score(rate * 100):.2f}%"


def _computed_json(computed, extra_errors: dict[str, str]) -> dict:
    result = computed.result
    # A cell the form could not take is left blank for the checks: say only why it was refused.
    findings = [
        {"severity": "error", "field": cell, "message": message}
        for cell, message in extra_errors.items()
    ] + [
        {"severity": f.severity, "field": f.field, "message": f.message}
        for f in computed.findings
        if f.field not in extra_errors
    ]
    errors = sum(1 for f in findings if f["severity"] == "error")
    return {
        "execution_rate": _percent(result.execution_rate),
        "execution_score": _shown(result.execution_score),
        "rows": [None if score is None else _shown(score) for score in result.row_scores],
        "groups": {name: _shown(value) for name, value in result.group_subtotals.items()},
        "total": _shown(result.total),
        "grade": result.grade,
        "findings": findings,
        "errors": errors,
        "warnings": len(findings) - errors,
    }


def _level_tree(categories: dict[int, IndicatorCategory]) -> list[tuple[IndicatorCategory, list]]:
    level1 = sorted((c for c in categories.values() if c.level == 1), key=lambda c: c.position)
    return [
        (
            parent,
            sorted(
                (c for c in categories.values() if c.parent_id == parent.pk),
                key=lambda c: c.position,
            ),
        )
        for parent in level1
    ]


def _render_form(
    request: AuthenticatedHttpRequest,
    *,
    project: Project,
    filing: Filing,
    policy: ScoringPolicy,
    categories: dict[int, IndicatorCategory],
    state: FormState,
    conflict=None,
    status: int = 200,
) -> HttpResponse:
    parsed = parse_state(state, policy=policy, categories=categories)
    computed = evaluation_compute(data=parsed.data, policy=policy, categories=categories)
    payload = _computed_json(computed, parsed.errors)
    by_cell: dict[str, list[dict]] = {}
    for finding in payload["findings"]:
        by_cell.setdefault(finding["field"], []).append(finding)
    rows = []
    for index, cells in enumerate(state.rows):
        category = categories.get(int(cells["category"])) if is_id(cells["category"]) else None
        prefix = f"row-{index}."
        rows.append(
            {
                "index": index,
                "cells": cells,
                "category": category,
                "score": payload["rows"][index] if index < len(payload["rows"]) else "",
                "findings": {
                    key.removeprefix(prefix): items
                    for key, items in by_cell.items()
                    if key.startswith(prefix)
                },
            }
        )
    allowed, reason = can_edit_filing(request.user, filing)
    source_labels = dict(FundingLine.Source.choices)
    column_labels = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
    context = {
        "project": project,
        "filing": filing,
        "policy": policy,
        "state": state,
        "rows": rows,
        "funding_rows": [
            {
                "source": source,
                "label": source_labels[source],
                "columns": [
                    {
                        "name": column,
                        "label": column_labels[column],
                        "value": state.funding.get(source, {}).get(column, ""),
                        "findings": by_cell.get(f"funding.{source}.{column}", []),
                    }
                    for column in FUNDING_COLUMNS
                ],
            }
            for source in funding_sources(policy)
        ],
        "blank_row": {
            "index": "__i__",
            "cells": dict.fromkeys(ROW_INPUTS, ""),
            "category": None,
            "score": "",
            "findings": {},
        },
        "computed": payload,
        "table_findings": [f for f in payload["findings"] if not f["field"].startswith("row-")],
        "by_cell": by_cell,
        "level_tree": _level_tree(categories),
        "comparators": scoring.COMPARATORS,
        "qualitative_labels": scoring.QUALITATIVE_LABELS,
        "can_edit": allowed,
        "edit_refusal": reason,
        "actions": page_actions(request.user, filing),
        "conflict": conflict,
        **evidence_context(filing=filing, user=request.user, can_edit=allowed),
        # What apps built on this one show here (the reviews app: a return's reason and comments).
        **page_extras(filing),
    }
    return render(request, "project_evaluations/project_form.html", context, status=status)

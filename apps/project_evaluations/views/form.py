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

from ..forms import ROW_INPUTS, FormState, parse_state
from ..layout import project_layout
from ..models import FundingLine
from ..post_shape import is_id
from ..services import evaluation_compute, funding_sources
from .rows import row_labels, row_templates, shown_row


def _shown(value: Decimal | None) -> str:
    return "" if value is None else f"{scoring.round_score(value):.2f}"


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{scoring.round_score(rate * 100):.2f}%"


def computed_json(computed, extra_errors: dict[str, str]) -> dict:
    """What the page shows of a computation; without points (四川) no total and no grade."""
    result, points = computed.result, computed.points
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
        "total": _shown(result.total) if points else "",
        "grade": result.grade if points else "",
        # 总分's 分值: the weights as typed, added up (the checks say when they are not 100).
        "weights": _shown(result.applicable_weight) if points else "",
        "rates": {source: _percent(rate) for source, rate in computed.rates.items()},
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


_TYPED = ("initial", "adjusted", "executed")


def _screen_widths(layout) -> list[int]:
    """The columns' widths in whole percent, leaving 6% to the row tools (app.css .jx-w-N)."""
    columns = layout.screen_columns()
    total = sum(c.width for c in columns) or 1
    return [max(1, c.width * 94 // total) for c in columns]


def _total_spans(layout) -> dict[str, int]:
    """总分 stands over the columns before 分值; 评价等次 takes those after 得分 and the tools."""
    keys = [c.key for c in layout.screen_columns()]
    if "weight" not in keys:
        return {"total_lead": 0, "total_tail": 0}
    lead = keys.index("weight")
    return {"total_lead": lead, "total_tail": len(keys) - lead - 2 + 1}


def _funding_rows(state: FormState, policy: ScoringPolicy, layout, by_cell, payload) -> list:
    """项目资金 as the layout prints it: typed amounts, and 分值 / 执行率 / 得分 computed."""
    labels = {**dict(FundingLine.Source.choices), **layout.source_labels}
    lines = []
    for index, source in enumerate(funding_sources(policy)):
        columns = []
        for column in layout.funding_columns:
            cell = {"name": column.key, "label": column.heading, "typed": column.key in _TYPED}
            if cell["typed"]:
                cell["value"] = state.funding.get(source, {}).get(column.key, "")
                cell["findings"] = by_cell.get(f"funding.{source}.{column.key}", [])
            elif column.key == "rate" and (index == 0 or layout.rate_on_every_source):
                cell["out"] = "execution_rate" if index == 0 else f"rate.{source}"
                cell["value"] = (
                    payload["execution_rate"] if index == 0 else payload["rates"].get(source, "")
                )
            elif index == 0:
                cell["out"] = "execution_score" if column.key == "score" else ""
                cell["value"] = (
                    f"{policy.execution_weight:.2f}".rstrip("0").rstrip(".")
                    if column.key == "weight"
                    else payload["execution_score"]
                )
            else:
                cell["value"] = "—" if column.key != "rate" else ""
            columns.append(cell)
        lines.append({"source": source, "label": labels[source], "columns": columns})
    return lines


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
    payload = computed_json(computed, parsed.errors)
    by_cell: dict[str, list[dict]] = {}
    for finding in payload["findings"]:
        by_cell.setdefault(finding["field"], []).append(finding)
    # "row-3.target" → row 3's findings by cell, read once rather than once a row.
    by_row: dict[str, dict[str, list[dict]]] = {}
    for key, items in by_cell.items():
        if key.startswith("row-") and "." in key:
            row, cell = key[4:].split(".", 1)
            by_row.setdefault(row, {})[cell] = items
    rows = []
    for index, cells in enumerate(state.rows):
        category = categories.get(int(cells["category"])) if is_id(cells["category"]) else None
        findings = by_row.get(str(index), {})
        score = payload["rows"][index] if index < len(payload["rows"]) else ""
        rows.append(shown_row(index, cells, category, score, findings))
    allowed, reason = can_edit_filing(request.user, filing)
    layout = project_layout(policy)
    context = {
        "project": project,
        "filing": filing,
        "policy": policy,
        "state": state,
        "rows": rows,
        "layout": layout,
        "columns": layout.screen_columns(),
        "row_templates": row_templates(tuple(c.key for c in layout.screen_columns())),
        "labels": row_labels(),
        "widths": _screen_widths(layout),
        # 年度总体目标 spans the label column; 预期目标 and 实际完成情况 share the rest.
        "goal_span": (
            (len(layout.funding_columns) + 2) // 2,
            (len(layout.funding_columns) + 1) // 2,
        ),
        **_total_spans(layout),
        "funding_rows": _funding_rows(state, policy, layout, by_cell, payload),
        "blank_row": shown_row("__i__", dict.fromkeys(ROW_INPUTS, ""), None, "", {}),
        "computed": payload,
        "table_findings": [f for f in payload["findings"] if not f["field"].startswith("row-")],
        "by_cell": by_cell,
        "level_tree": _level_tree(categories),
        "can_edit": allowed,
        "edit_refusal": reason,
        "actions": page_actions(request.user, filing),
        "conflict": conflict,
        **evidence_context(filing=filing, user=request.user, can_edit=allowed),
        # What apps built on this one show here (the reviews app: a return's reason and comments).
        **page_extras(filing),
    }
    return render(request, "project_evaluations/project_form.html", context, status=status)

"""The department form as the page shows it, and its computed values as JSON."""

from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.money import format_amount
from apps.core.row_templates import row_loop
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
from ..forms import FormState
from ..layout import department_layout
from ..services import department_units
from ..shown import Shown, shown
from .parts import form_parts


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


def computed_json(
    data: DepartmentData, context: Context, computed, extra_errors: dict, seen: Shown
) -> dict:
    """What the page fills in after each change: totals, figures, computed rows, and the
    findings of the cells the page shows (a part the layout leaves out lists none)."""
    scores = computed.scores
    unit = context.amount_unit
    findings = [
        {"severity": "error", "field": cell, "message": message}
        for cell, message in extra_errors.items()
        if seen.cell(cell)
    ] + [
        {"severity": f.severity, "field": f.field, "message": f.message}
        for f in computed.findings
        if f.field not in extra_errors and seen.cell(f.field)
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
    """The form in the bureau's layout: its parts, in its order, with its headings."""
    layout = department_layout(policy)
    seen = shown(layout, context.basis)
    computed = department_compute(data, context)
    payload = computed_json(data, context, computed, errors, seen)
    by_cell: dict[str, list[dict]] = {}
    for finding in payload["findings"]:
        by_cell.setdefault(finding["field"], []).append(finding)
    allowed, reason = can_edit_filing(request.user, filing)
    names = {"year": filing.fiscal_year.year, "title": layout.title}
    names |= {"department": filing.department.name, "unit": context.amount_unit}
    page = {
        "filing": filing,
        "department": filing.department,
        "policy": policy,
        "layout": layout,
        "heading": {
            "title": layout.heading_format.format(**names),
            "subheading": layout.subheading.format(**names),
            "meta": [line.format(**names) for line in layout.meta],
        },
        "basis": context.basis,
        "unit": context.amount_unit,
        "state": state,
        # The row count of each section the page shows (the others are not posted).
        "totals": [(name, len(state.sections.get(name, []))) for name in seen.columns],
        "parts": form_parts(
            layout,
            context=context,
            state=state,
            computed=computed,
            payload=payload,
            by_cell=by_cell,
            levels=levels,
        ),
        "row_loops": {
            "simple": row_loop("department_evaluations/_simple_row.html"),
            "finance": row_loop("department_evaluations/_finance_row.html"),
        },
        "units": department_units(filing.department),
        "level_tree": tree,
        "comparators": scoring.COMPARATORS,
        "qualitative_labels": scoring.QUALITATIVE_LABELS,
        "computed": payload,
        "by_cell": by_cell,
        "can_edit": allowed,
        "edit_refusal": reason,
        "actions": page_actions(request.user, filing),
        "conflict": conflict,
        **evidence_context(filing=filing, user=request.user, can_edit=allowed),
        **page_extras(filing),
    }
    return render(request, "department_evaluations/form.html", page, status=status)

"""The 打分表 on the form from plain values (STYLE: speed of big tables): each row's cells,
labels and numbers made here once, so its template only writes them."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from ..data import Context, Scores
from ..forms import FormState
from .layout import _shown


def rubric_labels() -> dict[str, str]:
    """What every row of the 打分表 repeats, in the request's language."""
    return {
        "deduction": _("deduction"),
        "points_off": _("points off"),
        "computed": _("Computed by the system; explain it in 备注 if needed."),
        "explain": _("explain the computed value"),
    }


def rubric_groups(context: Context, state: FormState, scores: Scores, by_cell: dict) -> list[dict]:
    """The 打分表's rows grouped by 一级指标 (rowspans), each with its typed and computed cells."""
    labels = rubric_labels()
    groups: list[dict] = []
    for item in context.rubric:
        outcome = scores.rubric[item.item_id]
        cells = state.rubric.get(item.item_id, {})
        kind = labels["deduction"] if item.is_deduction else "自评打分"
        row = {
            "key": f"rubric:{item.item_id}",
            "id": item.item_id,
            "level2": item.level2,
            "level3": item.level3,
            "weight": floatformat(item.weight, "-2"),
            "explanation": item.explanation,
            "standard": item.standard,
            "deduction": item.is_deduction,
            "label": f"{item.level3 or item.level1} {kind}",
            "score": cells.get("score", "") if not outcome.computed else _shown(outcome.computed),
            "note": cells.get("note", ""),
            "computed": outcome.computed is not None,
            "computable": bool(item.computation),
            "detail": outcome.detail,
            "findings": by_cell.get(f"rubric-{item.item_id}.score", [])
            + by_cell.get(f"rubric-{item.item_id}.note", []),
        }
        if not groups or groups[-1]["name"] != item.level1:
            groups.append(
                {"name": item.level1, "rows": [], "deduction": item.is_deduction, "total": 0}
            )
        groups[-1]["rows"].append(row)
        groups[-1]["total"] += item.weight
    sheet = scores.sheet
    for group in groups:
        group["size"] = len(group["rows"])
        group["weight"] = floatformat(group.pop("total"), "-2")
        group["score"] = _shown(sheet.group_scores.get(group["name"])) if sheet else ""
    return groups

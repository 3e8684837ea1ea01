"""Reading the project self-evaluation form: raw cell text in, plain values or cell errors out.

The page writes its inputs directly (a 60-row table through Django widgets is too slow), so this
module is the form: every cell is parsed here and every refusal is keyed by the cell it concerns.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.core.money import TEN_THOUSAND, quantize
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory, ScoringPolicy
from apps.indicators.values import (
    ComparatorConflict,
    UnitConflict,
    format_value,
    parse_number,
    parse_value,
    reconcile,
)

from .data import FUNDING_COLUMNS, EvaluationData, FundingData, RowData

ROW_INPUTS = (
    "id",
    "category",
    "name",
    "comparator",
    "target",
    "unit",
    "actual",
    "weight",
    "qualitative_label",
    "qualitative_score",
    "not_applicable",
    "deviation_reason",
    "not_applicable_reason",
)
MAX_ROWS = 500


@dataclass
class FormState:
    """Every cell as text, the way the page shows it (from a save or from what was typed)."""

    version: int
    goal_expected: str = ""
    goal_actual: str = ""
    notes: str = ""
    low_execution_explanation: str = ""
    funding: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ParsedForm:
    """The values understood (cells in error left blank) and the errors by cell."""

    state: FormState
    data: EvaluationData
    errors: dict[str, str]


def _amount_text(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    shown = value / TEN_THOUSAND if unit == ScoringPolicy.AmountUnit.WAN else value
    return format(quantize(shown, Decimal("0.000001")).normalize(), "f")


def _number_text(value: Decimal | None) -> str:
    return "" if value is None else format_value(value, "")


def state_from_data(data: EvaluationData, *, version: int, policy: ScoringPolicy) -> FormState:
    """The saved values as the page shows them, amounts in the bureau's unit."""
    return FormState(
        version=version,
        goal_expected=data.goal_expected,
        goal_actual=data.goal_actual,
        notes=data.notes,
        low_execution_explanation=data.low_execution_explanation,
        funding={
            line.source: {
                column: _amount_text(getattr(line, column), policy.amount_unit)
                for column in FUNDING_COLUMNS
            }
            for line in data.funding
        },
        rows=[
            {
                "id": str(row.row_id or ""),
                "category": str(row.category_id),
                "name": row.name,
                "comparator": row.comparator,
                "target": row.target_text,
                "unit": row.unit,
                "actual": row.actual_text,
                "weight": _number_text(row.weight),
                "qualitative_label": row.qualitative_label,
                "qualitative_score": _number_text(row.qualitative_score),
                "not_applicable": "1" if row.not_applicable else "",
                "deviation_reason": row.deviation_reason,
                "not_applicable_reason": row.not_applicable_reason,
            }
            for row in data.rows
        ],
    )


def state_from_post(post: QueryDict, sources: tuple[str, ...]) -> FormState:
    """What was typed, untouched, so a refused save loses nothing."""
    try:
        version = int(post.get("version", "0"))
        count = min(int(post.get("rows-TOTAL", "0")), MAX_ROWS)
    except ValueError:
        version, count = 0, 0
    return FormState(
        version=version,
        goal_expected=post.get("goal_expected", ""),
        goal_actual=post.get("goal_actual", ""),
        notes=post.get("notes", ""),
        low_execution_explanation=post.get("low_execution_explanation", ""),
        funding={
            source: {
                column: post.get(f"funding-{source}-{column}", "") for column in FUNDING_COLUMNS
            }
            for source in sources
        },
        rows=[
            {name: post.get(f"rows-{index}-{name}", "") for name in ROW_INPUTS}
            for index in range(count)
        ],
    )


def _optional_number(text: str, cell: str, errors: dict[str, str]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_number(text)
    except ValueError as error:
        errors[cell] = str(error)
        return None


def parse_state(
    state: FormState,
    *,
    policy: ScoringPolicy,
    categories: dict[int, IndicatorCategory],
) -> ParsedForm:
    """Turn the typed cells into plain values; a cell that cannot be understood is an error."""
    errors: dict[str, str] = {}
    funding = []
    for source, cells in state.funding.items():
        amounts = {}
        for column in FUNDING_COLUMNS:
            cell = f"funding.{source}.{column}"
            number = _optional_number(cells.get(column, ""), cell, errors)
            if number is not None and policy.amount_unit == ScoringPolicy.AmountUnit.WAN:
                number = quantize(number * TEN_THOUSAND)
            amounts[column] = number
        funding.append(FundingData(source=source, **amounts))

    rows = []
    for index, cells in enumerate(state.rows):
        prefix = f"row-{index}"
        try:
            category_id = int(cells.get("category", ""))
        except ValueError:
            category_id = 0
        category = categories.get(category_id)
        if category is None or category.level != 2:
            errors[f"{prefix}.name"] = _("Choose the level-2 indicator this row belongs to.")
            continue
        comparator, unit = cells.get("comparator", ""), cells.get("unit", "")
        target_text = cells.get("target", "").strip()
        if comparator != scoring.QUALITATIVE:
            try:
                target = parse_value(target_text)
                comparator, unit = reconcile(comparator, target, unit)
                if target.number is not None:
                    # "≥260件" typed in the target cell is understood as ≥, 260 and 件.
                    target_text = format_value(target.number, "")
            except (ComparatorConflict, UnitConflict) as error:
                errors[f"{prefix}.target"] = str(error)
            except ValueError:
                pass  # Text in a quantity cell is kept as typed; the checks report it.
        if comparator and comparator not in scoring.COMPARATORS:
            errors[f"{prefix}.comparator"] = _("Choose a comparator: ≥, ＞, ≤, ＜, = or 定性.")
            comparator = ""
        if not comparator:
            if target_text:
                errors[f"{prefix}.comparator"] = _("Choose a comparator: ≥, ＞, ≤, ＜, = or 定性.")
            comparator = scoring.GE
        qualitative = comparator == scoring.QUALITATIVE
        label = cells.get("qualitative_label", "") if qualitative else ""
        if label and label not in scoring.QUALITATIVE_LABELS:
            errors[f"{prefix}.actual"] = _("Choose one of the three results.")
            label = ""
        rows.append(
            RowData(
                row_id=int(cells["id"]) if cells.get("id", "").isdigit() else None,
                category_id=category.pk,
                name=cells.get("name", "").strip(),
                comparator=comparator,
                target_text=target_text,
                unit=unit.strip(),
                actual_text=cells.get("actual", "").strip(),
                weight=_optional_number(cells.get("weight", ""), f"{prefix}.weight", errors),
                qualitative_label=label,
                qualitative_score=_optional_number(
                    cells.get("qualitative_score", ""), f"{prefix}.qualitative_score", errors
                )
                if qualitative
                else None,
                not_applicable=bool(cells.get("not_applicable")),
                deviation_reason=cells.get("deviation_reason", "").strip(),
                not_applicable_reason=cells.get("not_applicable_reason", "").strip(),
            )
        )
    data = EvaluationData(
        goal_expected=state.goal_expected.strip(),
        goal_actual=state.goal_actual.strip(),
        notes=state.notes.strip(),
        low_execution_explanation=state.low_execution_explanation.strip(),
        funding=tuple(funding),
        rows=tuple(rows),
    )
    return ParsedForm(state=state, data=data, errors=errors)

"""Reading the project self-evaluation form: raw cell text in, plain values or cell errors out.

The page writes its inputs directly (a 60-row table through Django widgets is too slow), so this
module is the form: every cell is parsed here and every refusal is keyed by the cell it concerns.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.core.money import TEN_THOUSAND, quantize
from apps.core.text import clean_text
from apps.indicators import scoring
from apps.indicators.models import IndicatorCategory, ScoringPolicy
from apps.indicators.values import (
    ComparatorConflict,
    UnitConflict,
    format_value,
    reconcile,
)

from . import bounds
from .data import (
    FUNDING_COLUMNS,
    ROW_FIELDS,
    EvaluationData,
    FundingData,
    Reading,
    RowData,
    plain_target,
    read_cell,
)
from .form_cells import bounded, optional_number, text_cell
from .post_shape import ROW_KEY, is_id, post_problems

# The page names a row's inputs after RowData's fields, but for these two.
_INPUT_OF = {"target_text": "target", "actual_text": "actual"}
# Each row's inputs: its saved row's id, its level-2 indicator and its cells (ROW_FIELDS).
ROW_INPUTS = ("id", "category", *(_INPUT_OF.get(name, name) for name in ROW_FIELDS))
MAX_ROWS = bounds.MAX_ROWS
_ROW_TEXTS = ("name", "target", "unit", "actual", "deviation_reason", "not_applicable_reason")
_TEXTS = ("goal_expected", "goal_actual", "notes", "low_execution_explanation")


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
    # Refusals of the post as a whole ("form", "rows"), when it is not what the page sends.
    problems: dict[str, str] = field(default_factory=dict)


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


def _cell_text(value: object) -> str:
    """A row's value as its input shows it: numbers without trailing zeros, "1" for a tick."""
    if value is None or isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format_value(value, "")
    return str(value)


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
                **{
                    _INPUT_OF.get(name, name): _cell_text(getattr(row, name)) for name in ROW_FIELDS
                },
            }
            for row in data.rows
        ],
    )


def state_from_post(
    post: QueryDict,
    sources: tuple[str, ...],
    *,
    columns: tuple[str, ...] = FUNDING_COLUMNS,
    kept: FormState | None = None,
) -> FormState:
    """What was typed, kept whole (control characters removed), so a refused save loses nothing.

    Rows are read by the indices the post carries. A post of another shape (no row count, rows
    missing, more than MAX_ROWS, two rows naming one saved row) carries a problem and is refused
    as a whole: read as blank cells, it would delete rows. `columns` are the funding columns the
    layout shows; the others are not in the page and keep their saved text from `kept`.
    """

    def value(name: str) -> str:
        return clean_text(post.get(name, ""))

    indices = sorted({int(m[1]) for key in post if (m := ROW_KEY.fullmatch(key))})
    rows = [{name: value(f"rows-{index}-{name}") for name in ROW_INPUTS} for index in indices]
    version = post.get("version", "")
    return FormState(
        version=int(version) if is_id(version) else 0,
        goal_expected=value("goal_expected"),
        goal_actual=value("goal_actual"),
        notes=value("notes"),
        low_execution_explanation=value("low_execution_explanation"),
        funding={
            source: {
                column: value(f"funding-{source}-{column}")
                if column in columns
                else (kept.funding.get(source, {}).get(column, "") if kept else "")
                for column in FUNDING_COLUMNS
            }
            for source in sources
        },
        rows=rows,
        problems=post_problems(post, indices, rows, columns),
    )


def _row_of(
    cells: dict[str, str],
    prefix: str,
    categories: dict[int, IndicatorCategory],
    errors: dict[str, str],
) -> RowData | None:
    """One row's typed cells as RowData; None (with an error) when its category is not one."""
    row_texts = {name: text_cell(cells, name, f"{prefix}.{name}", errors) for name in _ROW_TEXTS}
    try:
        category_id = int(cells.get("category", ""))
    except ValueError:
        category_id = 0
    category = categories.get(category_id)
    if category is None or category.level != 2:
        errors[f"{prefix}.name"] = _("Choose the level-2 indicator this row belongs to.")
        return None
    comparator, unit = cells.get("comparator", ""), row_texts["unit"]
    target_text = row_texts["target"]
    target: Reading | None = None  # a 定性 row's target is read by whoever needs it
    if comparator != scoring.QUALITATIVE:
        # Read once, here: the row keeps this reading for the engine and the checks.
        target = read_cell(target_text)
        # Text in a quantity cell is kept as typed; the checks report it.
        if target.value is not None:
            try:
                comparator, unit = reconcile(comparator, target.value, unit)
            except (ComparatorConflict, UnitConflict) as error:
                errors[f"{prefix}.target"] = str(error)
            except ValueError:
                pass
            else:
                if target.number is not None:
                    # "≥260件" typed in the target cell is understood as ≥, 260 and 件.
                    target = plain_target(target.number)
                    target_text = target.text
    if not comparator and target is not None and target.value is None and target_text:
        # A target written as a sentence (社会和谐稳定, 2023年12月底前完成) is a 定性 row's:
        # its result is chosen, not computed (DESIGN §4).
        comparator, target = scoring.QUALITATIVE, None
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
    weight = optional_number(cells.get("weight", ""), f"{prefix}.weight", errors)
    problem = "" if weight is None else bounds.weight_problem(weight)
    weight = bounded(weight, problem, f"{prefix}.weight", errors)
    score = None
    if qualitative:
        cell = f"{prefix}.qualitative_score"
        score = optional_number(cells.get("qualitative_score", ""), cell, errors)
        problem = "" if score is None else bounds.score_problem(score, weight)
        score = bounded(score, problem, cell, errors)
    # A unit read from the target cell ("≥260件") must fit the unit column too.
    unit = unit.strip()
    if bounds.text_problem(unit, "unit"):
        errors.setdefault(f"{prefix}.unit", bounds.text_problem(unit, "unit"))
        unit = ""
    row = RowData(
        row_id=int(cells["id"]) if is_id(cells.get("id", "")) else None,
        category_id=category.pk,
        name=row_texts["name"],
        comparator=comparator,
        target_text=target_text,
        unit=unit,
        actual_text=row_texts["actual"],
        weight=weight,
        qualitative_label=label,
        qualitative_score=score,
        not_applicable=bool(cells.get("not_applicable")),
        deviation_reason=row_texts["deviation_reason"],
        not_applicable_reason=row_texts["not_applicable_reason"],
    )
    return row if target is None else row.with_parsed_target(target)


def parse_state(
    state: FormState,
    *,
    policy: ScoringPolicy,
    categories: dict[int, IndicatorCategory],
) -> ParsedForm:
    """Turn the typed cells into plain values; a cell that cannot be understood is an error."""
    errors: dict[str, str] = dict(state.problems)
    texts = {name: text_cell(vars(state), name, name, errors) for name in _TEXTS}
    funding = []
    for source, cells in state.funding.items():
        amounts = {}
        for column in FUNDING_COLUMNS:
            cell = f"funding.{source}.{column}"
            number = optional_number(cells.get(column, ""), cell, errors)
            if number is not None and policy.amount_unit == ScoringPolicy.AmountUnit.WAN:
                number = number * TEN_THOUSAND
            # Checked before rounding: a number too long for the column cannot be rounded.
            problem = "" if number is None else bounds.amount_problem(number)
            number = bounded(number, problem, cell, errors)
            amounts[column] = None if number is None else quantize(number)
        funding.append(FundingData(source=source, **amounts))

    rows = [
        row
        for index, cells in enumerate(state.rows)
        if (row := _row_of(cells, f"row-{index}", categories, errors)) is not None
    ]
    data = EvaluationData(
        goal_expected=texts["goal_expected"],
        goal_actual=texts["goal_actual"],
        notes=texts["notes"],
        low_execution_explanation=texts["low_execution_explanation"],
        funding=tuple(funding),
        rows=tuple(rows),
    )
    return ParsedForm(state=state, data=data, errors=errors)

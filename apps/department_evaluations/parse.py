"""Read a FormState into DepartmentData, with the reason each refused cell was refused."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.models import AMOUNT_MAX
from apps.core.money import TEN_THOUSAND, quantize
from apps.indicators import scoring
from apps.indicators.values import parse_number

from . import bounds
from .bounds import FINANCE_COLUMNS
from .data import (
    Context,
    DepartmentData,
    EvaluatorData,
    FinanceData,
    GoalData,
    IndicatorData,
    OutputData,
    RubricLine,
    TaskData,
)
from .forms import (
    COUNTS,
    LIMITS,
    OUTPUT_SECTIONS,
    SCALAR_AMOUNTS,
    TASK_AMOUNTS,
    FormState,
    ParsedForm,
)
from .models.evaluation import GRADES


class _Reader:
    """Reads cells, collecting an error per refused cell (its value is then left blank)."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.errors: dict[str, str] = {}

    def text(self, value: str, cell: str, limit_key: str) -> str:
        text = value.strip()
        limit = LIMITS.get(limit_key, 200)
        if len(text) > limit:
            self.errors[cell] = _("At most %(limit)s characters; this cell has %(count)s.") % {
                "limit": limit,
                "count": len(text),
            }
            return ""
        return text

    def number(self, value: str, cell: str) -> Decimal | None:
        if not value.strip():
            return None
        try:
            return parse_number(value)
        except ValueError as error:
            self.errors[cell] = str(error)
            return None

    def amount(self, value: str, cell: str) -> Decimal | None:
        number = self.number(value, cell)
        if number is None:
            return None
        amount = quantize(number * TEN_THOUSAND if self.unit == "万元" else number)
        if amount < 0:
            self.errors[cell] = _("An amount cannot be negative.")
            return None
        if amount > AMOUNT_MAX:
            self.errors[cell] = _("This amount is larger than the system can hold.")
            return None
        return amount

    def count(self, value: str, cell: str) -> int | None:
        number = self.number(value, cell)
        if number is None:
            return None
        if number != number.to_integral() or not 0 <= number <= bounds.HEADCOUNT_MAX:
            self.errors[cell] = _("Enter a whole number of people, 0 or more.")
            return None
        return int(number)

    def score(self, value: str, cell: str, maximum: Decimal, *, deduction: bool = False):
        number = self.number(value, cell)
        if number is None:
            return None
        refusal = (
            scoring.deduction_refusal(maximum=maximum, deduction=number)
            if deduction
            else scoring.hand_score_refusal(weight=maximum, score=number)
        )
        if refusal is not None:
            self.errors[cell] = (
                _(refusal.message) % refusal.params if refusal.params else _(refusal.message)
            )
            return None
        return number

    def choice(self, value: str, cell: str, allowed) -> str:
        if value and value not in allowed:
            self.errors[cell] = _("Choose one of the listed values.")
            return ""
        return value

    def row_id(self, value: str) -> int | None:
        return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None


def _scalars(read: _Reader, cells: dict[str, str]) -> dict:
    values: dict = {}
    for name in (
        "evaluation_method",
        "evaluation_agency",
        "prepared_by",
        "contact_person",
        "contact_phone",
        *bounds.TEXT_LIMITS.keys() - {"long", "reason"},
    ):
        values[name] = read.text(cells.get(name, ""), name, name)
    for name in COUNTS:
        values[name] = read.count(cells.get(name, ""), name)
    for name in SCALAR_AMOUNTS:
        values[name] = read.amount(cells.get(name, ""), name)
    typed_date = cells.get("report_date", "").strip()
    values["report_date"] = None
    if typed_date:
        try:
            values["report_date"] = date.fromisoformat(typed_date)
        except ValueError:
            read.errors["report_date"] = _("Enter a date as YYYY-MM-DD.")
    values["declared_score"] = read.score(
        cells.get("declared_score", ""), "declared_score", bounds.SCORE_MAX
    )
    values["declared_grade"] = read.choice(
        cells.get("declared_grade", ""), "declared_grade", [g for g, _label in GRADES]
    )
    return values


def _filled(cells: dict[str, str], skip=("id",)) -> bool:
    return any(value.strip() for key, value in cells.items() if key not in skip)


def parse_state(
    state: FormState, context: Context, levels: Mapping[int, tuple[str, str]]
) -> ParsedForm:
    """The values understood (refused cells left blank) and the errors by cell."""
    read = _Reader(context.amount_unit)
    values = _scalars(read, state.scalars)
    finance = []
    for i, cells in enumerate(state.sections.get("finance", [])):
        cell = f"finance-{i}"
        name = read.text(cells.get("name", ""), f"{cell}.name", "finance.name")
        if not name:
            read.errors.setdefault(f"{cell}.name", _("Name the institution of this row."))
        amounts = {c: read.amount(cells.get(c, ""), f"{cell}.{c}") for c in FINANCE_COLUMNS}
        finance.append(
            FinanceData(
                name=name,
                amounts=amounts,
                unit_id=read.row_id(cells.get("unit", "")),
                row_id=read.row_id(cells.get("id", "")),
            )
        )
    goals = [
        GoalData(
            period=read.text(c.get("period", ""), f"goals-{i}.period", "goals.period"),
            expected=read.text(c.get("expected", ""), f"goals-{i}.expected", "long"),
            achieved=read.text(c.get("achieved", ""), f"goals-{i}.achieved", "long"),
            row_id=read.row_id(c.get("id", "")),
        )
        for i, c in enumerate(state.sections.get("goals", []))
        if _filled(c)
    ]
    tasks = []
    for i, c in enumerate(state.sections.get("tasks", [])):
        if not _filled(c):
            continue
        cell = f"tasks-{i}"
        tasks.append(
            TaskData(
                name=read.text(c.get("name", ""), f"{cell}.name", "tasks.name"),
                level=read.text(c.get("level", ""), f"{cell}.level", "tasks.level"),
                content=read.text(c.get("content", ""), f"{cell}.content", "long"),
                **{n: read.amount(c.get(n, ""), f"{cell}.{n}") for n in TASK_AMOUNTS},
                low_reason=read.text(c.get("low_reason", ""), f"{cell}.low_reason", "reason"),
                row_id=read.row_id(c.get("id", "")),
            )
        )
    indicators = []
    for i, c in enumerate(state.sections.get("indicators", [])):
        cell = f"indicators-{i}"
        category = read.row_id(c.get("category", ""))
        if category is None or category not in levels:
            read.errors[f"{cell}.name"] = _("Choose the level-2 indicator of this row.")
            continue
        weight = read.number(c.get("weight", ""), f"{cell}.weight")
        if weight is not None and not 0 < weight <= 100:
            read.errors[f"{cell}.weight"] = _("A weight is above 0 and at most 100.")
            weight = None
        indicators.append(
            IndicatorData(
                category_id=category,
                level1=levels[category][0],
                level2=levels[category][1],
                name=read.text(c.get("name", ""), f"{cell}.name", "indicators.name"),
                comparator=read.choice(
                    c.get("comparator", ""), f"{cell}.comparator", scoring.COMPARATORS
                ),
                target_text=read.text(
                    c.get("target_text", ""), f"{cell}.target_text", "indicators.target_text"
                ),
                unit=read.text(c.get("unit", ""), f"{cell}.unit", "indicators.unit"),
                actual_text=read.text(
                    c.get("actual_text", ""), f"{cell}.actual_text", "indicators.actual_text"
                ),
                weight=weight,
                qualitative_label=read.choice(
                    c.get("qualitative_label", ""),
                    f"{cell}.qualitative_label",
                    scoring.QUALITATIVE_LABELS,
                ),
                qualitative_score=read.score(
                    c.get("qualitative_score", ""),
                    f"{cell}.qualitative_score",
                    weight or bounds.SCORE_MAX,
                ),
                deviation_reason=read.text(
                    c.get("deviation_reason", ""), f"{cell}.deviation_reason", "reason"
                ),
                row_id=read.row_id(c.get("id", "")),
            )
        )
    outputs = [
        OutputData(
            section=read.choice(c.get("section", ""), f"outputs-{i}.section", OUTPUT_SECTIONS)
            or "product",
            name=read.text(c.get("name", ""), f"outputs-{i}.name", "outputs.name"),
            plan=read.text(c.get("plan", ""), f"outputs-{i}.plan", "long"),
            actual=read.text(c.get("actual", ""), f"outputs-{i}.actual", "long"),
            row_id=read.row_id(c.get("id", "")),
        )
        for i, c in enumerate(state.sections.get("outputs", []))
        if _filled(c, skip=("id", "section"))
    ]
    evaluators = [
        EvaluatorData(
            name=read.text(c.get("name", ""), f"evaluators-{i}.name", "evaluators.name"),
            title=read.text(c.get("title", ""), f"evaluators-{i}.title", "evaluators.title"),
            unit=read.text(c.get("unit", ""), f"evaluators-{i}.unit", "evaluators.unit"),
            row_id=read.row_id(c.get("id", "")),
        )
        for i, c in enumerate(state.sections.get("evaluators", []))
        if _filled(c)
    ]
    rubric = []
    for item in context.rubric:
        cells = state.rubric.get(item.item_id, {})
        cell = f"rubric-{item.item_id}"
        rubric.append(
            RubricLine(
                item_id=item.item_id,
                score=read.score(
                    cells.get("score", ""),
                    f"{cell}.score",
                    item.weight,
                    deduction=item.is_deduction,
                ),
                note=read.text(cells.get("note", ""), f"{cell}.note", "rubric.note"),
            )
        )
    data = DepartmentData(
        **values,
        finance=tuple(finance),
        goals=tuple(goals),
        tasks=tuple(tasks),
        indicators=tuple(indicators),
        outputs=tuple(outputs),
        evaluators=tuple(evaluators),
        rubric=tuple(rubric),
    )
    return ParsedForm(data=data, errors=read.errors)

"""Plain values of a project self-evaluation as a form submits it, and their computed results."""

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property

from django.utils.translation import get_language

from apps.indicators import scoring
from apps.indicators.values import ParsedValue, format_value, parse_value

from .checks import Finding

FUNDING_COLUMNS = ("initial", "adjusted", "executed")


@dataclass(frozen=True)
class FundingData:
    """One funding row in 元."""

    source: str
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None


@dataclass(frozen=True)
class Reading:
    """A target or actual cell read once: its value, or None and why it cannot be read."""

    text: str
    value: ParsedValue | None
    reason: str = ""  # in the language it was read in
    language: str | None = None

    @property
    def number(self) -> Decimal | None:
        """The number the engine scores with: None when the cell is blank or cannot be read."""
        return None if self.value is None else self.value.number

    @property
    def problem(self) -> str:
        """Why the cell cannot be read, in the active language; "" when it can."""
        if self.value is not None or get_language() == self.language:
            return self.reason
        return read_cell(self.text).reason  # a row read in one language, checked in another


def read_cell(text: str) -> Reading:
    """Read a target or actual cell: the one place a row's cells go through parse_value."""
    try:
        return Reading(text, parse_value(text))
    except ValueError as exc:
        return Reading(text, None, str(exc), get_language())


def plain_target(number: Decimal) -> Reading:
    """A number kept without its sign and unit (they have their own cells), read as typed so.

    The form keeps "≥260件" as 260 once ≥ and 件 have gone to their cells; this is what
    read_cell gives for the kept text, without reading it again.
    """
    text = format_value(number, "")
    return Reading(text, ParsedValue(text=text, comparator=None, number=Decimal(text), unit=""))


@dataclass(frozen=True)
class RowData:
    """One indicator row; `row_id` is the saved row's id, None for a new row.

    Its target and actual cells are read once, when first asked (`parsed_target`,
    `parsed_actual`): the engine input and the checks share that reading.
    """

    category_id: int
    row_id: int | None = None
    name: str = ""
    comparator: str = scoring.GE
    target_text: str = ""
    unit: str = ""
    actual_text: str = ""
    weight: Decimal | None = None
    qualitative_label: str = ""
    qualitative_score: Decimal | None = None
    not_applicable: bool = False
    deviation_reason: str = ""
    not_applicable_reason: str = ""

    @cached_property
    def parsed_target(self) -> Reading:
        return read_cell(self.target_text)

    @cached_property
    def parsed_actual(self) -> Reading:
        return read_cell(self.actual_text)

    def with_parsed_target(self, reading: Reading) -> "RowData":
        """This row, its target already read by whoever built it (the form reads it anyway)."""
        if reading.text != self.target_text:
            raise ValueError(f"{reading.text!r} is not the target {self.target_text!r}")
        # Where cached_property keeps its value: a frozen dataclass without slots allows it.
        self.__dict__["parsed_target"] = reading
        return self


# The cells of an indicator row, in the form's order: the one list the form, the engine
# input, the checks, the save and the snapshot read (RowData is the row's one shape).
ROW_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(RowData) if f.name not in ("category_id", "row_id")
)


@dataclass(frozen=True)
class EvaluationData:
    """Everything the filer can type into a project self-evaluation."""

    goal_expected: str = ""
    goal_actual: str = ""
    notes: str = ""
    low_execution_explanation: str = ""
    funding: tuple[FundingData, ...] = ()
    rows: tuple[RowData, ...] = ()

    def funding_line(self, source: str) -> FundingData:
        """The funding row of a source, blank when absent."""
        return next((f for f in self.funding if f.source == source), FundingData(source=source))


@dataclass(frozen=True)
class Computed:
    """What the engine and the checks say about an EvaluationData."""

    result: scoring.EvaluationResult
    findings: list[Finding] = field(default_factory=list)
    # False under a layout without points (四川): the result's total and grade mean nothing.
    points: bool = True
    # 执行率 of each funding row (executed ÷ full-year budget), for layouts that print them all.
    rates: dict[str, Decimal | None] = field(default_factory=dict)

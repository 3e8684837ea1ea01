"""Plain values of a project self-evaluation as a form submits it, and their computed results."""

from dataclasses import dataclass, field, fields
from decimal import Decimal

from apps.indicators import scoring

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
class RowData:
    """One indicator row; `row_id` is the saved row's id, None for a new row."""

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

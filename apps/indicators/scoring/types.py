"""The engine's vocabulary: comparator signs, 定性 labels, the policy, rows in and results out."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import wraps
from typing import Final, Literal, ParamSpec, TypeVar

GE = "≥"
GT = "＞"
LE = "≤"
LT = "＜"
EQ = "="
QUALITATIVE = "定性"
COMPARATORS = (GE, GT, LE, LT, EQ, QUALITATIVE)

# Spreadsheets and older filings type these instead of the printed signs.
_COMPARATOR_ALIASES = {">=": GE, "≧": GE, ">": GT, "<=": LE, "≦": LE, "<": LT, "＝": EQ}

ACHIEVED = "达成年度指标"
PARTIAL = "部分达成年度指标并具有一定效果"
NOT_ACHIEVED = "未达成年度指标且效果较差"
QUALITATIVE_LABELS = (ACHIEVED, PARTIAL, NOT_ACHIEVED)

REVERSE_RATIO: Final = "ratio"
REVERSE_LINEAR: Final = "linear"

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
DEFAULT_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))
# Fixed precision so results never depend on whatever context the caller has set.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _in_context(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run func under the engine's Decimal context."""

    @wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(_CONTEXT):
            return func(*args, **kwargs)

    return wrapper


def _default_group_weights() -> dict[str, Decimal]:
    """Return the national default level-1 weights."""
    return {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}


@dataclass(frozen=True)
class ScoringPolicy:
    """A bureau's scoring settings for a year, with the national defaults."""

    execution_weight: Decimal = Decimal(10)
    group_weights: dict[str, Decimal] = field(default_factory=_default_group_weights)
    reverse_formula: Literal["ratio", "linear"] = REVERSE_RATIO
    high_floor: Decimal = Decimal("0.8")
    mid_floor: Decimal = Decimal("0.5")
    excess_ratio: Decimal = Decimal("1.3")
    grade_thresholds: tuple[tuple[Decimal, str], ...] = DEFAULT_GRADES
    rescale_not_applicable: bool = True
    execution_caps: tuple[tuple[Decimal, Decimal], ...] = ()
    # Whether a filer may propose 不适用 (with a reason) for the reviewer to accept.
    filers_may_propose_not_applicable: bool = False
    # Below this execution rate (a fraction) the form asks for an explanation; None: never.
    low_execution_explanation_below: Decimal | None = None

    def __post_init__(self) -> None:
        if self.reverse_formula not in (REVERSE_RATIO, REVERSE_LINEAR):
            raise ValueError(f"unknown reverse formula: {self.reverse_formula!r}")
        # Empty or overlapping bands would leave a qualitative label with no valid score.
        if not ZERO < self.mid_floor < self.high_floor <= ONE:
            raise ValueError("band floors must satisfy 0 < mid_floor < high_floor <= 1")
        if not self.grade_thresholds:
            raise ValueError("grade_thresholds must not be empty")


@dataclass(frozen=True)
class RowInput:
    """One level-3 indicator row as filed."""

    level1: str
    level2: str
    comparator: str
    weight: Decimal
    target: Decimal | None = None
    actual: Decimal | None = None
    qualitative_label: str | None = None
    qualitative_score: Decimal | None = None
    # Left out of the total: only a 不适用 the bureau decided (a reviewer accepted), never a
    # filer's proposal, which counts by its values until it is accepted.
    not_applicable: bool = False
    # A score given by hand (a reviewer's 复核得分): when set, the row scores it, held to
    # [0, weight], instead of its formula; None scores the row by its comparator.
    hand_score: Decimal | None = None


@dataclass(frozen=True)
class EvaluationResult:
    """Scores of one self-evaluation: rows unrounded; `total` rounded once and graded."""

    execution_rate: Decimal | None
    execution_score: Decimal
    row_scores: list[Decimal | None]
    group_subtotals: dict[str, Decimal]
    group_weights: dict[str, Decimal]
    raw_total: Decimal
    applicable_weight: Decimal
    total: Decimal  # 2 places, half up: the one shown, stored, printed and graded
    capped: bool
    grade: str
    exact_total: Decimal = ZERO  # before rounding


def normalize_comparator(text: str) -> str:
    """Return the canonical comparator sign for text, or raise ValueError."""
    value = text.strip()
    if value in COMPARATORS:
        return value
    if value in _COMPARATOR_ALIASES:
        return _COMPARATOR_ALIASES[value]
    raise ValueError(f"unknown comparator: {text!r}")


def round_score(value: Decimal) -> Decimal:
    """Round a score or amount to 2 places, half up, for display and storage."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Return value limited to [low, high]."""
    return max(low, min(value, high))

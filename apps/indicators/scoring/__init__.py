"""Scoring of self-evaluations (DESIGN §4): pure functions over Decimal values, no ORM.

One rounding point: `evaluate` computes on unrounded values, rounds the total once (2 places,
half up) and grades that rounded total, so the total shown beside a grade is the one graded.
Every page, stored filing, revision, review and print reads `EvaluationResult.total` and
`.grade` (or the copies stored from them); none rounds or grades on its own. `score_sheet`
does the same for a 打分表 (rows scored by hand, deductions).

types: signs, labels, policy, rows and results · rules: per-row formulas · totals: `evaluate`
and grades · rubric: the 打分表 · department: the department self-evaluation's figures and
computed 打分表 rows. Import from the package: `from apps.indicators import scoring`.
"""

from .department import (
    PROGRESS_PARTS,
    PROGRESS_TARGETS,
    balance_share_score,
    change_rate,
    progress_score,
    quantity_goal_score,
    ratio,
)
from .rubric import (
    DeductionRow,
    HandRow,
    Refusal,
    RubricRow,
    SheetResult,
    deduction_refusal,
    hand_score_refusal,
    score_sheet,
)
from .rules import (
    deduction_points,
    execution_rate,
    execution_score,
    hand_row_score,
    needs_deviation_reason,
    qualitative_band,
    row_score,
)
from .totals import evaluate, grade_for
from .types import (
    ACHIEVED,
    COMPARATORS,
    DEFAULT_GRADES,
    EQ,
    GE,
    GT,
    HUNDRED,
    LE,
    LT,
    NOT_ACHIEVED,
    ONE,
    PARTIAL,
    QUALITATIVE,
    QUALITATIVE_LABELS,
    REVERSE_LINEAR,
    REVERSE_RATIO,
    ZERO,
    EvaluationResult,
    RowInput,
    ScoringPolicy,
    normalize_comparator,
    round_score,
)

__all__ = [
    "ACHIEVED",
    "COMPARATORS",
    "DEFAULT_GRADES",
    "EQ",
    "GE",
    "GT",
    "HUNDRED",
    "LE",
    "LT",
    "NOT_ACHIEVED",
    "ONE",
    "PARTIAL",
    "PROGRESS_PARTS",
    "PROGRESS_TARGETS",
    "QUALITATIVE",
    "QUALITATIVE_LABELS",
    "REVERSE_LINEAR",
    "REVERSE_RATIO",
    "ZERO",
    "DeductionRow",
    "EvaluationResult",
    "HandRow",
    "Refusal",
    "RowInput",
    "RubricRow",
    "ScoringPolicy",
    "SheetResult",
    "balance_share_score",
    "change_rate",
    "deduction_points",
    "deduction_refusal",
    "evaluate",
    "execution_rate",
    "execution_score",
    "grade_for",
    "hand_row_score",
    "hand_score_refusal",
    "needs_deviation_reason",
    "normalize_comparator",
    "progress_score",
    "qualitative_band",
    "quantity_goal_score",
    "ratio",
    "round_score",
    "row_score",
    "score_sheet",
]

"""The department self-evaluation's tables (部门整体支出绩效自评), all hanging off its filing."""

from .evaluation import KIND, DepartmentEvaluation
from .rows import (
    DepartmentIndicator,
    Evaluator,
    FinanceRow,
    KeyTask,
    OutputItem,
    QualitativeGoal,
    RubricScore,
)

__all__ = [
    "KIND",
    "DepartmentEvaluation",
    "DepartmentIndicator",
    "Evaluator",
    "FinanceRow",
    "KeyTask",
    "OutputItem",
    "QualitativeGoal",
    "RubricScore",
]

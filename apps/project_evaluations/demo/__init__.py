"""Demo project self-evaluations: the 项目支出绩效自评表 of seeds 002 and 003, entered as printed.

Every cell is typed the way the seed prints it, mistakes included: sentences in quantity cells,
missing weights, weights that do not add up to 100, a boilerplate 偏差原因 beside an overshot
target. The engine and the checks then say what they say about them; nothing computed is set
by hand. How each ambiguous printed cell was read is written beside it.

Run after apps.budgets.demo.demo_load, which creates the bureaus, years and projects.
"""

from .load import (
    DEMO_EVALUATION_MODELS,
    DemoEvaluation,
    DemoEvaluationsResult,
    demo_evaluations_load,
)

__all__ = [
    "DEMO_EVALUATION_MODELS",
    "DemoEvaluation",
    "DemoEvaluationsResult",
    "demo_evaluations_load",
]

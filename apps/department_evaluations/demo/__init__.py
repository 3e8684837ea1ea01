"""Demo department self-evaluations: seeds 000, 001, 002 and 003, entered as printed.

Each seed module (lishui, yunxi, ebian, yuxi) types its department's filing the way the seed
prints it, mistakes included, says in its docstring which findings the printed figures raise
and why, and marks INVENTED anything the seed does not print (nothing, so far). It also says
how its bureau's department policy reads the print: where the score comes from (declared, or
the 打分表), which 打分表, and the unit of amounts. The checks then say what they say; nothing
computed is set by hand: a printed 自评打分 stays as printed, and where the system computes
the row its own value counts and a different printed one is flagged.

Run after apps.budgets.demo.demo_load and apps.project_evaluations.demo.demo_evaluations_load:
the department filings read the project filings.
"""

from .load import (
    DEMO_DEPARTMENT_MODELS,
    DemoDepartment,
    DemoDepartmentsResult,
    demo_departments_load,
)

__all__ = [
    "DEMO_DEPARTMENT_MODELS",
    "DemoDepartment",
    "DemoDepartmentsResult",
    "demo_departments_load",
]

"""Consistency checks (勾稽) of a project self-evaluation (DESIGN §6, §4): pure, no ORM.

funding.py checks the funding table, rows.py each indicator row, table.py the weights across
rows and the whole project; findings.py holds the inputs, Finding and the messages.
"""

from .findings import (
    BOILERPLATE_REASONS,
    COLUMN_NAMES,
    COLUMNS,
    ERROR,
    FUNDING_ORDER,
    HUNDRED,
    MESSAGES,
    SOURCE_NAMES,
    WARNING,
    ZERO,
    Finding,
    FundingInput,
    ProjectCheckInput,
    RowCheckInput,
    Severity,
    has_errors,
    summarize,
)
from .table import check_project

__all__ = [
    "BOILERPLATE_REASONS",
    "COLUMNS",
    "COLUMN_NAMES",
    "ERROR",
    "FUNDING_ORDER",
    "HUNDRED",
    "MESSAGES",
    "SOURCE_NAMES",
    "WARNING",
    "ZERO",
    "Finding",
    "FundingInput",
    "ProjectCheckInput",
    "RowCheckInput",
    "Severity",
    "check_project",
    "has_errors",
    "summarize",
]

"""Consistency checks (勾稽) of a department self-evaluation (DESIGN §6, §4, §5): pure, no ORM.

finance.py checks each institution's 收支情况 row, figures.py the computed figures (staff,
execution, projects, 三公经费 year on year), targets.py the tasks and indicator rows, sheet.py
the 打分表 and the declared score; findings.py holds Finding and the messages.
"""

from .department import check_department
from .findings import ERROR, MESSAGES, WARNING, Finding, Severity, summarize

__all__ = ["ERROR", "MESSAGES", "WARNING", "Finding", "Severity", "check_department", "summarize"]

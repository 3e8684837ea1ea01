"""The whole check of a department self-evaluation, its findings in the form's print order."""

from ..data import Context, DepartmentData, Scores
from .figures import headcount_findings, total_row_findings
from .finance import finance_findings
from .findings import Finding
from .sheet import rubric_findings, score_findings
from .targets import indicator_findings, task_findings


def check_department(data: DepartmentData, context: Context, scores: Scores) -> list[Finding]:
    """Return the findings: 基本概况, 收支情况 rows then total, tasks, indicators, 打分表, score."""
    findings = headcount_findings(data, scores)
    findings += finance_findings(data.finance, context)
    findings += total_row_findings(data, context, scores)
    findings += task_findings(data.tasks, context)
    findings += indicator_findings(data.indicators, context)
    findings += rubric_findings(data, context, scores)
    return findings + score_findings(data, context, scores)

"""Checks across the table (Σ weights, group weights) and the whole project check."""

from apps.indicators.scoring import round_score

from .findings import HUNDRED, ZERO, Finding, ProjectCheckInput, _finding
from .funding import _funding_findings
from .rows import _row_findings


def _table_findings(data: ProjectCheckInput) -> list[Finding]:
    """Check Σ weights = 100 and each level-1 group's rows against the policy's group weight."""
    if not data.points:
        return []
    policy = data.policy
    total = policy.execution_weight + sum((r.row.weight or ZERO for r in data.rows), ZERO)
    findings: list[Finding] = []
    if total != HUNDRED:
        execution = round_score(policy.execution_weight)
        findings.append(
            _finding("weights_total", "weights", total=round_score(total), execution=execution)
        )
    # Groups in the order the table shows them, then the policy's groups that have no rows.
    groups = list(dict.fromkeys(row.level1.strip() for row in data.rows))
    groups += [group for group in policy.group_weights if group not in groups]
    for group in (group for group in groups if group in policy.group_weights):
        expected = policy.group_weights[group]
        added = sum((r.row.weight or ZERO for r in data.rows if r.level1.strip() == group), ZERO)
        if added != expected:
            values = {
                "group": group,
                "total": round_score(added),
                "expected": round_score(expected),
            }
            findings.append(_finding("group_weight_mismatch", f"group.{group}", **values))
    return findings


def check_project(data: ProjectCheckInput) -> list[Finding]:
    """Return the findings of a project self-evaluation: funding, then rows, then weights."""
    findings = _funding_findings(data)
    for row in data.rows:
        findings += _row_findings(row, data.policy)
    return findings + _table_findings(data)

"""Checks of 年度重点工作任务 (amounts, execution) and of the 定量目标 indicator rows."""

from apps.indicators import scoring
from apps.indicators.scoring import ACHIEVED, QUALITATIVE, QUALITATIVE_LABELS, round_score
from apps.indicators.values import format_value, parse_value

from ..data import Context, IndicatorData, TaskData
from .findings import HUNDRED, ZERO, Finding, error, is_blank, money, percent, warning

INDICATORS = "indicators"  # ScoringPolicy.DepartmentBasis.INDICATORS


def _task_findings(task: TaskData, key: str, context: Context) -> list[Finding]:
    """批复金额 = 财政资金 + 其他资金; 实际支出 within it; a low 执行率 needs its reason."""
    unit, name = context.amount_unit, task.name.strip() or key
    parts = [part for part in (task.approved_fiscal, task.approved_other) if part is not None]
    findings = []
    declared = task.approved_total
    if declared is not None or parts:
        added = sum(parts, ZERO)
        if abs((declared or ZERO) - added) > context.unit_tolerance * len(parts):
            values = {"name": name, "declared": money(declared, unit), "sum": money(added, unit)}
            findings.append(error(f"{key}.approved_total", "task_approved_total", **values))
    approved = declared if declared is not None else (sum(parts, ZERO) if parts else None)
    if approved is None or task.actual is None:
        return findings
    values = {"name": name, "actual": money(task.actual, unit), "approved": money(approved, unit)}
    if task.actual > approved:
        findings.append(error(f"{key}.actual", "task_overspent", **values))
    elif approved > ZERO and task.actual < approved and is_blank(task.low_reason):
        rate = percent(task.actual / approved)
        findings.append(warning(f"{key}.low_reason", "task_low_execution", rate=rate, **values))
    return findings


def task_findings(tasks: tuple[TaskData, ...], context: Context) -> list[Finding]:
    """The checks of every task row, row by row."""
    findings: list[Finding] = []
    for index, task in enumerate(tasks):
        findings += _task_findings(task, f"tasks-{index}", context)
    return findings


def comparator_of(row: IndicatorData) -> str:
    """The row's comparator: the one chosen, else a sign typed in its target ("≥95%"); or ""."""
    try:
        if row.comparator.strip():
            return scoring.normalize_comparator(row.comparator)
        return parse_value(row.target_text).comparator or ""
    except ValueError:
        return ""


def _deviation_finding(row: IndicatorData, key: str, context: Context) -> Finding | None:
    """A missed or overshot target (or a 定性 row not achieved) with no 偏差原因 to say why."""
    comparator, name = comparator_of(row), row.name.strip() or row.level2.strip() or key
    if not comparator or not is_blank(row.deviation_reason):
        return None
    field, policy = f"{key}.deviation_reason", context.policy
    if comparator == QUALITATIVE:
        label = row.qualitative_label.strip()
        if label not in QUALITATIVE_LABELS or label == ACHIEVED:
            return None
        return warning(field, "deviation_missed_qualitative", name=name, label=label)
    target, actual = row.target, row.actual
    if target is None or actual is None:
        return None
    if not scoring.needs_deviation_reason(
        policy, comparator=comparator, target=target, actual=actual
    ):
        return None
    values = {
        "name": name,
        "target": format_value(target, row.unit.strip()),
        "actual": format_value(actual, row.unit.strip()),
        "ratio": format_value(policy.excess_ratio * HUNDRED, "%"),
    }
    overshot = comparator in (scoring.GE, scoring.GT, scoring.EQ) and (
        ZERO < target * policy.excess_ratio <= actual
    )
    return warning(field, "deviation_exceeded" if overshot else "deviation_missed", **values)


def _weights_total(rows: tuple[IndicatorData, ...], context: Context) -> Finding | None:
    """Σ weights + 预算执行率's weight must be 100 (beside the first weight, or the score)."""
    execution = context.policy.execution_weight
    total = execution + sum((row.weight or ZERO for row in rows), ZERO)
    if total == HUNDRED:
        return None
    field = "indicators-0.weight" if rows else "declared_score"
    values = {"total": round_score(total), "execution": round_score(execution)}
    return error(field, "weights_total", **values)


def indicator_findings(rows: tuple[IndicatorData, ...], context: Context) -> list[Finding]:
    """Weights (only when the indicators give the score) and 偏差原因, in cell order."""
    scored = context.basis == INDICATORS
    weights = _weights_total(rows, context) if scored else None
    findings: list[Finding] = [weights] if weights is not None and not rows else []
    for index, row in enumerate(rows):
        key = f"indicators-{index}"
        if scored and row.weight is None:
            name = row.name.strip() or row.level2.strip() or key
            findings.append(error(f"{key}.weight", "weight_missing", name=name))
        if index == 0 and weights is not None:
            findings.append(weights)  # its cell is the first row's weight
        deviation = _deviation_finding(row, key, context)
        if deviation is not None:
            findings.append(deviation)
    return findings

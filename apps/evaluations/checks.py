"""Consistency checks (勾稽) of a project self-evaluation (DESIGN §6, §4): pure, no ORM."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.core.money import format_amount
from apps.evaluations.bounds import weight_in_bounds
from apps.indicators import scoring
from apps.indicators.scoring import ACHIEVED, QUALITATIVE_LABELS, ScoringPolicy, round_score
from apps.indicators.values import (
    ComparatorConflict,
    ParsedValue,
    UnitConflict,
    format_value,
    normalize_unit,
    parse_value,
    reconcile,
)

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
ZERO = Decimal(0)
HUNDRED = Decimal(100)
FUNDING_ORDER = ("total", "fiscal", "fiscal_central", "fiscal_local", "carryover", "other")
COLUMNS = ("initial", "adjusted", "executed")
# Filings copy these into every 偏差原因 cell; beside a missed or overshot target they say nothing.
BOILERPLATE_REASONS = frozenset(
    {"", "无", "/", "／", "—", "——", "-", "--", "－", "已按预算完成目标"}
)


@dataclass(frozen=True)
class FundingInput:
    """One row of the funding table, amounts in 元."""

    source: str
    initial: Decimal | None
    adjusted: Decimal | None
    executed: Decimal | None


@dataclass(frozen=True)
class RowCheckInput:
    """One level-3 indicator row as typed; key names the row's cells in findings."""

    key: str
    level1: str
    level2: str
    name: str
    comparator: str
    target_text: str
    actual_text: str
    unit: str
    weight: Decimal | None
    qualitative_label: str
    qualitative_score: Decimal | None
    not_applicable: bool
    deviation_reason: str
    not_applicable_reason: str = ""


@dataclass(frozen=True)
class ProjectCheckInput:
    """Everything the checks read from a project self-evaluation."""

    funding: tuple[FundingInput, ...]
    split_fiscal: bool
    rows: tuple[RowCheckInput, ...]
    policy: ScoringPolicy
    unit_tolerance: Decimal = Decimal("0")
    amount_unit: str = "元"  # the form's unit: messages show amounts in it
    low_execution_explanation: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem, on the form cell it concerns; errors block submission."""

    severity: Severity
    code: str
    field: str
    message: str


SOURCE_NAMES: dict[str, Promise] = {
    "total": _("total funding"),
    "fiscal": _("current-year fiscal appropriation"),
    "fiscal_central": _("central and provincial subsidies"),
    "fiscal_local": _("local budget funds"),
    "carryover": _("carry-over from last year"),
    "other": _("other funds"),
}
COLUMN_NAMES = {
    "initial": _("initial budget"),
    "adjusted": _("adjusted budget"),
    "executed": _("executed"),
}
# One table, like Django's default_error_messages; keys are codes unless a code has variants.
MESSAGES: dict[str, Promise] = {
    "funding_total_mismatch": _(
        "The %(column)s of the total funding, %(declared)s %(unit)s, does not equal the sum of "
        "its sources, %(sum)s %(unit)s."
    ),
    "executed_above_budget": _(
        "The executed amount of %(source)s, %(executed)s %(unit)s, is above its adjusted budget "
        "of %(adjusted)s %(unit)s. Correct it: spending above the budget does not raise the "
        "score."
    ),
    "budget_missing": _(
        "The adjusted budget of the total funding is missing or zero, so the execution rate "
        "cannot be computed."
    ),
    "low_execution_explanation_missing": _(
        "The execution rate is %(rate)s%%, below %(threshold)s%%. Explain why the funds were "
        "not spent."
    ),
    "not_applicable_not_allowed": _(
        "The finance bureau does not let departments mark “%(name)s” as not applicable: score it "
        "by its values."
    ),
    "not_applicable_reason_missing": _(
        "Give the reason why “%(name)s” is not applicable; the reviewer decides on it."
    ),
    "name_missing": _("Enter the name of the level-3 indicator under “%(level2)s”."),
    "comparator_missing": _("Choose the comparator of “%(name)s”: ≥, ＞, ≤, ＜, = or 定性."),
    "target_missing": _("Enter the target of “%(name)s”."),
    "target_not_number": _("The target of “%(name)s” cannot be read. %(reason)s"),
    "target_conflict": _("The target of “%(name)s” contradicts the rest of its row. %(reason)s"),
    "actual_missing": _("Enter the actual value of “%(name)s”."),
    "actual_not_number": _("The actual value of “%(name)s” cannot be read. %(reason)s"),
    "actual_unit": _(
        "The actual value of “%(name)s” is in “%(typed)s”, but the unit of the row is "
        "“%(unit)s”. Write it in %(unit)s."
    ),
    "weight_missing": _("Enter the weight of “%(name)s”."),
    "weight_out_of_bounds": _(
        "The weight of “%(name)s” is %(weight)s; a weight must be above 0 and at most 100."
    ),
    "amount_negative": _(
        "The %(column)s of %(source)s is %(amount)s %(unit)s; an amount cannot be negative."
    ),
    "target_zero": _(
        "The target of “%(name)s” is 0, which any result meets: with %(comparator)s the target "
        "must be above 0."
    ),
    "qualitative_label_invalid": _(
        "Choose the result of “%(name)s”: 达成年度指标, 部分达成年度指标并具有一定效果 or "
        "未达成年度指标且效果较差."
    ),
    "qualitative_score_missing": _("Choose the score of “%(name)s” within the band of its result."),
    "band_closed": _(
        "The score of “%(name)s”, rated “%(label)s”, must be between %(low)s and %(high)s."
    ),
    "band_open": _(
        "The score of “%(name)s”, rated “%(label)s”, must be between %(low)s and %(high)s, "
        "%(high)s excluded."
    ),
    "deviation_reason_missed": _(
        "“%(name)s” missed its target: %(actual)s against %(target)s. Explain the deviation and "
        "how it will be improved."
    ),
    "deviation_reason_missed_qualitative": _(
        "“%(name)s” was rated “%(label)s”. Explain the deviation and how it will be improved."
    ),
    "deviation_reason_exceeded": _(
        "“%(name)s” reached %(actual)s against a target of %(target)s, %(ratio)s%% of it or "
        "more: the target may have been set too low. Explain the deviation and how it will be "
        "improved."
    ),
    "weights_total": _(
        "The weights add up to %(total)s (budget execution %(execution)s plus the indicator "
        "rows); they must add up to 100."
    ),
    "group_weight_mismatch": _(
        "The weights of the rows under “%(group)s” add up to %(total)s; they must add up to "
        "%(expected)s."
    ),
}


def _finding(code: str, field: str, message: str = "", /, **values: object) -> Finding:
    """Return an error with the message (by default the code's) filled with values."""
    return Finding(ERROR, code, field, str(MESSAGES[message or code]) % values)


def _funding_findings(data: ProjectCheckInput) -> list[Finding]:
    """Check the funding table: total = Σ sources, executed ≤ budget, budget and rate."""
    lines = {line.source: line for line in data.funding}
    sources = ("fiscal_central", "fiscal_local") if data.split_fiscal else ("fiscal",)
    total = lines.get("total", FundingInput("total", None, None, None))
    # Keyed by (row, column) of the cell, so findings come out in the table's print order.
    placed: list[tuple[int, int, Finding]] = []
    for col, column in enumerate(COLUMNS):
        declared = getattr(total, column)
        parts = [getattr(lines[s], column) for s in (*sources, "carryover", "other") if s in lines]
        parts = [part for part in parts if part is not None]
        added = sum(parts, ZERO)
        # Each addend typed from a printed 万元 figure may be off by its rounding.
        slack = data.unit_tolerance * len(parts)
        if (declared is not None or parts) and abs((declared or ZERO) - added) > slack:
            finding = _finding(
                "funding_total_mismatch",
                f"funding.total.{column}",
                column=COLUMN_NAMES[column],
                declared=format_amount(declared or ZERO, data.amount_unit),
                sum=format_amount(added, data.amount_unit),
                unit=data.amount_unit,
            )
            placed.append((0, col, finding))
    for line in data.funding:
        order = (*FUNDING_ORDER, line.source)  # an unknown source sorts last
        for col, column in enumerate(COLUMNS):
            amount = getattr(line, column)
            if amount is not None and amount < ZERO:
                finding = _finding(
                    "amount_negative",
                    f"funding.{line.source}.{column}",
                    column=COLUMN_NAMES[column],
                    source=SOURCE_NAMES.get(line.source, line.source),
                    amount=format_amount(amount, data.amount_unit),
                    unit=data.amount_unit,
                )
                placed.append((order.index(line.source), col, finding))
        if (
            line.executed is not None
            and line.adjusted is not None
            and line.executed > line.adjusted
        ):
            finding = _finding(
                "executed_above_budget",
                f"funding.{line.source}.executed",
                source=SOURCE_NAMES.get(line.source, line.source),
                executed=format_amount(line.executed, data.amount_unit),
                adjusted=format_amount(line.adjusted, data.amount_unit),
                unit=data.amount_unit,
            )
            placed.append((order.index(line.source), 2, finding))
    rate = scoring.execution_rate(total.executed or ZERO, total.adjusted)
    if rate is None and data.rows:
        placed.append((0, 1, _finding("budget_missing", "funding.total.adjusted")))
    elif (explain := _low_execution_finding(data, rate)) is not None:
        placed.append((len(FUNDING_ORDER), 0, explain))  # its cell is below the funding table
    placed.sort(key=lambda item: item[:2])  # stable: rules keep their order within a cell
    return [finding for _row, _col, finding in placed]


def _low_execution_finding(data: ProjectCheckInput, rate: Decimal | None) -> Finding | None:
    """The explanation a bureau asks for below its execution threshold (off without one)."""
    threshold = data.policy.low_execution_explanation_below
    if threshold is None or rate is None or rate >= threshold:
        return None
    if not _is_blank_reason(data.low_execution_explanation):
        return None
    return _finding(
        "low_execution_explanation_missing",
        "low_execution_explanation",
        rate=round_score(rate * HUNDRED),
        threshold=format_value(threshold * HUNDRED, ""),
    )


def _parse(text: str) -> tuple[ParsedValue | None, str]:
    """Return the parsed cell, or None and the reason it cannot be read."""
    try:
        return parse_value(text), ""
    except ValueError as exc:
        return None, str(exc)


def _is_blank_reason(text: str) -> bool:
    """Tell whether a 偏差原因 says nothing."""
    return text.strip().rstrip("。.").strip() in BOILERPLATE_REASONS


def _quantitative_findings(row: RowCheckInput, name: str, policy: ScoringPolicy) -> list[Finding]:
    """Check comparator, target, actual, weight and 偏差原因 of a numeric row, in cell order."""
    key = row.key
    try:
        selected = scoring.normalize_comparator(row.comparator) if row.comparator.strip() else ""
    except ValueError:
        selected = ""
    comparator, unit = selected, normalize_unit(row.unit)
    on_target: list[Finding] = []
    target, reason = _parse(row.target_text)
    if target is None:
        on_target.append(_finding("target_not_number", f"{key}.target", name=name, reason=reason))
    elif target.number is None:
        on_target.append(_finding("target_missing", f"{key}.target", name=name))
    else:
        # Ask about the sign and the unit apart, so a cell wrong in both gets both findings.
        try:
            comparator = reconcile(selected, target, "")[0]
        except ComparatorConflict as exc:
            code = "comparator_mismatch"
            on_target.append(
                _finding(code, f"{key}.target", "target_conflict", name=name, reason=exc)
            )
        try:
            unit = reconcile("", target, row.unit)[1]
        except UnitConflict as exc:
            code = "unit_mismatch"
            on_target.append(
                _finding(code, f"{key}.target", "target_conflict", name=name, reason=exc)
            )
    if target is not None and target.number == ZERO and comparator in (scoring.GE, scoring.GT):
        values = {"name": name, "comparator": comparator}
        on_target.append(_finding("target_zero", f"{key}.target", **values))
    findings = (
        [] if comparator else [_finding("comparator_missing", f"{key}.comparator", name=name)]
    )
    findings += on_target
    actual, reason = _parse(row.actual_text)
    if actual is None:
        findings.append(_finding("actual_not_number", f"{key}.actual", name=name, reason=reason))
    elif actual.number is None:
        findings.append(_finding("actual_missing", f"{key}.actual", name=name))
    elif actual.unit and unit and actual.unit != unit:
        values = {"name": name, "typed": actual.unit, "unit": unit}
        findings.append(_finding("unit_mismatch", f"{key}.actual", "actual_unit", **values))
    findings += _weight_findings_of(row, name)
    goal = target.number if target is not None else None
    done = actual.number if actual is not None else None
    if not comparator or goal is None or done is None or not _is_blank_reason(row.deviation_reason):
        return findings
    if not scoring.needs_deviation_reason(policy, comparator=comparator, target=goal, actual=done):
        return findings
    values = {
        "name": name,
        "target": format_value(goal, unit),
        "actual": format_value(done, unit),
        "ratio": format_value(policy.excess_ratio * HUNDRED, ""),
    }
    overshot = (
        comparator in (scoring.GE, scoring.GT, scoring.EQ)
        and ZERO < goal * policy.excess_ratio <= done
    )
    code = "deviation_reason_exceeded" if overshot else "deviation_reason_missed"
    return [*findings, _finding(code, f"{key}.deviation_reason", **values)]


def _qualitative_findings(row: RowCheckInput, name: str, policy: ScoringPolicy) -> list[Finding]:
    """Check the result, weight, score band and 偏差原因 of a 定性 row, in cell order."""
    key, label, score, weight = (
        row.key,
        row.qualitative_label.strip(),
        row.qualitative_score,
        row.weight,
    )
    findings: list[Finding] = []
    if label not in QUALITATIVE_LABELS:
        findings.append(_finding("qualitative_label_invalid", f"{key}.actual", name=name))
    findings += _weight_findings_of(row, name)
    field = f"{key}.qualitative_score"
    if score is None:
        findings.append(_finding("qualitative_score_missing", field, name=name))
    elif label in QUALITATIVE_LABELS and weight is not None and weight >= ZERO:
        low, high = scoring.qualitative_band(policy, label, weight)
        # A zero-weight row has the one-point band {0}, not an empty one.
        closed = label == ACHIEVED or low == high
        if not (low <= score and (score <= high if closed else score < high)):
            values = {
                "name": name,
                "label": label,
                "low": round_score(low),
                "high": round_score(high),
            }
            band = "band_closed" if closed else "band_open"
            findings.append(_finding("qualitative_score_out_of_band", field, band, **values))
    if label in QUALITATIVE_LABELS and label != ACHIEVED and _is_blank_reason(row.deviation_reason):
        message = "deviation_reason_missed_qualitative"
        field = f"{key}.deviation_reason"
        findings.append(_finding("deviation_reason_missed", field, message, name=name, label=label))
    return findings


def _weight_findings_of(row: RowCheckInput, name: str) -> list[Finding]:
    """Check a row's weight cell: present, above 0 and at most 100 (bounds.py)."""
    if row.weight is None:
        return [_finding("weight_missing", f"{row.key}.weight", name=name)]
    if not weight_in_bounds(row.weight):
        weight = round_score(row.weight)
        return [_finding("weight_out_of_bounds", f"{row.key}.weight", name=name, weight=weight)]
    return []


def _not_applicable_findings(row: RowCheckInput, name: str, policy: ScoringPolicy) -> list[Finding]:
    """A filer's 不适用: allowed by the bureau's policy, and with a reason for the reviewer."""
    if not policy.filers_may_propose_not_applicable:
        return [_finding("not_applicable_not_allowed", f"{row.key}.not_applicable", name=name)]
    if _is_blank_reason(row.not_applicable_reason):
        field = f"{row.key}.not_applicable_reason"
        return [_finding("not_applicable_reason_missing", field, name=name)]
    return []


def _row_findings(row: RowCheckInput, policy: ScoringPolicy) -> list[Finding]:
    """Check one indicator row; a proposed 不适用 row needs its weight and the proposal's rules.

    Such a row counts by its values until a reviewer accepts the proposal, so its other cells
    may stay blank (scoring 0) without being errors.
    """
    name = row.name.strip() or row.level2.strip() or row.key
    if row.not_applicable:
        return _weight_findings_of(row, name) + _not_applicable_findings(row, name, policy)
    findings: list[Finding] = []
    if not row.name.strip():
        findings.append(_finding("name_missing", f"{row.key}.name", level2=row.level2))
    if row.comparator.strip() == scoring.QUALITATIVE:
        return findings + _qualitative_findings(row, name, policy)
    return findings + _quantitative_findings(row, name, policy)


def _table_findings(data: ProjectCheckInput) -> list[Finding]:
    """Check Σ weights = 100 and each level-1 group's rows against the policy's group weight."""
    policy = data.policy
    total = policy.execution_weight + sum((row.weight or ZERO for row in data.rows), ZERO)
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
        added = sum((r.weight or ZERO for r in data.rows if r.level1.strip() == group), ZERO)
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


def summarize(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    severities = [finding.severity for finding in findings]
    return severities.count(ERROR), severities.count(WARNING)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Tell whether any finding blocks submission."""
    return any(finding.severity == ERROR for finding in findings)

"""Checks of one indicator row: numeric or 定性, weight, 偏差原因, proposed 不适用."""

from typing import TYPE_CHECKING

from apps.indicators import scoring
from apps.indicators.scoring import ACHIEVED, QUALITATIVE_LABELS, ScoringPolicy, round_score
from apps.indicators.values import (
    ComparatorConflict,
    UnitConflict,
    format_value,
    normalize_unit,
    reconcile,
)

from ..bounds import weight_in_bounds
from .findings import HUNDRED, ZERO, Finding, RowCheckInput, _finding, _is_blank_reason

if TYPE_CHECKING:  # data.py imports the checks (Computed holds findings): a type only here
    from ..data import RowData


def _quantitative_findings(
    row: "RowData", key: str, name: str, policy: ScoringPolicy
) -> list[Finding]:
    """Check comparator, target, actual, weight and 偏差原因 of a numeric row, in cell order."""
    try:
        selected = scoring.normalize_comparator(row.comparator) if row.comparator.strip() else ""
    except ValueError:
        selected = ""
    comparator, unit = selected, normalize_unit(row.unit)
    on_target: list[Finding] = []
    target = row.parsed_target.value
    if target is None:
        reason = row.parsed_target.problem
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
    actual = row.parsed_actual.value
    if actual is None:
        reason = row.parsed_actual.problem
        findings.append(_finding("actual_not_number", f"{key}.actual", name=name, reason=reason))
    elif actual.number is None:
        findings.append(_finding("actual_missing", f"{key}.actual", name=name))
    elif actual.unit and unit and actual.unit != unit:
        values = {"name": name, "typed": actual.unit, "unit": unit}
        findings.append(_finding("unit_mismatch", f"{key}.actual", "actual_unit", **values))
    findings += _weight_findings_of(row, key, name)
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


def _qualitative_findings(
    row: "RowData", key: str, name: str, policy: ScoringPolicy
) -> list[Finding]:
    """Check the result, weight, score band and 偏差原因 of a 定性 row, in cell order."""
    label, score, weight = row.qualitative_label.strip(), row.qualitative_score, row.weight
    findings: list[Finding] = []
    if label not in QUALITATIVE_LABELS:
        findings.append(_finding("qualitative_label_invalid", f"{key}.actual", name=name))
    findings += _weight_findings_of(row, key, name)
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


def _weight_findings_of(row: "RowData", key: str, name: str) -> list[Finding]:
    """Check a row's weight cell: present, above 0 and at most 100 (bounds.py)."""
    if row.weight is None:
        return [_finding("weight_missing", f"{key}.weight", name=name)]
    if not weight_in_bounds(row.weight):
        weight = round_score(row.weight)
        return [_finding("weight_out_of_bounds", f"{key}.weight", name=name, weight=weight)]
    return []


def _not_applicable_findings(
    row: "RowData", key: str, name: str, policy: ScoringPolicy
) -> list[Finding]:
    """A filer's 不适用: allowed by the bureau's policy, and with a reason for the reviewer."""
    if not policy.filers_may_propose_not_applicable:
        return [_finding("not_applicable_not_allowed", f"{key}.not_applicable", name=name)]
    if _is_blank_reason(row.not_applicable_reason):
        field = f"{key}.not_applicable_reason"
        return [_finding("not_applicable_reason_missing", field, name=name)]
    return []


def _row_findings(placed: RowCheckInput, policy: ScoringPolicy) -> list[Finding]:
    """Check one indicator row; a proposed 不适用 row needs its weight and the proposal's rules.

    Such a row counts by its values until a reviewer accepts the proposal, so its other cells
    may stay blank (scoring 0) without being errors.
    """
    row, key = placed.row, placed.key
    name = row.name.strip() or placed.level2.strip() or key
    if row.not_applicable:
        return _weight_findings_of(row, key, name) + _not_applicable_findings(
            row, key, name, policy
        )
    findings: list[Finding] = []
    if not row.name.strip():
        findings.append(_finding("name_missing", f"{key}.name", level2=placed.level2))
    if row.comparator.strip() == scoring.QUALITATIVE:
        return findings + _qualitative_findings(row, key, name, policy)
    return findings + _quantitative_findings(row, key, name, policy)

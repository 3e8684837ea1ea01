"""Checks of the funding table: total = Σ sources, executed ≤ budget, execution rate."""

from decimal import Decimal

from apps.core.money import format_amount
from apps.indicators import scoring
from apps.indicators.scoring import round_score
from apps.indicators.values import format_value

from .findings import (
    COLUMN_NAMES,
    COLUMNS,
    FUNDING_ORDER,
    HUNDRED,
    SOURCE_NAMES,
    ZERO,
    Finding,
    FundingInput,
    ProjectCheckInput,
    _finding,
    _is_blank_reason,
)


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

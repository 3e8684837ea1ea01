"""收支情况 identities of each institution's row: totals = Σ parts, and the carry-over.

Published 万元 figures round, so an identity holds within the context's tolerance per typed
addend. An identity is checked once its total or any of its parts is typed; blank cells count 0.
The computed total row is the column sums of these rows, so its identities hold whenever the
rows' do: they are reported on the rows, never again on the total.
"""

from collections.abc import Mapping
from decimal import Decimal

from ..bounds import (
    ASSET_PARTS,
    BASIC_PARTS,
    EXPENSE_PARTS,
    FINANCE_COLUMNS,
    INCOME_PARTS,
    THREE_PUBLIC_PARTS,
)
from ..data import Amount, Context, FinanceData
from .findings import ZERO, Finding, error, money

# (total column, its parts): the total's column names its message.
SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("income_total", INCOME_PARTS),
    ("expense_total", EXPENSE_PARTS),
    ("expense_basic", BASIC_PARTS),
    ("three_public_total", THREE_PUBLIC_PARTS),
    ("assets_total", ASSET_PARTS),
)


def _typed(amounts: Mapping[str, Amount], columns: tuple[str, ...]) -> list[Decimal]:
    """The typed amounts among columns (a blank is not entered, not an addend)."""
    return [value for column in columns if (value := amounts.get(column)) is not None]


def total_or_sum(
    amounts: Mapping[str, Amount], total: str, parts: tuple[str, ...]
) -> tuple[Decimal, int]:
    """The declared total, or the sum of its typed parts when it is blank; and its addends."""
    declared = amounts.get(total)
    if declared is not None:
        return declared, 1
    typed = _typed(amounts, parts)
    return sum(typed, ZERO), len(typed)


def _sum_findings(amounts: Mapping[str, Amount], key: str, context: Context) -> list[Finding]:
    """Each typed total against the sum of its typed parts."""
    findings = []
    for total, parts in SUMS:
        declared, typed = amounts.get(total), _typed(amounts, parts)
        if declared is None and not typed:
            continue
        added = sum(typed, ZERO)
        if abs((declared or ZERO) - added) > context.unit_tolerance * len(typed):
            unit = context.amount_unit
            values = {"declared": money(declared, unit), "sum": money(added, unit)}
            findings.append(error(f"{key}.{total}", total, **values))
    return findings


def carryover_findings(
    amounts: Mapping[str, Amount], key: str, context: Context, tolerance: Decimal
) -> list[Finding]:
    """累计结余 = 收入合计 − 支出合计 and 当年结余 = 收入合计 − 上年结转 − 支出合计.

    收入合计 includes 上年结转. When both balances are typed and 累计结余 = 上年结转 + 当年结余,
    the two identities break by the same gap: it is reported once, on 累计结余.
    """
    accumulated, current = amounts.get("balance_accumulated"), amounts.get("balance_current")
    income, income_addends = total_or_sum(amounts, "income_total", INCOME_PARTS)
    expense, expense_addends = total_or_sum(amounts, "expense_total", EXPENSE_PARTS)
    addends = income_addends + expense_addends
    carryover = amounts.get("income_carryover")
    unit = context.amount_unit
    shown = {"income": money(income, unit), "expense": money(expense, unit)}
    findings = []
    accumulated_broken = False
    if accumulated is not None and abs(accumulated - (income - expense)) > tolerance * addends:
        accumulated_broken = True
        values = {"declared": money(accumulated, unit), "expected": money(income - expense, unit)}
        findings.append(
            error(f"{key}.balance_accumulated", "balance_accumulated", **shown, **values)
        )
    if current is not None:
        expected = income - (carryover or ZERO) - expense
        slack = tolerance * (addends + (carryover is not None))
        # 累计结余 = 上年结转 + 当年结余: then 当年结余 is off by the gap already reported.
        same_gap = (
            accumulated_broken
            and accumulated is not None
            and abs((carryover or ZERO) + current - accumulated) <= tolerance * 2
        )
        if abs(current - expected) > slack and not same_gap:
            values = {
                "declared": money(current, unit),
                "carryover": money(carryover, unit),
                "expected": money(expected, unit),
            }
            findings.append(error(f"{key}.balance_current", "balance_current", **shown, **values))
    return findings


def row_findings(amounts: Mapping[str, Amount], key: str, context: Context) -> list[Finding]:
    """The identities of one 收支情况 row, in the order of its columns."""
    findings = _sum_findings(amounts, key, context)
    findings += carryover_findings(amounts, key, context, context.unit_tolerance)
    # sorted() is stable: two findings on one cell keep the order of the rules.
    return sorted(findings, key=lambda finding: column_index(finding.field))


def column_index(field: str) -> int:
    """The position of a finance cell's column in the printed row."""
    return FINANCE_COLUMNS.index(field.rsplit(".", 1)[1])


def finance_findings(rows: tuple[FinanceData, ...], context: Context) -> list[Finding]:
    """The identities of every institution's row, row by row."""
    findings: list[Finding] = []
    for index, row in enumerate(rows):
        findings += row_findings(row.amounts, f"finance-{index}", context)
    return findings

"""The 支付明细表's checks (pure): 合计 = Σ rows, 使用金额 = the project's 全年执行数, 使用比例."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .figures import percent, wan

COLUMNS = ("budget", "applied", "used")
# Published figures are rounded to 0.01 万元 (100 元) per addend (DESIGN §6).
PER_ADDEND = Decimal(100)


@dataclass(frozen=True)
class Payment:
    name: str = ""
    budget: Decimal | None = None
    applied: Decimal | None = None
    used: Decimal | None = None


@dataclass(frozen=True)
class PaymentFinding:
    field: str  # payments-total-used, payments-2-name …
    message: str


def column_label(column: str) -> str:
    return {"budget": "预算金额", "applied": "申请金额", "used": "使用金额"}[column]


def use_ratio(row: Payment) -> Decimal | None:
    """使用比例 = 使用金额 ÷ 预算金额."""
    if row.used is None or not row.budget:
        return None
    return row.used / row.budget


def sums(rows: Sequence[Payment]) -> Payment:
    """Σ of the rows per column; None where no row has a figure."""
    found: dict[str, Decimal | None] = {}
    for column in COLUMNS:
        values = [value for row in rows if (value := getattr(row, column)) is not None]
        found[column] = sum(values, Decimal(0)) if values else None
    return Payment(name="合计", **found)


def payment_findings(
    rows: Sequence[Payment], total: Payment | None, executed: Decimal | None
) -> list[PaymentFinding]:
    """What is wrong with a 支付明细表, each said next to its cell."""
    found = []
    for index, row in enumerate(rows):
        if not row.name.strip() and any(getattr(row, c) is not None for c in COLUMNS):
            found.append(
                PaymentFinding(f"payments-{index}-name", _("Name the item this row pays for."))
            )
    computed = sums(rows)
    tolerance = PER_ADDEND * max(len(rows), 1)
    for column in COLUMNS:
        typed = getattr(total, column) if total is not None else None
        summed = getattr(computed, column)
        if typed is not None and summed is not None and abs(typed - summed) > tolerance:
            found.append(
                PaymentFinding(
                    f"payments-total-{column}",
                    _(
                        "The total %(column)s is %(typed)s 万元, "
                        "but its rows add up to %(sum)s 万元."
                    )
                    % {"column": column_label(column), "typed": wan(typed), "sum": wan(summed)},
                )
            )
    used = total.used if total is not None and total.used is not None else computed.used
    if used is not None and executed is not None and abs(used - executed) > tolerance:
        found.append(
            PaymentFinding(
                "payments-total-used",
                _(
                    "The amounts used add up to %(used)s 万元, but the self-evaluation table's "
                    "全年执行数 is %(executed)s 万元."
                )
                % {"used": wan(used), "executed": wan(executed)},
            )
        )
    return found


def shown_ratio(row: Payment) -> str:
    return percent(use_ratio(row))

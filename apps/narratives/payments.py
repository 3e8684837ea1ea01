"""The 支付明细表 between its stored rows, the plain values the checks read, and the form."""

from collections.abc import Sequence

from .checks import Payment
from .models import PaymentRow


def as_payment(row: PaymentRow) -> Payment:
    return Payment(name=row.name, budget=row.budget, applied=row.applied, used=row.used)


def as_payments(
    rows: Sequence[PaymentRow], total: PaymentRow | None
) -> tuple[list[Payment], Payment | None]:
    return [as_payment(row) for row in rows], (as_payment(total) if total is not None else None)

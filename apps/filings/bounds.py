"""Bounds of the summary a filing keeps of its last save: the execution rate and the total.

Every kind stores its result in these columns (Filing.execution_rate, Filing.total_score);
the columns are declared from these constants and carry CHECK constraints built from them.
"""

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
# Filing.execution_rate: executed ÷ adjusted budget as a fraction, four decimals.
RATE_DIGITS, RATE_PLACES = 9, 4
RATE_MAX = Decimal(10) ** (RATE_DIGITS - RATE_PLACES) - Decimal(1).scaleb(-RATE_PLACES)
# Filing.total_score: a total out of 100 when the weights are right; never negative.
TOTAL_DIGITS, TOTAL_PLACES = 6, 2
TOTAL_MAX = Decimal(10) ** (TOTAL_DIGITS - TOTAL_PLACES) - Decimal(1).scaleb(-TOTAL_PLACES)


def stored_rate(rate: Decimal | None) -> Decimal | None:
    """The execution rate the filing keeps: rounded to its column, null when it cannot fit.

    An executed amount above the budget is already an error on its cell (DESIGN §4); a rate
    that still fits (e.g. 1.25) is kept as it informs the reviewer, one beyond the column
    (a budget of one fen) means nothing and is stored as null rather than clamped.
    """
    if rate is None:
        return None
    rounded = rate.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_HALF_UP)
    return rounded if ZERO <= rounded <= RATE_MAX else None


def stored_total(total: Decimal | None) -> Decimal | None:
    """The total the filing keeps: null when it cannot fit its column (weights far above 100)."""
    if total is None:
        return None
    return total if ZERO <= total <= TOTAL_MAX else None

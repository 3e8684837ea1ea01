"""Bounds of what a department types into the disclosure tables (决算公开表)."""

from decimal import Decimal

from apps.core.models import AMOUNT_MAX

ZERO = Decimal(0)
# Amounts in 元: 0 to the largest amount a column holds, rounded half up to the fen.
AMOUNT_MIN = ZERO
AMOUNT_LIMIT = AMOUNT_MAX
FEN = Decimal("0.01")
# Counts of 公开09's 相关统计数 (团组, 人次, 辆, 批次).
COUNT_LIMIT = Decimal(1_000_000)
# Rows a coded table (公开02, 03, 05, 06) may hold, and the length of a typed name.
MAX_ROWS = 2000
NAME_LIMIT = 200
# A disclosure upload of an .xlsx at most this many bytes (the shared reader's limit applies).

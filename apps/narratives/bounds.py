"""How much a report may hold: one place for the form, the service and the columns."""

from apps.core.models import AMOUNT_MAX

SECTION_CHARS = 20000
NAME_CHARS = 200
OUTLINE_CHARS = 10000
MAX_PAYMENT_ROWS = 50
# Amounts of the 支付明细表 are typed in 万元 (as the seeds print it) and stored in 元.
AMOUNT_LIMIT = AMOUNT_MAX

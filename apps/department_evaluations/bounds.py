"""Bounds of what a filer types in a department self-evaluation: one place for the form,
the service and the columns (amounts and scores share the project kind's limits)."""

from decimal import Decimal

from apps.core.models import AMOUNT_MAX

ZERO = Decimal(0)
AMOUNT_LIMIT = AMOUNT_MAX
SCORE_MAX = Decimal(100)
HEADCOUNT_MAX = 1_000_000
# Rows of each repeated section a filing may hold.
MAX_ROWS = 200

TEXT_LIMITS = {
    "duties": 10000,
    "main_work": 10000,
    "overall_performance": 10000,
    "overall_goal": 10000,
    "goal_basis": 5000,
    "satisfaction": 5000,
    "notes": 5000,
    "long": 10000,
    "reason": 2000,
}

INCOME_PARTS = (
    "income_carryover",
    "income_fiscal",
    "income_fund",
    "income_special",
    "income_superior",
    "income_business",
    "income_other",
)
EXPENSE_PARTS = ("expense_basic", "expense_project", "expense_other")
BASIC_PARTS = ("expense_personnel", "expense_public")
THREE_PUBLIC_PARTS = ("reception", "vehicle_operation", "vehicle_purchase", "overseas")
ASSET_PARTS = ("assets_in_use", "assets_rented", "assets_other")
BALANCE_COLUMNS = ("balance_current", "balance_accumulated")
FINANCE_COLUMNS = (
    "income_total",
    *INCOME_PARTS,
    "expense_total",
    *EXPENSE_PARTS,
    *BASIC_PARTS,
    *BALANCE_COLUMNS,
    "three_public_total",
    *THREE_PUBLIC_PARTS,
    "assets_total",
    *ASSET_PARTS,
)

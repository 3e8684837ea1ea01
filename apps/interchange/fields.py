"""The fields of each record of the interchange format, version 1 (docs/interchange.md).

Every record lists its fields explicitly here, never "all model fields", so a document of
version 1 stays what the documentation says when a model grows a field. Besides these, each
record carries its references (by natural key or ref) and created_at/updated_at.
"""

BUREAU = ("region_code", "name", "level", "requires_head_approval", "reminder_days")
FISCAL_YEAR = ("year", "filing_opens", "filing_closes", "status")
DEPARTMENT = (
    "budget_code",
    "name",
    "nature",
    "contact_person",
    "contact_phone",
    "authorized_headcount",
)
PROJECT = (
    "code",
    "name",
    "competent_department",
    "implementing_unit",
    "initial_budget",
    "adjusted_budget",
)
USER = ("username", "full_name", "first_name", "last_name", "email", "phone")
CATEGORY = ("name", "position", "in_standard_tree")
RUBRIC = ("name", "version")
RUBRIC_ITEM = (
    "position",
    "level1",
    "level2",
    "level3",
    "weight",
    "explanation",
    "standard",
    "whole",
    "sample",
    "qualitative",
    "quantitative",
    "is_deduction",
    "computation",
    "note",
)
POLICY = (
    "framework",
    "execution_weight",
    "reverse_formula",
    "qualitative_high_floor",
    "qualitative_mid_floor",
    "excess_ratio",
    "rescale_not_applicable",
    "filers_may_propose_not_applicable",
    "low_execution_explanation_below",
    "grade_excellent",
    "grade_good",
    "grade_pass",
    "cap_rate_below",
    "cap_max_total",
    "split_fiscal_funding",
    "amount_unit",
    "layout",
    "department_basis",
)
OUTLINE = ("filing_kind", "text")
FILING = (
    "kind",
    "status",
    "reopened",
    "reopened_until",
    "version",
    "total_score",
    "grade",
    "execution_rate",
    "error_count",
    "warning_count",
)
SNAPSHOT = ("version",)
REVISION = ("number", "total_score", "grade")
EVENT = ("action", "from_status", "to_status", "reason", "reopened_until")
ASSIGNMENT: tuple[str, ...] = ()
REVIEW = ("decision", "comment", "total_score", "grade", "decided_at")
ROW_REVIEW = ("score", "comment", "not_applicable")
SECTION = ("key", "body")
PAYMENT = ("position", "is_total", "name", "budget", "applied", "used")
EVIDENCE = ("original_name", "size", "content_type", "sha256", "description")
EVIDENCE_EVENT = ("action", "original_name", "size", "sha256")


PROJECT_EVALUATION = ("goal_expected", "goal_actual", "notes", "low_execution_explanation")
DEPARTMENT_EVALUATION = (
    "evaluation_method",
    "evaluation_agency",
    "report_date",
    "prepared_by",
    "contact_person",
    "contact_phone",
    "authorized_headcount",
    "actual_headcount",
    "duties",
    "main_work",
    "overall_performance",
    "overall_goal",
    "goal_basis",
    "satisfaction",
    "notes",
    "three_public_last_year",
    "executed_by_june",
    "executed_by_september",
    "executed_by_november",
    "declared_score",
    "declared_grade",
)
FINANCE = (
    "position",
    "name",
    *(f"income_{n}" for n in ("total", "carryover", "fiscal", "fund", "special")),
    *(f"income_{n}" for n in ("superior", "business", "other")),
    *(f"expense_{n}" for n in ("total", "basic", "personnel", "public", "project", "other")),
    "balance_current",
    "balance_accumulated",
    "three_public_total",
    "reception",
    "vehicle_operation",
    "vehicle_purchase",
    "overseas",
    *(f"assets_{n}" for n in ("total", "in_use", "rented", "other")),
)
INDICATOR = (
    "position",
    "name",
    "comparator",
    "target_text",
    "unit",
    "actual_text",
    "weight",
    "qualitative_label",
    "qualitative_score",
    "deviation_reason",
    "score",
)

TASK = (
    "position",
    "name",
    "level",
    "content",
    "approved_total",
    "approved_fiscal",
    "approved_other",
    "actual",
    "low_reason",
)
FUNDING = ("source", "initial", "adjusted", "executed")
RUBRIC_SCORE = ("score", "note")

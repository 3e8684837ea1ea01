"""Plain values of a department self-evaluation, what the system knows besides, and results.

`DepartmentData` is what the department typed (amounts in 元); `Context` is what the bureau and
the system add (the year's policy, the 打分表 version, the department's projects, last year's
三公经费); `Computed` is what compute.py derives from both. The form, the save, the checks, the
review sheet, the demo and the printout all pass these, never the models.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from apps.indicators import scoring
from apps.indicators.values import ParsedValue, parse_value

Amount = Decimal | None


@dataclass(frozen=True)
class FinanceData:
    """收支情况 of one institution; `amounts` holds every column of bounds.FINANCE_COLUMNS."""

    name: str
    amounts: dict[str, Amount] = field(default_factory=dict)
    unit_id: int | None = None
    row_id: int | None = None

    def get(self, column: str) -> Amount:
        return self.amounts.get(column)


@dataclass(frozen=True)
class GoalData:
    expected: str
    achieved: str = ""
    period: str = ""
    row_id: int | None = None


@dataclass(frozen=True)
class TaskData:
    name: str
    level: str = ""
    content: str = ""
    approved_total: Amount = None
    approved_fiscal: Amount = None
    approved_other: Amount = None
    actual: Amount = None
    low_reason: str = ""
    row_id: int | None = None


@dataclass(frozen=True)
class IndicatorData:
    """A 定量目标 row; level1/level2 are its category's names (the category holds them)."""

    category_id: int
    level1: str
    level2: str
    name: str = ""
    comparator: str = ""
    target_text: str = ""
    unit: str = ""
    actual_text: str = ""
    weight: Decimal | None = None
    qualitative_label: str = ""
    qualitative_score: Decimal | None = None
    deviation_reason: str = ""
    row_id: int | None = None

    def number(self, text: str) -> Decimal | None:
        """The number in a target or actual cell (None when blank or not a number)."""
        try:
            value: ParsedValue = parse_value(text)
        except ValueError:
            return None
        return value.number

    @property
    def target(self) -> Decimal | None:
        return self.number(self.target_text)

    @property
    def actual(self) -> Decimal | None:
        return self.number(self.actual_text)


@dataclass(frozen=True)
class OutputData:
    section: str  # OutputItem.Section: "product" or "benefit"
    name: str
    plan: str = ""
    actual: str = ""
    row_id: int | None = None


@dataclass(frozen=True)
class EvaluatorData:
    name: str
    title: str = ""
    unit: str = ""
    row_id: int | None = None


@dataclass(frozen=True)
class RubricLine:
    """What the department typed on one 打分表 row: its 自评打分 (or deduction) and 备注."""

    item_id: int
    score: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class DepartmentData:
    """Everything a department types in its self-evaluation."""

    evaluation_method: str = ""
    evaluation_agency: str = ""
    report_date: date | None = None
    prepared_by: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    authorized_headcount: int | None = None
    actual_headcount: int | None = None
    duties: str = ""
    main_work: str = ""
    overall_performance: str = ""
    overall_goal: str = ""
    goal_basis: str = ""
    satisfaction: str = ""
    notes: str = ""
    three_public_last_year: Amount = None
    executed_by_june: Amount = None
    executed_by_september: Amount = None
    executed_by_november: Amount = None
    declared_score: Decimal | None = None
    declared_grade: str = ""
    finance: tuple[FinanceData, ...] = ()
    goals: tuple[GoalData, ...] = ()
    tasks: tuple[TaskData, ...] = ()
    indicators: tuple[IndicatorData, ...] = ()
    outputs: tuple[OutputData, ...] = ()
    evaluators: tuple[EvaluatorData, ...] = ()
    rubric: tuple[RubricLine, ...] = ()


@dataclass(frozen=True)
class RubricItemData:
    """One row of the 打分表 version the filing is scored by (indicators.RubricItem)."""

    item_id: int
    level1: str
    level2: str
    level3: str
    weight: Decimal
    explanation: str = ""
    standard: str = ""
    whole: bool = False
    sample: bool = False
    qualitative: bool = False
    quantitative: bool = False
    is_deduction: bool = False
    computation: str = ""  # RubricItem.Computation
    note: str = ""


@dataclass(frozen=True)
class QuantityTarget:
    """A 数量指标 row of a filing: comparator, target and actual numbers (None: unreadable)."""

    comparator: str
    target: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class ProjectFacts:
    """What the department's project self-evaluations of the year say, in 元."""

    count: int = 0  # project filings of the department and year
    executed: Decimal | None = None  # Σ 全年执行数 of their 年度资金总额 (None: no figure)
    quantity_targets: tuple[QuantityTarget, ...] = ()  # their 数量指标 rows
    # Per project filing: (全年预算数, 全年执行数) of its 年度资金总额.
    budgets: tuple[tuple[Amount, Amount], ...] = ()


@dataclass(frozen=True)
class Context:
    """What the bureau and the system add to the typed data."""

    policy: scoring.ScoringPolicy
    basis: str  # ScoringPolicy.DepartmentBasis: "indicators", "rubric" or "declared"
    rubric: tuple[RubricItemData, ...] = ()
    projects: ProjectFacts = ProjectFacts()
    last_year_three_public: Amount = None  # Σ 三公经费 of last year's filing, if there is one
    amount_unit: str = "万元"
    unit_tolerance: Decimal = Decimal(100)  # 0.01 万元 in 元, per addend


@dataclass(frozen=True)
class Figure:
    """A figure the system computes: its value, the formula beside it, and the inputs shown."""

    key: str
    label: str  # the printed name: 预算执行率 …
    value: Decimal | None  # a fraction for rates
    formula: str  # in words: 支出合计 ÷ 收入合计
    shown: str = ""  # the value as the page prints it ("95.06%"); "" when not computable


FIGURE_KEYS = (
    "execution_rate",  # 预算执行率 = 支出合计 ÷ 收入合计
    "headcount_rate",  # 在职人员控制率 = 实有人数 ÷ 人员编制
    "three_public_change",  # "三公经费"变动率 = (本年 − 上年) ÷ 上年
    "balance_rate",  # 结转结余率 = 累计结余 ÷ 支出合计
    "project_execution",  # Σ 项目执行数 ÷ 项目支出
)


@dataclass(frozen=True)
class RubricOutcome:
    """One 打分表 row worked out: the system's value (None: not computable), why, and the score
    that counts (the computed one where there is one, else what the department typed)."""

    item_id: int
    computed: Decimal | None
    detail: str  # how the computed value came about ("2/3 个数量指标达到预期"), "" for none
    score: Decimal | None  # the 自评打分 that counts (a deduction for a deduction row)


@dataclass(frozen=True)
class Scores:
    """Everything computed before the checks run; `Computed` adds the findings."""

    total_row: dict[str, Amount]  # Σ of the institutions' rows per column (None: no figure)
    figures: dict[str, Figure]  # by FIGURE_KEYS
    rubric: dict[int, RubricOutcome]  # by RubricItemData.item_id
    indicator_scores: tuple[Decimal | None, ...]  # per indicator row (None: unscored)
    total: Decimal | None  # 综合得分 by the rules, rounded; None when the basis is "declared"
    grade: str  # of `total` ("" when there is none)
    sheet: scoring.SheetResult | None = None  # basis "rubric"
    result: scoring.EvaluationResult | None = None  # basis "indicators"

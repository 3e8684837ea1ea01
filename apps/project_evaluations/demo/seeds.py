"""The shapes the demo data is written in, and the level-1 names the seeds print."""

from dataclasses import dataclass
from decimal import Decimal

from apps.budgets.demo import BureauSeed
from apps.indicators.models import (
    ScoringPolicy,
)
from apps.indicators.scoring import GE

from ..data import FundingData
from ..models import FundingLine

S = FundingLine.Source
WAN = ScoringPolicy.AmountUnit.WAN
YUAN = ScoringPolicy.AmountUnit.YUAN


@dataclass(frozen=True)
class RowSeed:
    """One printed indicator row; target and actual are the cells' text as printed."""

    level1: str
    level2: str
    name: str
    comparator: str = GE
    target: str = ""
    unit: str = ""
    actual: str = ""
    weight: Decimal | None = None
    qualitative_label: str = ""
    # A 定性 row's score: points within its weight, or its 完成率 (%) in a layout without points.
    qualitative_score: Decimal | None = None
    deviation_reason: str = ""


@dataclass(frozen=True)
class EvaluationSeed:
    project: str
    goal_expected: str
    goal_actual: str
    funding: tuple[FundingData, ...]
    rows: tuple[RowSeed, ...]


@dataclass(frozen=True)
class LibrarySeed:
    level1: str
    level2: str
    name: str
    comparator: str
    target: str = ""
    unit: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class PolicySeed:
    amount_unit: str
    split_fiscal_funding: bool
    # True: the national level-1 weights (产出 50, 效益 30, 满意度 10); False: none at all,
    # the Sichuan way (10 for execution + 90 spread freely over the level-3 rows).
    national_group_weights: bool
    # The province's layout of the table (apps.indicators.layouts.project).
    layout: str = ""


@dataclass(frozen=True)
class DepartmentEvaluationsSeed:
    bureau: BureauSeed
    department: str
    policy: PolicySeed
    evaluations: tuple[EvaluationSeed, ...]
    library: tuple[LibrarySeed, ...]


# ---------------------------------------------------------------------------------------------
# Seed 002: 峨边彝族自治县信访局, 2023 (附件2–4). Columns: 一级指标 | 二级指标 | 目标指标 (the
# level-3 name) | 目标值 (target) | 业绩指标 (actual) | 完成率. No 分值 and no 得分 column: every
# weight is left empty, and the checks ask for each one. 完成率 has no cell of its own: on a
# 定性 row it chooses the result (100% → 达成年度指标), on a numeric row the engine recomputes
# it from target and actual. No 指标性质 column either: see _ebian_row.
# ---------------------------------------------------------------------------------------------

INPUT = "投入与管理"
OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"

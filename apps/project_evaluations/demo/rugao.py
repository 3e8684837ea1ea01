"""如皋市信访局 2020 (seed 004): the seven projects of its 绩效评价报告, no table printed.

Seed 004 prints no 项目支出绩效自评表: each report says, under 一 项目情况, the amount used
(“2020年度领导接访费用5万元使用完毕”), which is the 全年执行数. The budgets are the projects'
(apps.budgets.demo.RUGAO: the amount used, and 100 万元 for 信访救助专项资金, “安排信访救助专项
资金100万元”, of which 85.62 万元 were used). Each amount stands on 年度资金总额 and, as a new
filing starts, on 当年财政拨款: every report is of a line of the city's 2020 budget, and none
names 上年结转 or 其他资金 (printed as empty rows of the national form). No 年度总体目标 and no
indicator row is printed, so none is entered: the checks then ask for the weights the form
lacks (Σ 分值 and the level-1 groups), as they would of a filer who typed only the funding.
"""

from apps.budgets.demo import RUGAO, wan

from ..data import FundingData
from .seeds import EvaluationSeed, S

DEPARTMENT = "如皋市信访局"


def _rugao_funding(project: str, used: str) -> tuple[FundingData, ...]:
    """年度资金总额 and 当年财政拨款 with the project's budget and the amount used, in 元."""
    (department,) = (d for d in RUGAO.departments if d.name == DEPARTMENT)
    seed = next(p for p in department.projects if p.name == project)
    amounts = {
        "initial": seed.initial_budget,
        "adjusted": seed.adjusted_budget,
        "executed": wan(used),
    }
    return (
        FundingData(S.TOTAL, **amounts),
        FundingData(S.FISCAL, **amounts),
        FundingData(S.CARRYOVER),
        FundingData(S.OTHER),
    )


def _rugao(project: str, used: str) -> EvaluationSeed:
    return EvaluationSeed(
        project=project,
        goal_expected="",
        goal_actual="",
        funding=_rugao_funding(project, used),
        rows=(),
    )


# (project, 万元 used as its report prints it; seed 004 lines 5, 21, 37, 53, 77, 87, 103)
RUGAO_EVALUATIONS: tuple[EvaluationSeed, ...] = (
    _rugao("领导接访费用", "5"),
    _rugao("处理越访、突发事件及办信", "2.97"),
    _rugao("法治宣传教育经费", "4.46"),
    _rugao("信访救助专项资金", "85.62"),
    _rugao("驻京驻宁导访费用", "65"),
    _rugao("复查、督办专项经费", "2"),
    _rugao("办公设备购置", "1.08"),
)

"""Demo project self-evaluations: the 项目支出绩效自评表 of seeds 002 and 003, entered as printed.

Every cell is typed the way the seed prints it, mistakes included: sentences in quantity cells,
missing weights, weights that do not add up to 100, a boilerplate 偏差原因 beside an overshot
target. The engine and the checks then say what they say about them; nothing computed is set
by hand. How each ambiguous printed cell was read is written beside it.

Run after apps.budgets.demo.demo_load, which creates the bureaus, years and projects.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import models, transaction

from apps.budgets.demo import EBIAN, YUXI, BureauSeed, wan
from apps.budgets.models import FiscalYear, Project
from apps.indicators import scoring
from apps.indicators.models import (
    IndicatorCategory,
    LibraryIndicator,
    PolicyGroupWeight,
    ScoringPolicy,
)
from apps.indicators.scoring import ACHIEVED, EQ, GE, LE, NOT_ACHIEVED, QUALITATIVE
from apps.indicators.services import (
    STANDARD_TREE,
    scoring_policy_ensure,
    taxonomy_ensure_standard,
)
from apps.organizations.models import FinanceBureau

from .checks import Finding, summarize
from .data import EvaluationData, FundingData, RowData
from .models import Filing, FundingLine, ProjectEvaluation
from .services import (
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
)

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


def _ebian_qualitative(
    level2: str, name: str, target: str, actual: str, completion: str
) -> RowSeed:
    """A 投入与管理 row whose 目标值 is a word (合理, 健全, 规范…): a 定性 row.

    完成率 100% is 达成年度指标. 完成率 0 is printed on the seven 实施管理 rows of all three
    tables, beside an 业绩指标 of 100%. Read literally, 0 completion is 未达成年度指标且效果较差,
    and that is what is entered: the checks then ask for the 偏差原因 the form leaves blank,
    which is the question a reviewer would ask about a printed 0. The other readings were
    rejected: 不适用 is the bureau's call, not the filer's (DESIGN §4), and with no weights
    anywhere it would rescale the total to 100 on the execution rate alone; leaving the result
    empty would hide the printed 0. No score is printed, so none is chosen.
    """
    label = {"100%": ACHIEVED, "0": NOT_ACHIEVED}[completion]
    return RowSeed(INPUT, level2, name, QUALITATIVE, target, "", actual, qualitative_label=label)


def _ebian_equal(level2: str, name: str, printed_target: str, actual: str) -> RowSeed:
    """A row whose 目标值 is printed "=100": comparator "=" and target "100", no unit printed."""
    comparator, target = printed_target[0], printed_target[1:]
    return RowSeed(INPUT, level2, name, comparator, target, "", actual)


def _ebian_row(level1: str, level2: str, name: str, target: str, actual: str) -> RowSeed:
    """A 产出/效益/满意度 row: sentences where numbers belong, kept as printed.

    The form prints no 指标性质. These rows sit under quantity indicators, so they are numeric
    rows (not 定性, which would hide that no number was given): ≥ (正向) for 数量, 质量, 效益
    and 满意度; ≤ (反向) for 时效 (a deadline) and 成本 (a ceiling on the funds), the way
    the national template signs them.
    """
    comparator = LE if level2 in ("时效指标", "成本指标") else GE
    return RowSeed(level1, level2, name, comparator, target, "", actual)


# The 投入与管理 block is printed identically in all three tables.
EBIAN_MANAGEMENT_ROWS: tuple[RowSeed, ...] = (
    _ebian_qualitative("投入管理", "预算编制合理性", "合理", "100%", "100%"),
    _ebian_equal("投入管理", "预算执行率", "=100", "100"),
    _ebian_equal("投入管理", "预算资金到位率", "=100", "100"),
    _ebian_qualitative("财务管理", "财务管理制度健全性", "健全", "100%", "100%"),
    _ebian_qualitative("财务管理", "财务监控有效性", "有效", "100%", "100%"),
    _ebian_qualitative("财务管理", "资金使用规范性", "规范", "100%", "100%"),
    _ebian_qualitative("实施管理", "供应商资质符合程度", "符合", "100%", "0"),
    _ebian_qualitative("实施管理", "合同管理完备性", "完备", "100%", "0"),
    _ebian_qualitative("实施管理", "监理规范性", "规范", "100%", "0"),
    _ebian_qualitative("实施管理", "系统运维规范性", "规范", "100%", "0"),
    _ebian_qualitative("实施管理", "项目管理制度健全性", "健全", "100%", "0"),
    _ebian_qualitative("实施管理", "项目验收规范性", "规范", "100%", "0"),
    _ebian_qualitative("实施管理", "政府采购规范性", "规范", "100%", "0"),
    # 资产管理 is printed as a level-2 cell with every other cell empty: entered as the empty
    # row a blank form starts with, so the checks ask for its name, target and actual.
    RowSeed(INPUT, "资产管理", ""),
)

STABILITY_GOAL = (
    "督查督办信访件260件；信访案带案下访200次，参与重大活动信访工作30次；敏感时期、重要时间节点"
    "信访稳定工作50次；处置群体性、突发性事件20次，促进社会环境和谐。"
)
STABILITY_WORK = (
    "1.完成全国及省市县四级召开“两会”期间8次的信访稳定工作。2.全年完成来访群众接待735件次，"
    "来信25件次。3.下乡督导、检查169次，带案下访63次。4.化解信访积案6件。5.完成领导接访、下访"
    "278次；参加全国、省、市政策、业务培训6次。6.处理突发性、群体性事件42次；参加重要节点、敏感"
    "时期、重大活动信访维稳21次。7.完成市信联办派驻到省到京常规性值班工作：驻蓉2个月，驻京5个月"
    "协助省信访局开展信访工作。8.完成县委政府交办的38户帮扶任务和常态化城乡环境治理工作及其他交办"
    "的临时性工作任务。"
)
HOTLINE_GOAL = (
    "保障心连心热线服务平台的正常运行，确保“12345”热线服务的正常接收及受理、交办、回访，有力维护"
    "群众权益，提升群众满意度。"
)
HOTLINE_DONE = (
    "2023年心连心热线服务平台维护和通信费支出0.89万元，该项目主要是保障全年心连心服务热线平台的"
    "运行维护和通信，切实帮助群众排忧解难。2023年受理心连心热线4216件，并进行转交办，受理率、办结"
    "率、回复率均为100%， 获得表扬件6件，完成45期周报编发，上报市局经典案例46篇，在市委、市政府，"
    "峨边门户网发布热线信息309件，乡镇和部门参与心连心直播现场连线22场。2023年度被市政府评为乐山"
    "市人民群众最满意区县，有力维护群众权益，提升群众满意度。"
)
SUNSHINE_GOAL = (
    "保障全年阳光信访、领导视频接访和网络投诉平台的正常运行，畅通信访渠道，增加信访工作人员业务"
    "素质和工作水平，提升群众和服务对象满意度。"
)
SUNSHINE_DONE = (
    "2023年阳光信访、领导视频接访网络服务费支出1.62万元，该项目主要是全年保障网上投诉平台的正常"
    "运行，畅通信访渠道。完成278人次县领导视频接访，参加全国省市各类信访工作会6次、业务培训会10次"
    "、传达国家信访政策3次。受理群众网上来信63件，受理率、办结率为100%，满意率为98%。为2023年的"
    "信访工作提供了有力保证。"
)
STABILITY_QUALITY = "维护社会稳定，促进社会和谐。"


def _ebian_funding(amount: str) -> tuple[FundingData, ...]:
    """The Sichuan funding table: only 全年预算数 and 全年执行数 are printed, no 年初预算数.

    年度资金总额 and 县级预算资金 carry the amount (万元, × 10000); 中省补助资金 and 其他资金
    are printed empty; the form has no 上年结转资金 row.
    """
    return (
        FundingData(S.TOTAL, adjusted=wan(amount), executed=wan(amount)),
        FundingData(S.FISCAL_CENTRAL),
        FundingData(S.FISCAL_LOCAL, adjusted=wan(amount), executed=wan(amount)),
        FundingData(S.OTHER),
    )


EBIAN_EVALUATIONS: tuple[EvaluationSeed, ...] = (
    EvaluationSeed(
        project="信访稳定经费",
        goal_expected=STABILITY_GOAL,
        goal_actual="2023年工作完成情况：" + STABILITY_WORK,
        funding=_ebian_funding("32"),
        rows=(
            *EBIAN_MANAGEMENT_ROWS,
            # The 目标指标 cell repeats the whole 预期目标 sentence, and so does 目标值.
            _ebian_row(OUTPUT, "数量指标", STABILITY_GOAL, STABILITY_GOAL, STABILITY_WORK),
            _ebian_row(
                OUTPUT,
                "质量指标",
                STABILITY_QUALITY,
                STABILITY_QUALITY,
                "2023年该项工作的完成质量均达到优，有力促进了社会的和谐稳定。",
            ),
            _ebian_row(
                OUTPUT,
                "时效指标",
                "完成信访稳定工作的时限要求",
                "2023年12月底",
                "已在2023年12月全面完成该项工作。",
            ),
            _ebian_row(
                OUTPUT,
                "成本指标",
                "完成信访稳定工作急需资金",
                "完成信访稳定工作预计共需资金32万元。",
                "完成2023年信访稳定工作共支出资金32万元。",
            ),
            _ebian_row(
                BENEFIT,
                "社会效益指标",
                "提升群众满意度",
                "提升群众满意度100%",
                "2023年信访稳定工作提升群众满意度达100%",
            ),
            _ebian_row(
                SATISFACTION,
                "满意度指标",
                "提升服务对象满意度",
                "提升群众满意度95%",
                "提升服务对象满意度98%",
            ),
        ),
    ),
    EvaluationSeed(
        project="心连心热线服务平台维护和通信费",
        goal_expected=HOTLINE_GOAL,
        goal_actual=HOTLINE_DONE,
        funding=_ebian_funding("0.89"),
        rows=(
            *EBIAN_MANAGEMENT_ROWS,
            _ebian_row(OUTPUT, "数量指标", HOTLINE_GOAL, HOTLINE_GOAL, HOTLINE_DONE),
            _ebian_row(
                OUTPUT,
                "质量指标",
                STABILITY_QUALITY,
                STABILITY_QUALITY,
                "2023年各项工作的完成质量均达到优，有力促进了社会的和谐稳定。",
            ),
            _ebian_row(
                OUTPUT,
                "时效指标",
                "完成该项工作的时限要求",
                "2023年12月底",
                "已在2023年12月全面完成该项工作。",
            ),
            _ebian_row(
                OUTPUT,
                "成本指标",
                "完成该项工作所需资金",
                "完成该项工作预计共需资金0.89万元。",
                "完成2023年该项工作共支出资金0.89万元。",
            ),
            _ebian_row(
                BENEFIT,
                "社会效益指标",
                "提升群众满意度",
                "提升群众满意度100%",
                "2023年该项工作提升群众满意度达100%",
            ),
            _ebian_row(
                SATISFACTION,
                "满意度指标",
                "提升服务对象满意度",
                "提升群众满意度98%",
                "提升服务对象满意度100%",
            ),
        ),
    ),
    EvaluationSeed(
        project="阳光信访、领导视频接访网络服务租赁费",
        goal_expected=SUNSHINE_GOAL,
        goal_actual=SUNSHINE_DONE,
        funding=_ebian_funding("1.62"),
        rows=(
            *EBIAN_MANAGEMENT_ROWS,
            _ebian_row(OUTPUT, "数量指标", SUNSHINE_GOAL, SUNSHINE_GOAL, SUNSHINE_DONE),
            _ebian_row(
                OUTPUT,
                "质量指标",
                STABILITY_QUALITY,
                STABILITY_QUALITY,
                "2023年该项工作的完成质量均达到优，有力促进了社会的和谐稳定。",
            ),
            _ebian_row(
                OUTPUT,
                "时效指标",
                "完成该项工作的时限要求",
                "2023年12月底",
                "已在2023年12月全面完成该项工作。",
            ),
            _ebian_row(
                OUTPUT,
                "成本指标",
                "完成该工作所需资金",
                "完成阳光信访、领导视频接访工作预计需资金1.62万元。",
                "完成2023年阳光信访、领导视频接访工作共支出资金1.62万元。",
            ),
            _ebian_row(
                BENEFIT,
                "社会效益指标",
                "提升群众满意度",
                "提升群众满意度98%",
                "2023年该项工作提升群众满意度已达98%",
            ),
            _ebian_row(
                SATISFACTION,
                "满意度指标",
                "提升服务对象满意度",
                "提升群众满意度98%",
                "该项工作提升服务对象满意度已达98%",
            ),
        ),
    ),
)

EBIAN_LIBRARY: tuple[LibrarySeed, ...] = (
    LibrarySeed(INPUT, "投入管理", "预算编制合理性", QUALITATIVE, "合理"),
    LibrarySeed(INPUT, "投入管理", "预算执行率", EQ, "100", "%"),
    LibrarySeed(INPUT, "投入管理", "预算资金到位率", EQ, "100", "%"),
    LibrarySeed(INPUT, "财务管理", "财务管理制度健全性", QUALITATIVE, "健全"),
    LibrarySeed(INPUT, "财务管理", "财务监控有效性", QUALITATIVE, "有效"),
    LibrarySeed(INPUT, "财务管理", "资金使用规范性", QUALITATIVE, "规范"),
    LibrarySeed(INPUT, "实施管理", "政府采购规范性", QUALITATIVE, "规范"),
    # The 信访稳定经费 预期目标 sentence, split into the measurable rows it should have been.
    LibrarySeed(OUTPUT, "数量指标", "督查督办信访件", GE, "260", "件"),
    LibrarySeed(OUTPUT, "数量指标", "信访案带案下访", GE, "200", "次"),
    LibrarySeed(OUTPUT, "数量指标", "参与重大活动信访工作", GE, "30", "次"),
    LibrarySeed(OUTPUT, "数量指标", "敏感时期、重要时间节点信访稳定工作", GE, "50", "次"),
    LibrarySeed(OUTPUT, "数量指标", "处置群体性、突发性事件", GE, "20", "次"),
    LibrarySeed(BENEFIT, "社会效益指标", "群众满意度", GE, "95", "%"),
    LibrarySeed(SATISFACTION, "满意度指标", "服务对象满意度", GE, "95", "%"),
)

# ---------------------------------------------------------------------------------------------
# Seed 003: 玉溪市信访局, 2021, the two 公开12表 (amounts in 元). The extracted text is
# scrambled; the real columns are 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |
# 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施. 分值 is entered as the weight; 得分 is the
# engine's. The abbreviated level-2 labels (社会效益, 服务对象满意度) are the template's
# 社会效益指标 and 服务对象满意度指标(等) and go to those standard categories.
# ---------------------------------------------------------------------------------------------

DONE = "已按预算完成目标"

RELIEF_GOAL = (
    "深入学习贯彻习近平总书记关于加强和改进人民信访工作的重要思想、习近平总书记对信访工作的重要"
    "批示精神，紧紧围绕市委、市政府工作大局，坚持经济社会发展“5577”总体思路，聚焦聚力三大攻坚战、"
    "“六个走在全国前列”和推进“两型三化”、打造“三张牌”的工作安排部署，坚持以人民为中心，坚持新"
    "发展理念，坚持推动信访工作高质量发展，深入推进信访工作制度改革，深入推进基层基础建设，深入推进"
    "法治化信息化专业化水平，充分发挥信访工作在维护群众权益、创新社会治理、维护社会稳定中的源头性、"
    "基础性作用，更好服务全市高质量发展跨越式发展。2020-2022年部门整体支出总目标为：1. 开展“不忘"
    "初心、牢记使命”主题教育2. 学习贯彻习近平总书记关于加强和改进人民信访工作的重要思想和习近平"
    "总书记重要批示精神3. 继续打好“四大重点”信访矛盾化解攻坚战4. 加强视频接访系统的管理和运用5. "
    "推进“互联网+政府服务热线”整合工作6. 全面落实领导包案和直接访下访工作7. 提升信访工作宣传力度"
    "8. 制定《2019年信访工作考核评分标准》9. 开展信访案件评查工作10. 开展人民调解参与、律师参与"
    "信访问题化解工作11. 开展进京非接待场所有关人员综合治理12. 开展信访干部理论和业务培训13. 推进"
    "信访工作“三无”县区创建活动14. 开展“人民满意窗口”创建活动。"
)
HOTLINE_2021_DONE = "\n".join(
    (
        "1. 2021年1月-12月，玉溪市12345热线共接群众诉求问题、建言献策61204件次，与去年同期相比上升"
        "93.36%。其中，直接答复44318件次，电话协调有关单位处理1712件次，通过玉溪市12345热线平台转交"
        "相关县(市、区)、部门办理15174件次，交办件数与去年同期相比上升857.35%；2021年1月-12月，玉溪"
        "市12345热线省级各项考核指标全面达标；国家、省转交办事项按期办结率平均：99.41%，15秒人工接通"
        "率平均98.53%，服务质效合格率达97.85%，群众满意率平均99.27%。",
        "2. 2021年，12345热线工作按照《国务院办公厅关于进一步优化营商环境提升政务服务便民热线"
        "办理效能的意见》(国办发〔2020〕53号)、《云南省人民政府办公厅关于印发云南省政务服务便民热线归并优化"
        "工作方案的通知》(云政办发〔2021〕32号)要求，召开全市非紧急类政务服务便民热线归并优化工作专题"
        "会议，制定下发《玉溪市人民政府办公室关于印发玉溪市12345政务服务热线归并优化工作方案的通知》"
        "(玉政办发〔2021〕8号)，组建热线归并工作组，由热线归并工作组牵头，形成上下联动、齐抓共管的"
        "12345热线工作格局，提前完成33个五位短号的整合归并，实现7×24小时12345一号对外、一号受理、"
        "一号办理。",
        "3. 从大量的群众来电中发现和掌握带有政策性、全局性、普遍性、倾向性的问题，定期报送《12345"
        "政务服务便民热线专报》《研判预警信息》《玉溪市12345政务服务便民热线办理情况通报》，1-12月，市长热线"
        "办公室坐班编位各类信息10期，发挥好参谋助手作用。",
    )
)


def _yuxi_funding(amount: str, *, carryover_printed: bool) -> tuple[FundingData, ...]:
    """年度资金总额 and 当年财政拨款 with 年初预算数, 全年预算数, 全年执行数 in 元; the rest "—"."""
    value = Decimal(amount)
    lines = [
        FundingData(S.TOTAL, initial=value, adjusted=value, executed=value),
        FundingData(S.FISCAL, initial=value, adjusted=value, executed=value),
    ]
    if carryover_printed:
        lines.append(FundingData(S.CARRYOVER))
    lines.append(FundingData(S.OTHER))
    return tuple(lines)


def _yuxi_row(
    level1: str,
    level2: str,
    name: str,
    comparator: str,
    target: str,
    unit: str,
    actual: str,
    weight: str,
    reason: str = DONE,
) -> RowSeed:
    return RowSeed(
        level1, level2, name, comparator, target, unit, actual, Decimal(weight), "", reason
    )


YUXI_EVALUATIONS: tuple[EvaluationSeed, ...] = (
    # Seed lines 320–346. The funding header reads "年初预算数 全年预算数 全年执行数
    # 实际完成值 得分" over "200,000.00 200,000.00 200,000.00 10 100.00": the fourth column
    # is 分值 (10), the fifth the 执行率 (100.00%). 上年结转资金 and 其他资金 are printed with
    # no amount.
    # The long text printed right under 年度总体目标, before the 预期目标 | 实际完成情况 labels,
    # is a goal: it is the 预期目标, and no 实际完成情况 is printed. The <p> tags are the
    # extraction's, not the form's.
    # This table prints no 指标性质 at all: ≥ for the counts, rates and satisfaction, ≤ for
    # 费用控制率 (a cost kept under 5%) and 支付信访救助金时间 (a time limit).
    # Each row prints 分值 and 得分 several times (10.00 10.00 10.00 10.00): repeats of the
    # two merged columns, read once. Printed 总分 100.00, 优.
    EvaluationSeed(
        project="信访事项专项救助资金经费",
        goal_expected=RELIEF_GOAL,
        goal_actual="",
        funding=_yuxi_funding("200000.00", carryover_printed=True),
        rows=(
            # The header line prints a stray 数量指标 between 二级指标 and 三级指标, and this
            # first row prints 数量指标 then 质量指标 there: 数量指标 is this row's level 2,
            # 质量指标 the merged level-2 cell of the four rows below, which print none. Read
            # by meaning they would be 质量/时效/时效/成本, but only these two labels are printed.
            _yuxi_row(OUTPUT, "数量指标", "疑难信访事项个案", GE, "3", "件", "5", "10.00"),
            _yuxi_row(OUTPUT, "质量指标", "疑难信访事项个案办结率", GE, "95", "%", "100", "10.00"),
            _yuxi_row(
                OUTPUT, "质量指标", "信访事项个案资金支付及时率", GE, "100", "%", "100", "10.00"
            ),
            # Target "审批后30日内" and actual "30日内" are printed in place of numbers.
            _yuxi_row(
                OUTPUT,
                "质量指标",
                "支付信访救助金时间",
                LE,
                "审批后30日内",
                "天",
                "30日内",
                "10.00",
            ),
            _yuxi_row(OUTPUT, "质量指标", "费用控制率", LE, "5", "%", "5", "10.00"),
            _yuxi_row(BENEFIT, "社会效益指标", "服务对象满意度", GE, "100", "%", "100", "30.00"),
            # Printed "满意度指标 | 服务对象满意度 | 等 | 95 | % | 95": the template's level-2
            # label 服务对象满意度指标等 split in two; the only name the row carries,
            # 服务对象满意度, is read as its level-3 name.
            _yuxi_row(
                SATISFACTION, "服务对象满意度指标", "服务对象满意度", GE, "95", "%", "95", "10.00"
            ),
        ),
    ),
    # Seed lines 351–377. Header and first rows are interleaved: 项目资金(元) 年初预算数 800,000.00,
    # 全年预算数 800,000.00, 全年执行数 800,000.00, 分值 10, 执行率 100.00, 得分 10.00;
    # 当年财政拨款 the same three amounts; 其他资金 "—". No 上年结转资金 row is printed.
    # 预期目标 is printed empty; the three <p> paragraphs stand under 实际完成情况.
    # Indicator header: the unit is printed twice (a stray 年度指标值 column), read once.
    # No 总分 is printed.
    EvaluationSeed(
        project="“互联网+政务服务热线”项目经费",
        goal_expected="",
        goal_actual=HOTLINE_2021_DONE,
        funding=_yuxi_funding("800000.00", carryover_printed=False),
        rows=(
            _yuxi_row(
                OUTPUT, "数量指标", "信息系统年平均系统保障运行时间", GE, "340", "天", "365", "9.00"
            ),
            # 363 people trained against 80 planned, with the stock 偏差原因: the checks ask why.
            _yuxi_row(
                OUTPUT, "数量指标", "“互联网+政务服务热线”培训人数", GE, "80", "人", "363", "9.00"
            ),
            _yuxi_row(
                OUTPUT, "数量指标", "“互联网+政务服务热线”培训天数", GE, "1", "天", "1", "9.00"
            ),
            _yuxi_row(
                OUTPUT, "数量指标", "“互联网+政务服务热线”培训覆盖率", GE, "100", "%", "100", "9.00"
            ),
            _yuxi_row(
                OUTPUT, "数量指标", "“互联网+政务服务热线”培训签到率", GE, "95", "%", "100", "9.00"
            ),
            # From here each row prints three numbers, e.g. "9.00 9.00 17.00" and
            # "9.00 9.00 8.00", then "9.00 9.00 9.00": the first two are 分值 and 得分 as on the
            # rows above; the third has no column header (17 = 9 + 8 looks like a subtotal) and
            # is not entered. With 分值 9 on all eleven rows the weights add up to 99 + 10.
            # A year-month (2021-04 → 2021-08) under a 合格率 name with the unit 天/月: the
            # name and the values do not belong together, entered as printed.
            _yuxi_row(
                OUTPUT,
                "时效指标",
                "信息系统运维验收合格率",
                GE,
                "202104",
                "天/月",
                "202108",
                "9.00",
            ),
            # The actual is a date range, "4.29-11.12": not a number.
            _yuxi_row(
                OUTPUT,
                "时效指标",
                "“互联网+政务服务热线”培训完成时间",
                LE,
                "202112",
                "天/月",
                "4.29-11.12",
                "9.00",
            ),
            # A payment time measured in 元/人 against 230: the values of the 培训费标准 row
            # below, printed again under this name.
            _yuxi_row(
                OUTPUT, "时效指标", "信息系统租赁资金支付时间", LE, "230", "元/人", "230", "9.00"
            ),
            _yuxi_row(OUTPUT, "成本指标", "培训费标准", LE, "230", "元/人", "230", "9.00"),
            # Its 一级/二级 cells are empty, so the extraction hangs it under 成本指标; a
            # "≥ 推动" development outcome is the form's 效益指标 block (社会效益指标), whose
            # labels were lost. Target "推动" is a word under a ≥ sign.
            _yuxi_row(
                BENEFIT, "社会效益指标", "经济和社会和谐发展", GE, "推动", "%", "100", "9.00"
            ),
            # Printed "满意度指标 | 服务对象满意度 | ≥ | 95 ...": one name cell, read as in the
            # table above (level 2 服务对象满意度指标, level 3 服务对象满意度).
            _yuxi_row(
                SATISFACTION, "服务对象满意度指标", "服务对象满意度", GE, "95", "%", "99.27", "9.00"
            ),
        ),
    ),
)

YUXI_LIBRARY: tuple[LibrarySeed, ...] = (
    LibrarySeed(OUTPUT, "数量指标", "疑难信访事项个案", GE, "3", "件"),
    LibrarySeed(OUTPUT, "数量指标", "信息系统年平均系统保障运行时间", GE, "340", "天"),
    LibrarySeed(OUTPUT, "数量指标", "“互联网+政务服务热线”培训人数", GE, "80", "人"),
    LibrarySeed(OUTPUT, "数量指标", "“互联网+政务服务热线”培训签到率", GE, "95", "%"),
    LibrarySeed(OUTPUT, "质量指标", "疑难信访事项个案办结率", GE, "95", "%"),
    LibrarySeed(OUTPUT, "质量指标", "信访事项个案资金支付及时率", GE, "100", "%"),
    LibrarySeed(
        OUTPUT,
        "时效指标",
        "支付信访救助金时间",
        LE,
        "30",
        "天",
        "审批后30日内支付。",
    ),
    LibrarySeed(OUTPUT, "成本指标", "培训费标准", LE, "230", "元/人"),
    LibrarySeed(OUTPUT, "成本指标", "费用控制率", LE, "5", "%"),
    LibrarySeed(BENEFIT, "社会效益指标", "信访法律法规宣传普及率", GE, "80", "%"),
    LibrarySeed(BENEFIT, "可持续影响指标", "年设备故障天数", LE, "20", "天"),
    LibrarySeed(SATISFACTION, "服务对象满意度指标", "服务对象满意度", GE, "95", "%"),
    LibrarySeed(SATISFACTION, "服务对象满意度指标", "单位满意度", GE, "95", "%"),
)

SEEDS: tuple[DepartmentEvaluationsSeed, ...] = (
    DepartmentEvaluationsSeed(
        bureau=EBIAN,
        department="峨边彝族自治县信访局",
        # The table prints 项目资金（万元） and splits 中省补助资金 / 县级预算资金.
        policy=PolicySeed(amount_unit=WAN, split_fiscal_funding=True, national_group_weights=False),
        evaluations=EBIAN_EVALUATIONS,
        library=EBIAN_LIBRARY,
    ),
    DepartmentEvaluationsSeed(
        bureau=YUXI,
        department="玉溪市信访局",
        policy=PolicySeed(
            amount_unit=YUAN, split_fiscal_funding=False, national_group_weights=True
        ),
        evaluations=YUXI_EVALUATIONS,
        library=YUXI_LIBRARY,
    ),
)

DEMO_EVALUATION_MODELS: tuple[type[models.Model], ...] = (
    ScoringPolicy,
    IndicatorCategory,
    LibraryIndicator,
    Filing,
)


@dataclass(frozen=True)
class DemoEvaluation:
    """What the engine and the checks say about one demo self-evaluation."""

    project: str
    version: int
    total: Decimal  # rounded to 2 places, half up
    grade: str
    error_count: int
    warning_count: int
    findings: tuple[Finding, ...]


@dataclass
class DemoEvaluationsResult:
    created: Counter[type[models.Model]] = field(default_factory=Counter)
    updated: Counter[type[models.Model]] = field(default_factory=Counter)
    evaluations: list[DemoEvaluation] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)


@transaction.atomic
def demo_evaluations_load() -> DemoEvaluationsResult:
    """Create or refresh the demo policies, taxonomy, library and project self-evaluations."""
    result = DemoEvaluationsResult()
    for seed in SEEDS:
        fiscal_year = FiscalYear.objects.select_related("bureau").get(
            bureau__region_code=seed.bureau.region_code, year=seed.bureau.year
        )
        bureau = fiscal_year.bureau
        categories = _taxonomy_load(result, bureau, seed)
        policy = _policy_load(result, seed.policy, fiscal_year)
        for evaluation in seed.evaluations:
            project = Project.objects.get(
                department__bureau=bureau,
                department__name=seed.department,
                fiscal_year=fiscal_year,
                name=evaluation.project,
            )
            result.evaluations.append(
                _evaluation_load(result, evaluation, project, policy, categories)
            )
        _library_load(result, seed.library, categories)
    return result


def _taxonomy_load(
    result: DemoEvaluationsResult, bureau: FinanceBureau, seed: DepartmentEvaluationsSeed
) -> dict[tuple[str, str], IndicatorCategory]:
    """The standard tree plus the level-1/level-2 indicators the bureau's tables print."""
    before = IndicatorCategory.objects.filter(bureau=bureau).count()
    taxonomy_ensure_standard(bureau=bureau)
    pairs = [(r.level1, r.level2) for e in seed.evaluations for r in e.rows]
    pairs += [(item.level1, item.level2) for item in seed.library]
    categories: dict[tuple[str, str], IndicatorCategory] = {}
    for level1, level2 in dict.fromkeys(pairs):
        parent = _category_ensure(bureau, None, level1)
        categories[(level1, level2)] = _category_ensure(bureau, parent, level2)
    result.created[IndicatorCategory] += (
        IndicatorCategory.objects.filter(bureau=bureau).count() - before
    )
    return categories


def _category_ensure(
    bureau: FinanceBureau, parent: IndicatorCategory | None, name: str
) -> IndicatorCategory:
    """The bureau's category; one the standard tree lacks is added after its siblings."""
    category = IndicatorCategory.objects.filter(bureau=bureau, parent=parent, name=name).first()
    if category is not None:
        return category
    siblings = IndicatorCategory.objects.filter(bureau=bureau, parent=parent)
    position = max((s.position for s in siblings), default=-1) + 1
    category = IndicatorCategory(
        bureau=bureau,
        parent=parent,
        level=1 if parent is None else 2,
        name=name,
        position=position,
        # Not the standard tree: a blank evaluation does not start with a row under it.
        in_standard_tree=False,
    )
    category.full_clean()
    category.save()
    return category


def _policy_load(
    result: DemoEvaluationsResult, seed: PolicySeed, fiscal_year: FiscalYear
) -> ScoringPolicy:
    """The year's policy, from the national defaults adjusted to what the tables imply."""
    existed = ScoringPolicy.objects.filter(fiscal_year=fiscal_year).exists()
    policy = scoring_policy_ensure(fiscal_year=fiscal_year)
    values = {
        "execution_weight": Decimal(10),
        "amount_unit": seed.amount_unit,
        "split_fiscal_funding": seed.split_fiscal_funding,
    }
    changed = [name for name, value in values.items() if getattr(policy, name) != value]
    for name in changed:
        setattr(policy, name, values[name])
    if changed:
        policy.full_clean()
        policy.save(update_fields=[*changed, "updated_at"])
    weights_changed = _group_weights_load(policy, fiscal_year.bureau, seed.national_group_weights)
    if not existed:
        result.created[ScoringPolicy] += 1
    elif changed or weights_changed:
        result.updated[ScoringPolicy] += 1
    return policy


def _group_weights_load(policy: ScoringPolicy, bureau: FinanceBureau, national: bool) -> bool:
    """Put the national level-1 weights on the policy, or remove them all; tell if it changed."""
    wanted: dict[int, Decimal] = {}
    if national:
        for name, weight, _children in STANDARD_TREE:
            if weight is not None:
                category = IndicatorCategory.objects.get(bureau=bureau, parent=None, name=name)
                wanted[category.pk] = weight
    current = {g.category_id: g for g in PolicyGroupWeight.objects.filter(policy=policy)}
    changed = False
    for category_id, group in current.items():
        if category_id not in wanted:
            group.delete()
            changed = True
        elif group.weight != wanted[category_id]:
            group.weight = wanted[category_id]
            group.save(update_fields=["weight", "updated_at"])
            changed = True
    for category_id, weight in wanted.items():
        if category_id not in current:
            PolicyGroupWeight.objects.create(policy=policy, category_id=category_id, weight=weight)
            changed = True
    return changed


def _evaluation_data(
    seed: EvaluationSeed, categories: dict[tuple[str, str], IndicatorCategory]
) -> EvaluationData:
    return EvaluationData(
        goal_expected=seed.goal_expected,
        goal_actual=seed.goal_actual,
        funding=seed.funding,
        rows=tuple(
            RowData(
                category_id=categories[(row.level1, row.level2)].pk,
                name=row.name,
                comparator=row.comparator,
                target_text=row.target,
                unit=row.unit,
                actual_text=row.actual,
                weight=row.weight,
                qualitative_label=row.qualitative_label,
                deviation_reason=row.deviation_reason,
            )
            for row in seed.rows
        ),
    )


def _same_cells(stored: EvaluationData, wanted: EvaluationData) -> bool:
    """Tell whether the stored evaluation already holds the wanted cells (row ids aside)."""

    def cells(data: EvaluationData) -> tuple:
        rows = tuple(replace(row, row_id=None) for row in data.rows)
        funding = {line.source: line for line in data.funding}
        return (data.goal_expected, data.goal_actual, data.notes, funding, rows)

    return cells(stored) == cells(wanted)


def _evaluation_load(
    result: DemoEvaluationsResult,
    seed: EvaluationSeed,
    project: Project,
    policy: ScoringPolicy,
    categories: dict[tuple[str, str], IndicatorCategory],
) -> DemoEvaluation:
    """Enter the printed table through the services; save only when a cell differs."""
    filing = Filing.objects.filter(project=project).first()
    created = filing is None
    if filing is None:
        filing = evaluation_create(project=project, by=None, start="blank")
        result.created[Filing] += 1
    wanted = _evaluation_data(seed, categories)
    evaluation = ProjectEvaluation.objects.prefetch_related("rows", "funding_lines").get(
        filing=filing
    )
    stored = evaluation_data_of(evaluation)
    if _same_cells(stored, wanted):
        computed = evaluation_compute(
            data=stored, policy=policy, categories=categories_for(filing.fiscal_year.bureau_id)
        )
    else:
        # Keep the saved rows' ids, position by position, so their history stays attached.
        ids = [row.row_id for row in stored.rows]
        rows = tuple(
            replace(row, row_id=ids[index] if index < len(ids) else None)
            for index, row in enumerate(wanted.rows)
        )
        saved = evaluation_save(
            filing=filing,
            by=None,
            base_version=filing.version,
            data=replace(wanted, rows=rows),
            policy=policy,
        )
        filing, computed = saved.filing, saved.computed
        if not created:
            result.updated[Filing] += 1
    errors, warnings = summarize(computed.findings)
    return DemoEvaluation(
        project=project.name,
        version=filing.version,
        total=scoring.round_score(computed.result.total),
        grade=computed.result.grade,
        error_count=errors,
        warning_count=warnings,
        findings=tuple(computed.findings),
    )


def _library_load(
    result: DemoEvaluationsResult,
    seeds: Iterable[LibrarySeed],
    categories: dict[tuple[str, str], IndicatorCategory],
) -> None:
    """Add the library indicators the bureau lacks; ones it has are left as the admin left them."""
    for item in seeds:
        _indicator, created = LibraryIndicator.objects.get_or_create(
            category=categories[(item.level1, item.level2)],
            name=item.name,
            defaults={
                "comparator": item.comparator,
                "target": item.target,
                "unit": item.unit,
                "explanation": item.explanation,
            },
        )
        if created:
            result.created[LibraryIndicator] += 1

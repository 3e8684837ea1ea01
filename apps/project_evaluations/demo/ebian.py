"""峨边彝族自治县信访局 2023 (seed 002): three 项目支出绩效自评表 as printed, and its library."""

from decimal import Decimal

from apps.budgets.demo import wan
from apps.indicators.scoring import ACHIEVED, EQ, GE, NOT_ACHIEVED, QUALITATIVE

from ..data import FundingData
from .seeds import (
    BENEFIT,
    INPUT,
    OUTPUT,
    SATISFACTION,
    EvaluationSeed,
    LibrarySeed,
    RowSeed,
    S,
)


def _ebian_qualitative(
    level2: str, name: str, target: str, actual: str, completion: str
) -> RowSeed:
    """A 投入与管理 row whose 目标值 is a word (合理, 健全, 规范…): a 定性 row, as printed.

    The 四川 layout has no points: a 定性 row's 完成率 is chosen by the filer inside the band of
    its result. 完成率 100% is 达成年度指标 at 100. 完成率 0 is printed on the seven 实施管理 rows
    of all three tables, beside an 业绩指标 of 100%: read as printed, 0 completion is 未达成年度
    指标且效果较差 at 0, and the checks ask for the 偏差原因 the form leaves blank — the question
    a reviewer would ask about a printed 0 (不适用 is the bureau's call, not the filer's).
    """
    label = {"100%": ACHIEVED, "0": NOT_ACHIEVED}[completion]
    score = Decimal(100) if label == ACHIEVED else Decimal(0)
    return RowSeed(
        INPUT,
        level2,
        name,
        QUALITATIVE,
        target,
        "",
        actual,
        qualitative_label=label,
        qualitative_score=score,
    )


def _ebian_equal(level2: str, name: str, printed_target: str, actual: str) -> RowSeed:
    """A row whose 目标值 is printed "=100": comparator "=" and target "100", no unit printed."""
    comparator, target = printed_target[0], printed_target[1:]
    return RowSeed(INPUT, level2, name, comparator, target, "", actual)


def _ebian_row(level1: str, level2: str, name: str, target: str, actual: str) -> RowSeed:
    """A 产出/效益/满意度 row: its 目标值 and 业绩指标 are sentences, printed 完成率 100%.

    A target written as a sentence is a 定性 row with a text target (DESIGN §4): the filer
    chooses its result, 达成年度指标, and its 完成率, 100 as printed.
    """
    return RowSeed(
        level1,
        level2,
        name,
        QUALITATIVE,
        target,
        "",
        actual,
        qualitative_label=ACHIEVED,
        qualitative_score=Decimal(100),
    )


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
    # 资产管理 is printed as a level-2 cell with every other cell empty: no indicator, so no row.
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

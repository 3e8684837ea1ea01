"""玉溪市信访局 2021 (seed 003, amounts in 元): two 公开12表 as printed, and its library."""

# ---------------------------------------------------------------------------------------------
# Seed 003: 玉溪市信访局, 2021, the two 公开12表 (amounts in 元). The extracted text is
# scrambled; the real columns are 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |
# 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施. 分值 is entered as the weight; 得分 is the
# engine's. The abbreviated level-2 labels (社会效益, 服务对象满意度) are the template's
# 社会效益指标 and 服务对象满意度指标(等) and go to those standard categories.
# ---------------------------------------------------------------------------------------------

from decimal import Decimal

from apps.indicators.scoring import ACHIEVED, GE, LE, QUALITATIVE

from ..data import FundingData
from .seeds import (
    BENEFIT,
    OUTPUT,
    SATISFACTION,
    EvaluationSeed,
    LibrarySeed,
    RowSeed,
    S,
)

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
        level1,
        level2,
        name,
        comparator,
        target,
        unit,
        actual,
        Decimal(weight),
        deviation_reason=reason,
    )


def _yuxi_sentence(
    level1: str, level2: str, name: str, target: str, unit: str, actual: str, weight: str
) -> RowSeed:
    """A row whose 指标值 is words, not a number: a 定性 row with a text target (DESIGN §4).

    The printed 得分 equals the 分值: the result is 达成年度指标, scored its full weight.
    """
    return RowSeed(
        level1,
        level2,
        name,
        QUALITATIVE,
        target,
        unit,
        actual,
        Decimal(weight),
        qualitative_label=ACHIEVED,
        qualitative_score=Decimal(weight),
        deviation_reason=DONE,
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
            # Target "审批后30日内" and actual "30日内" are words: a 定性 row, printed 10.00.
            _yuxi_sentence(
                OUTPUT, "质量指标", "支付信访救助金时间", "审批后30日内", "天", "30日内", "10.00"
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
            # labels were lost. Target "推动" is a word under a ≥ sign: a 定性 row, printed 9.00.
            _yuxi_sentence(
                BENEFIT, "社会效益指标", "经济和社会和谐发展", "推动", "%", "100", "9.00"
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

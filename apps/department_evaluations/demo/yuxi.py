"""玉溪市信访局 2021 (seed 003): the 公开11表 部门整体支出绩效自评表, as printed (amounts in 元).

The bureau's layout is "yuxi": 公开11's 部门总体目标, 一 部门年度目标, 二 部门年度重点工作任务,
三 部门整体支出绩效指标 and 其他需说明事项. Only what those parts print is entered: 公开02–09 (收入,
支出, 三公经费) and 公开10 (the narrative, its 评价等级为优) are other tables of the disclosure,
not cells of this form.

Known findings: none. The 重点工作任务 spend what was approved (100 of 100, 80 of 80, 20 of 20
万元); no 指标 states its 指标性质, so no target is compared; 其他需说明事项 is printed blank.
(Entered under the default layout, 公开04/05/09's figures would add a warning: "三公"经费
27,204.60 元 is −31.13% on last year's 39,500.00, with no note.)

Read as follows. 部门职责 and 总体绩效目标 are the two cells of 部门总体目标. 年度目标: one row
per printed 财年, each as printed (the three print the same text). 重点工作任务: the second amount
line of the 热线 task starts with three empty cells (merged from above), so it repeats that
task's name, 级次 and content; the 执行率 column is computed, not entered; 批复金额 in 万元 ×
10000. 指标: 指标性质 is blank throughout, so no comparator; the cells are typed as printed,
except 政务热线学习培训人数, whose cells slid one column right in the print ("一批12人" | "进行学习
培训" | "人次" | 363): read as target 一批12人进行学习培训, unit 人次, actual 363. The printed
level names are mapped onto the department framework's standard categories by STANDARD_OF (a
blank 一级 or 二级 cell is merged from above). Nothing is INVENTED here.
"""

from apps.budgets.demo import YUXI, wan

from ..data import DepartmentData, GoalData, IndicatorData, TaskData
from .seeds import (
    BASIS,
    BENEFIT,
    OUTPUT,
    SATISFACTION,
    YUAN,
    DepartmentSeed,
    PolicySeed,
    Setting,
    finance,
)

DEPARTMENT = "玉溪市信访局"

DUTIES = (
    "1.负责受理国内群众、境外人士、法人及其他组织通过信访渠道向市委、市政府及领导同志的来信来电和网"
    "络信访事项，接待来访。 2.承办上级机关和市委、市政府领导同志交办、交办的信访事项，督促检查办理"
    "落实情况。 3.推进信访工作制度改革和信访法治化建设，起草有关信访工作的规章和制度，推动党中央、"
    "国务院、省委、省政府和市委、市政府关于信访工作决策部署的贯彻落实。 4.总结推广工作经验，提出加"
    "强和改进信访工作的意见建议。 5.协调信访工作经费，提出加强和改进信访工作的意见建议。 6.协调信访"
    "工作经费，提出加强和改进信访工作的意见建议。 7.负责信访工作宣传和信息化建设，指导全省信访信息"
    "系统应用和全市信访信息化建设推广应用。 8.承担中共玉溪市信访工作联席会议办公室日常工作，督促落"
    "实联席会议决定事项，承担玉溪市信访事项复查复核委员会办公室日常工作。 9.完成市委、市政府交办的"
    "其他任务。"
)

OVERALL_GOAL = (
    "我市信访工作总体思路：深入贯彻落实党的十八大和十八届三中、四中、五中全会精神和习近平总书记考察"
    "云南重要讲话精神，全面贯彻习近平新时代中国特色社会主义思想，牢固树立“四个意识”，坚定“四个自信”"
    "，做到“两个维护”，坚持稳中求进工作总基调，坚持以人民为中心的发展思想，依法维护群众合法权益，到"
    "“十三五”末，在全省建立完善信访评估机制、群众诉求表达和反馈机制、社会矛盾预防机制、信访事项依法"
    "处理机制、信访与社会矛盾预防机制，实现信访渠道畅通有序，信访事项依法处理，信访突出问题有效化解"
    "，信访工作制度化、规范化、法治化水平整体提升，推进更高层次的“阳光信访、责任信访、法治信访”。"
)

# The 目标 and 实际完成情况 cells print the same text for 2021, 2022 and 2023.
YEAR_GOAL = (
    "1.开展主题教育，深入学习习近平新时代中国特色社会主义思想。 2.贯彻落实习近平总书记关于加强和改"
    "进人民信访工作的重要思想和习近平总书记重要批示精神。 3.继续打好“四大重点”信访矛盾化解攻坚战。 "
    "4.加强视频接访系统的管理和运用。 5.推进“互联网+政务服务热线”整合工作。 6.全面落实领导包案和接"
    "访下访工作。 7.提升信访工作宣传力。 8.开展进京非接待场所有关人员综合治理。 9.开展信访干部理论"
    "学习和业务培训。 10.坚持和发展好“枫桥经验”。 11.开展信访工作“三零”县区创建活动。 12.推进信访工"
    "作“最多访一次”的做法，推动信访事项及时就地解决，最大限度减轻群众“访累”。"
)

YEAR_ACHIEVED = (
    "玉溪市信访局全面贯彻落实党中央、国务院和省委、省政府关于做好当前信访工作的决策部署，围绕市委政"
    "府中心工作，聚焦重点、主动作为，统筹推进疫情防控和信访工作制度改革，有力有效维护了群众合法权益"
    "，促进了社会和谐稳定，为推动玉溪市社会治理现代化建设发挥了积极作用。与年初目标有一定差距，主要"
    "原因是工作需要返还了3020信访事项专项救助资金18.50万元，用于少数特殊困难信访群众的解困工作，使"
    "特殊困难群众反映的特殊问题解决了，实现其息诉罢访，促进社会和谐稳定。"
)

HOTLINE_TASK = (
    "为保障玉溪市政府服务热线2020年不间断正常运行，由玉溪市信访局租赁中国电信股份有限公司云南分公司"
    "“互联网+政务服务热线”信息系统平台租赁服务费，并组织市、县两级联络员开展相应的业务培训及考核工"
    "作。"
)

RELIEF_TASK = (
    "深入贯彻落实习近平总书记关于信访工作重要指示精神，促进信访问题依法及时就地解决，解决对全市各县"
    "区因历史遗留问题产生的信访事项及因造成信访事项的责任主体不明但反映问题又确实应当予以解决的疑难"
    "信访事项。"
)


DONE = "已按预算完成目标"
NOT_BOUGHT = "市安办可统一进行国产化替代，单位未自行购买。"
LEAFLETS = "开展了乡村网格员系点宣传，124条法律宣传日宣传共1000份；开展网上信访宣传工作7000份。"

# The printed (一级指标, 二级指标) → the standard (level 1, level 2) the row is entered under.
STANDARD_OF: dict[tuple[str, str], tuple[str, str]] = {
    ("产出指标", "数量指标"): (OUTPUT, "数量指标"),
    ("产出指标", "质量指标"): (OUTPUT, "质量指标"),
    ("产出指标", "时效指标"): (OUTPUT, "时效指标"),
    ("产出指标", "成本指标"): (OUTPUT, "成本指标"),
    # A level-1 name printed in the 二级 column: 效益指标, whose 二级 the print does not say;
    # 社会效益指标, the benefit a 信访局's work brings.
    ("产出指标", "效益指标"): (BENEFIT, "社会效益指标"),
    # 其他指标 with no 二级: the two rows continue the 效益指标 rows above them.
    ("其他指标", ""): (BENEFIT, "社会效益指标"),
    ("满意度指标", "服务对象满意度指标等"): (SATISFACTION, "服务对象满意度指标"),
    # 其他指标 with a standard 二级: the 二级 decides.
    ("其他指标", "可持续影响指标"): (BENEFIT, "可持续影响指标"),
    ("其他指标", "服务对象满意度指标等"): (SATISFACTION, "服务对象满意度指标"),
}

# (printed 一级, printed 二级, 三级指标, 指标值, 度量单位, 实际完成值, 偏差原因分析及改进措施).
PRINTED_ROWS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("产出指标", "数量指标", "宣传区域覆盖率", "100", "%", "100", DONE),
    ("产出指标", "数量指标", "国产化电脑、打印机设备购置", "11", "台套", "0", NOT_BOUGHT),
    ("产出指标", "质量指标", "发放宣传物数量", "200", "份", "8000", LEAFLETS),
    ("产出指标", "质量指标", "政务热线学习培训人数", "一批12人进行学习培训", "人次", "363", ""),
    ("产出指标", "时效指标", "疑难信访事项个案办结率", "95", "%", "100", DONE),
    ("产出指标", "时效指标", "疑难信访事项个案", "3", "件", "5", DONE),
    ("产出指标", "成本指标", "信息系统租赁数量", "20", "万元", "20", DONE),
    ("产出指标", "成本指标", "设备验收合格率", "100", "%", "100", DONE),
    ("产出指标", "效益指标", "运输验收合格率", "100", "%", "100", DONE),
    ("产出指标", "效益指标", "信息系统租赁资金支付及时率", "100", "%", "100", DONE),
    ("其他指标", "", "信访事项个案资金支付及时率", "100", "%", "100", DONE),
    ("其他指标", "", "购置完成时间", "20211030", "%", "0", NOT_BOUGHT),
    ("满意度指标", "服务对象满意度指标等", "信访法律法规宣传普及率", "80", "%", "95", DONE),
    ("满意度指标", "服务对象满意度指标等", "减少疑难信访问题个案", "20", "%", "66.67", DONE),
    ("其他指标", "可持续影响指标", "信息系统年平均系统故障运行时间", "340", "天", "365", DONE),
    ("其他指标", "可持续影响指标", "年设备故障天数", "20", "天", "0", DONE),
    ("其他指标", "服务对象满意度指标等", "疑难信访事项个案办结对象满意度", "95", "%", "100", DONE),
    ("其他指标", "服务对象满意度指标等", "单位满意度", "95", "%", "98.9", DONE),
)

HOTLINE = "政府服务热线信息系统平台租赁服务"


# (任务名称, 主要内容, 批复金额 总额, 财政拨款, 实际支出金额, 偏低原因) as printed, in 万元;
# 项目级次 is 本级 and 其他资金 blank on every line.
PRINTED_TASKS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (HOTLINE, HOTLINE_TASK, "100.00", "100.00", "100.00", ""),
    (HOTLINE, HOTLINE_TASK, "80.00", "80.00", "80.00", DONE),  # the merged second line
    ("信访事项专项救助资金", RELIEF_TASK, "20.00", "20.00", "20.00", DONE),
)


def _task(name: str, content: str, total: str, fiscal: str, actual: str, reason: str) -> TaskData:
    return TaskData(
        name=name,
        level="本级",
        content=content,
        approved_total=wan(total),
        approved_fiscal=wan(fiscal),
        actual=wan(actual),
        low_reason=reason,
    )


def _indicator(
    setting: Setting, printed: tuple[str, str, str, str, str, str, str]
) -> IndicatorData:
    level1, level2, name, target, unit, actual, reason = printed
    standard1, standard2 = STANDARD_OF[(level1, level2)]
    return IndicatorData(
        category_id=setting.category(standard1, standard2),
        level1=standard1,
        level2=standard2,
        name=name,
        target_text=target,
        unit=unit,
        actual_text=actual,
        deviation_reason=reason,
    )


def build(setting: Setting) -> DepartmentData:
    return DepartmentData(
        duties=DUTIES,
        overall_goal=OVERALL_GOAL,
        # The department's own 收支 row, as a new filing has it: 公开11 prints no 收支.
        finance=(finance(DEPARTMENT, setting.department_id),),
        goals=tuple(
            GoalData(expected=YEAR_GOAL, achieved=YEAR_ACHIEVED, period=year)
            for year in ("2021", "2022", "2023")
        ),
        tasks=tuple(_task(*printed) for printed in PRINTED_TASKS),
        indicators=tuple(_indicator(setting, printed) for printed in PRINTED_ROWS),
    )


SEED = DepartmentSeed(
    bureau=YUXI,
    department=DEPARTMENT,
    policy=PolicySeed(basis=BASIS.DECLARED, layout="yuxi", amount_unit=YUAN),
    build=build,
)

"""丽水市信访局 2019 (seed 000): the 市级部门整体支出绩效评价基本情况表, as printed.

Known findings: none. The printed figures add up (收入 97.59 + 1148.66 = 1246.25; 支出
545.15 + 639.57 = 1184.72; 基本支出 481.07 + 64.08 = 545.15), no 结余 is printed (61.53 万元
of 收入 were not spent: 预算执行率 95.06%), no 三公经费, and the sheet states no score or
grade (basis "declared", both left blank).

The bureau's layout is "lishui": the 基本情况表's parts only (基本情况, 收入 and 支出 as the
department's figures, 年度绩效状况), so every cell entered here is on the form. Read as follows:
the 基本情况表 has no cover and no 评价方式/评价机构, so those stay blank; the
blank 上级补助/事业/经营 income cells and 经营支出及其他支出 stay blank (not 0). The narrative's
年末固定资产原值168万元 is not a cell of the table and is not entered. 公共产品或服务 计划/实际
are the printed 万元 figures as text, as the table prints them. Nothing is INVENTED here.
"""

from apps.budgets.demo import LISHUI, wan

from ..data import DepartmentData, OutputData
from ..models import OutputItem
from .seeds import BASIS, DepartmentSeed, PolicySeed, Setting, finance

DEPARTMENT = "丽水市信访局"

DUTIES = (
    "（一）负责处理公民、法人或其他组织通过信访渠道给市委、市政府及其领导同志的来信、来电、网上信访"
    "事项，接待群众来访。（二）负责向市委、市政府反映信访中提出的重要建议、意见和问题，综合分析研判"
    "信访信息，开展调查研究，提出制定修改完善有关政策法规的建议。（三）负责办理上级机关和市委、市政"
    "府及其领导同志转办、交办的信访事项，督促检查重要信访事项的处理和落实。 （四）协调处理跨地区、"
    "跨部门的重要信访问题和异常、突发信访事件。负责处理和化解疑难复杂信访问题。 （五）综合协调指导"
    "全市信访工作，起草有关信访工作政策规定，推动党中央、省委、市委关于信访工作决策部署的贯彻落实。"
    "总结推广信访工作经验，提出加强和改进信访工作的意见和建议。检查、指导各级党委、政府和市直有关单"
    "位的信访工作。 （六）承担市政府的信访事项复查复核具体办理工作。 （七）开展信访工作宣传和信息发"
    "布，负责全市人民意见征集、民生实事项目的调研采集。 （八）负责市统一政务咨询投诉举报平台管理办"
    "公室日常工作，指导全市政务服务热线工作。 （九）完成市委、市政府交办的其他任务。"
)

OVERALL_GOAL = (
    "一年来，市信访局以思想作风建设为先导，牢牢把握为中心大局服务这一根本，凝心聚力，开拓进取，扎实"
    "工作，圆满完成了年初既定的工作目标和任务。2019年，全市信访呈现“走访人次下降、网访占比上升”态势"
    "，基本形成“北京去人少、县级接访多、总体访量降、网上信访畅、重大活动安”的良好信访生态。云和、龙"
    "泉实现“三无县”，其中云和连续两年实现“三无县”，系全省唯一。7个县（市、区）实现无信访积案县。信"
    "访代办、智能语音、信访终结三项工作作为全省的试点积累了经验。\n"
    "（一）抓责任落实，实现责任链条拧紧。市领导带头阅批群众来信，接待群众来访，包案化解信访积案。今"
    "年以来，市领导批阅来信65件，其中党政主要领导阅批16件；到市信访局接访群众15批35人次，开展信访督"
    "查活动3次。市四套班子31名领导每人包案1件信访积案，目前已经化解18件。（二）抓重点时段，实现整体"
    "平稳有序。今年以来，国内省内市内几乎月月有大事，重大活动和重要节点贯穿全年。圆满完成新中国成立"
    "70周年大庆，全国、省、市“两会”、“一带一路”高峰论坛、世界园艺博览会、十九届四中全会、第六届世界"
    "互联网大会等40多个重要节点的信访稳定工作。（三）抓信访超市，实现资源有效整合。建“信访超市”，是"
    "省委省政府站在社会治理体系建设高位谋篇布局的一项重大举措，是打造我省社会治理的一大亮点工程。今"
    "年以来，我市深入贯彻落实中央和省委省政府决策部署，紧扣市域社会治理现代化重要课题，以县级社会矛"
    "盾纠纷调处化解中心（信访超市）建设为突破点，不断推动“最多跑一次”改革向社会治理领域延伸拓展，全"
    "力打造与绿色生态相互浸润、与红色热土交相辉映的社会治理环境，实现群众信访“最多跑一地”。虽然我市"
    "各地普遍存在接访场地狭小、硬件设施较弱、部门入住困难等不利条件，但我们千方百计想办法，创新工作"
    "机制，创造条件，把“信访超市”建在实体重在机制上。通过各地党委政府的重视和有力推动，目前，所有县"
    "市区信访超市都已“开张营业”。实现了行政、司法、信访等各类社会资源充分整合，基本做到“一个地点办"
    "公、一个窗口受理，变“分散式”服务为“集约式”服务，实现“一站式接待、一揽子调处、一条龙服务”。（四"
    "）抓攻坚克难，实现积案有效化解。以实现“无信访积案县（市、区）”为抓手，强化组织领导，压实工作责"
    "任，打好2019年度信访积案“歼灭战”。通过排查、梳理、交办、会商、督办，解决了一大批历史遗留的疑难"
    "复杂信访积案。国家级交办积案52件，已化解44件。省级交办积案64件，已化解60件。市级梳理交办139件"
    "化解类积案，已化解101件。特别是5月以来，根据中央领导有关批示精神和省市领导指示，彻底排查近年来"
    "下山异地搬迁工作短板，并集中交办2017年以来的54件下山异地安置的重复信访件，所有交办件在9月底全"
    "部办结，有效强化了下山异地搬迁的政策帮扶与工作保障，进一步降低了社会风险发生概率。"
)

GOAL_BASIS = (
    "用于信访局日常支出，主要是：差旅费、接待费、会议费、法律服务费、信访督查专员工作经费、信访信息"
    "系统平台维护经费、宣传工作经费、业务培训经费、党政领导春节期间都开展看望慰问信访干部活动，驻京"
    "信访工作组的日常开支，办公经费及办公设备等支出。"
)

BENEFIT_PLAN = (
    "充分发挥特殊疑难信访问题专项资金的引领和带动作用，积极配套落实资金，运用专项资金化解信访积案。"
)

BENEFIT_ACTUAL = "已解决5件信访积案，其中莲都区3件，青田县2件，有效的推动了地方积案的化解工作。"

HOTLINE_RESULT = (
    "2019年1-12月，市、县12345工作平台共登记受理电话事项382592件，同比增加9.6%，热线全市平均15s接通"
    "率为95.61%。1-12月共转办来电事项56151件，同比增加24.94%。按期受理率99.98%，按期办结率99.99%，"
    "平均处理时长2.67天，群众满意率98.11%。"
)

SATISFACTION = "按期受理率99.98%，按期办结率99.99%，平均处理时长2.67天，群众满意率98.11%。"

PRODUCT, BENEFIT = OutputItem.Section.PRODUCT, OutputItem.Section.BENEFIT


def build(setting: Setting) -> DepartmentData:
    return DepartmentData(
        contact_person="罗俊",
        # Printed "2090505   13957082012": the office line and the mobile, one space apart.
        contact_phone="2090505 13957082012",
        authorized_headcount=16,
        actual_headcount=15,
        duties=DUTIES,
        overall_goal=OVERALL_GOAL,
        goal_basis=GOAL_BASIS,
        satisfaction=SATISFACTION,
        finance=(
            finance(
                DEPARTMENT,
                setting.department_id,
                income_total=wan("1246.25"),
                income_carryover=wan("97.59"),
                income_fiscal=wan("1148.66"),
                expense_total=wan("1184.72"),
                expense_basic=wan("545.15"),
                expense_personnel=wan("481.07"),
                expense_public=wan("64.08"),
                expense_project=wan("639.57"),
            ),
        ),
        outputs=(
            OutputData(PRODUCT, "12345中心经费", plan="367", actual="354.64"),
            OutputData(PRODUCT, "法律顾问服务", plan="10", actual="10"),
            OutputData(PRODUCT, "疑难复杂信访积案化解资金", plan="30", actual="24"),
            OutputData(BENEFIT, "疑难复杂信访积案化解", plan=BENEFIT_PLAN, actual=BENEFIT_ACTUAL),
            OutputData(BENEFIT, "12345中心经费", plan="群众满意率98.11%。", actual=HOTLINE_RESULT),
        ),
    )


SEED = DepartmentSeed(
    bureau=LISHUI,
    department=DEPARTMENT,
    policy=PolicySeed(basis=BASIS.DECLARED, layout="lishui"),
    build=build,
)

"""岳阳市云溪区信访局 2022 (seed 001): the 部门整体支出绩效评价自评报告, as printed.

Known findings: one error. 三公经费合计 is printed 1.2 万元 beside 公务接待费 0.04 and 0 for the
three others, so 合计 ≠ Σ its parts (finance-0.three_public_total). The report's own 预算配置
paragraph explains it: 1.2 is the year's 三公 *budget*, 0.04 what was spent; the cell is entered
as printed all the same. Every other identity holds (273.09 = 259.16 + 13.93 = 140.00 + 133.09;
140.00 = 128.80 + 11.20; 结余 0 = 273.09 − 273.09; 固定资产 99.32 = 99.32 + 0 + 0); 96 is 优.

The bureau's layout is "yunxi": the form's cover and parts 一 to 四, whose 三公经费 table holds
the error. 五 评价报告综述 is narrative and not part of the form: its 九、其他需要说明的情况 is not
entered.

Read as follows: the 收支 tables print a 汇总 row, a 局机关 row and two blank 二级机构 rows; only
局机关 is entered (unit = the department), the 汇总 row is the computed total row. The
定量目标 cells hold whole sentences: where one clearly reads as name + sign + number + unit
(群众信访按期办结率≥95%) it is split, otherwise the sentence is the name, with no comparator
and no target, and 完成情况 is the actual as printed. The rows are unscored (no 分值 printed).
社会公众或服务对象满意度 is 满意度指标›服务对象满意度指标; 社会/经济/生态效益 are 效益指标's.
Nothing is INVENTED here.
"""

from datetime import date
from decimal import Decimal

from apps.budgets.demo import YUNXI, wan
from apps.indicators.scoring import GE

from ..data import DepartmentData, EvaluatorData, GoalData, IndicatorData
from .seeds import (
    BASIS,
    BENEFIT,
    OUTPUT,
    SATISFACTION,
    DepartmentSeed,
    PolicySeed,
    Setting,
    finance,
)

DUTIES = (
    "岳阳市云溪区信访局是岳阳市云溪区人民政府工作部门，主要职责为：\n"
    "（1）负责处理人民群众给区委、区政府及其领导同志的来信，接待处理群众来信、来访、网络信访，为领"
    "导同志接待上访群众做好组织服务工作。\n"
    "（2）承办中央、省、市和区委、区政府交办的信访事项，向镇(办）和部门交办信访事项，督促检查处理落"
    "实情况。\n"
    "（3）办理区本级信访事项复查复核，指导全区信访事项复查复核工作。\n"
    "（4）综合、反映群众信访中提出的重要意见、建议和问题，开展调查研究，为区委、区政府提供信访信息"
    "。\n"
    "（5）协同有关部门处理跨地区、跨部门的重大信访问题，协调处理群众到区到市、赴省进京上访，协调全"
    "区各级党政机关的信访工作。\n"
    "（6）开展信访工作宣传和调研；指导全区信访工作业务，总结推广信访工作经验，提出加强和改进信访工"
    "作的建议意见。\n"
    "（7）掌握全区信访工作队伍建设情况，提出加强信访队伍建设措施，对信访工作中失职、渎职行为提出处"
    "理建议，组织信访干部培训，指导信访部门办公自动化建设。\n"
    "（8）完成区委、区政府交办的其他任务。"
)

MAIN_WORK = (
    "任务1：强化信访责任制落实，压实领导干部信访工作责任。\n"
    "任务2：深化越级上访专项治理，不断完善应急处置机制。\n"
    "任务3：全力做好特护期信访维稳，全力化解信访重点问题。\n"
    "任务4：深入开展信访问题源头治理，完善矛盾纠纷多元化解机制。\n"
    "任务5：坚持人民信访为人民，深化人民满意窗口建设。"
)

PERFORMANCE = (
    "2022年，我区以党的二十大信访维稳为主线，克服种种困难，强化责任落实，深化源头治理，夯实基层基础"
    "，优化信访服务，全年共办理群众信访961批1954人次，同比批次下降12.1%、人次下降9.7%，全区信访形势"
    "持续向好，为党的二十大的胜利召开和全区社会和谐稳定作出了积极贡献，区信访局荣获2022市级“信访工"
    "示范县区”的荣誉，长岭街道、云溪街道、陆城镇等三个镇（街道）荣获“市级示范乡（镇）”的荣誉。"
)

# (预期目标, 实际完成) pairs: the cells print 目标1…5 and 目标1…5完成情况 one below another.
GOALS: tuple[tuple[str, str], ...] = (
    (
        "目标1：强化信访责任制落实，压实领导干部信访工作责任。",
        (
            "目标1完成情况：完善信访联席会议制度，每季度定期召开全区信访联席工作会议，研究部署信访工作"
            "，制定《信访工作责任目标管理考核办法》《深入推进落实领导包案、接访下访制度》等文件一系列制"
            "度性文件，进一步健全领导干部定期接访、包案化解、定期回访等各项工作机制；坚持领导包案和接访"
            "下访。今年共有30名区级领导参与坐班接访，现场调度重点信访问题34次，区委书记、区长共阅办上级"
            "交办信访事项30余件，高位推动信访事项化解。"
        ),
    ),
    (
        "目标2：强化赴省进京越级访治理，全力深化越级上访专项治理。",
        (
            "目标2完成情况：今年来，向国家信访局信访量79批149人次，同比下降30%、14.9%；进京访2批3人次，"
            "同比下降81.8%、80%；到北京非接待场所登记为零；重复信访同比降幅56.6%；无进京5人以上、到省20"
            "人以上集体访；无向国家信访局重复信访5次以上信访事项；未发生涉访负面舆情和极端性群体事件。"
        ),
    ),
    (
        "目标3：持续开展攻坚行动，全力化解信访重点问题。",
        (
            "目标3完成情况：全力攻坚“治理重复信访、化解信访积案”专项工作，专项工作已全部办结，总化解率1"
            "00%，总倒流率0%；持续开展“百日攻坚”专项行动，部署开展信访工作“解难题、化积案”专项行动，不"
            "间断推进信访积案的清理化解。排查梳理重点案件47件，集中进行交办，对交办案件逐案明确了包案领"
            "导、责任单位、化解时限。"
        ),
    ),
    (
        "目标4：全力做好信访保障工作，重点时段维稳保障到位。",
        (
            "目标4完成情况：一是强化源头预防，开展矛盾隐患专项排查，共排查突出信访问题73件，集中交办区"
            "级党政领导包案化解稳控；二是强化信息预警，实施票务预警和核酸检测预警双重预警机制，启动特护"
            "期每日“零报告”机制，有重要信息及时上报。"
        ),
    ),
    (
        "目标5：推动信访工作规范化，切实提高信访“四率”。",
        (
            "目标5完成情况：一是规范受理办理，在办理程序受理、调查、答复、送达等环节适时掌控，确保按期"
            "受理、按期办理、按期答复送达；二是加强督导提能，严格审核保质，要求责任单位在信访事项答复前"
            "将拟答复意见上报审查，确保答复意见的准确性和合理性，提升初信初访一次性办结率。三是不断加大"
            "对满意度评价事项的调度和督办力度，积极稳妥处理和化解了大量信访件，赢得了群众的信任。信访事"
            "项及时受理率100%，按期答复率100%，责任单位群众参评率96.3%，参评满意率99.1%，基础考核指标完"
            "成较好，全市领先。"
        ),
    ),
)


# (level-1, level-2, 绩效目标 as printed or split: (name, comparator, target, unit), 完成情况).
QUANTITATIVE: tuple[tuple[str, str, tuple[str, str, str, str], str], ...] = (
    (OUTPUT, "质量指标", ("群众信访按期办结率", GE, "95", "%"), "100%"),
    (OUTPUT, "质量指标", ("特护期间维稳率", GE, "95", "%"), "100%"),
    (OUTPUT, "质量指标", ("群众信访批次下降10%", "", "", ""), "100%"),
    (OUTPUT, "数量指标", ("高位推动信访事项70件", "", "", ""), "100%"),
    (OUTPUT, "数量指标", ("办理群众信访900批1900人次", "", "", ""), "100%"),
    (OUTPUT, "数量指标", ("涉访负面舆情和极端性群体事件0件", "", "", ""), "100%"),
    (OUTPUT, "时效指标", ("各项工作完成时间", "", "", ""), "2022年12月31日"),
    (OUTPUT, "成本指标", ("不超年度预算", "", "", ""), "未超年度预算"),
    (BENEFIT, "社会效益指标", ("社会稳定治安", "", "", ""), "已完成"),
    (BENEFIT, "社会效益指标", ("信访工作不断规范化", "", "", ""), "已完成"),
    (BENEFIT, "经济效益指标", ("无", "", "", ""), "无"),
    (BENEFIT, "生态效益指标", ("无", "", "", ""), "无"),
    (SATISFACTION, "服务对象满意度指标", ("社会群众满意度", GE, "95", "%"), "98%"),
)


def build(setting: Setting) -> DepartmentData:
    return DepartmentData(
        evaluation_method="部门（单位）绩效自评",
        evaluation_agency="部门（单位）评价组",
        report_date=date(2023, 7, 8),
        prepared_by="岳阳市云溪财政局",
        contact_person="刘奇",
        contact_phone="8415041",
        authorized_headcount=9,
        actual_headcount=9,
        duties=DUTIES,
        main_work=MAIN_WORK,
        overall_performance=PERFORMANCE,
        declared_score=Decimal(96),
        declared_grade="优",
        finance=(
            finance(
                "局机关",
                setting.department_id,
                income_total=wan("273.09"),
                income_carryover=wan("0"),
                income_fiscal=wan("259.16"),
                income_fund=wan("0"),
                income_special=wan("0"),
                income_other=wan("13.93"),
                expense_total=wan("273.09"),
                expense_basic=wan("140.00"),
                expense_personnel=wan("128.80"),
                expense_public=wan("11.20"),
                expense_project=wan("133.09"),
                balance_current=wan("0"),
                balance_accumulated=wan("0"),
                three_public_total=wan("1.2"),
                reception=wan("0.04"),
                vehicle_operation=wan("0"),
                vehicle_purchase=wan("0"),
                overseas=wan("0"),
                assets_total=wan("99.32"),
                assets_in_use=wan("99.32"),
                assets_rented=wan("0"),
                assets_other=wan("0"),
            ),
        ),
        goals=tuple(GoalData(expected=expected, achieved=achieved) for expected, achieved in GOALS),
        indicators=tuple(
            IndicatorData(
                category_id=setting.category(level1, level2),
                level1=level1,
                level2=level2,
                name=name,
                comparator=comparator,
                target_text=target,
                unit=unit,
                actual_text=actual,
            )
            for level1, level2, (name, comparator, target, unit), actual in QUANTITATIVE
        ),
        evaluators=(
            EvaluatorData("刘奇", "副局长", "信访局"),
            EvaluatorData("甘超峰", "督查督访室主任", "信访局"),
            EvaluatorData("周计汕", "办公室工作人员", "信访局"),
        ),
    )


SEED = DepartmentSeed(
    bureau=YUNXI,
    department="岳阳市云溪区信访局",
    policy=PolicySeed(basis=BASIS.DECLARED, layout="yunxi"),
    build=build,
)

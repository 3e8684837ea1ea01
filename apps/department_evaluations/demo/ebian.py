"""峨边彝族自治县信访局 2023 (seed 002): 附件1 and its 打分表, with the 决算说明's figures.

Known findings, all from printed figures that break a rule:
- finance-0.expense_total (error): 支出 308.97 万元 (附件1 二(二)) is not 基本支出 271.46 +
  项目支出 34.51 = 305.97 (the 决算说明 itself prints 本年支出合计 305.97).
- finance-0.balance_accumulated (error): nothing is carried over (收、支总计均为305.97: 累计结余
  and 当年结余 0), but 收入 305.97 − 支出 308.97 is −3.00. 当年结余 breaks by the same gap and
  is reported once, on 累计结余; the 超支 error is not repeated either (checks.figures).
- finance-0.three_public_total (error): "三公"经费 0.09 万元 in total, but 公务接待费 0.9 万元
  (0 for the three others): the parts do not add up (one of the two misses a 0).
- finance-total.three_public_total (warning): 三公 0.09 against last year's 0.10 (较上年度减少
  0.01万元, 下降10%) is a change of 10%, which asks for a note; the 决算说明 gives the reason
  (厉行节约，精减支出) but the 附件1 form has no such cell, so `notes` stays blank.
The 打分表 total is the printed 98 (优), which the declared 98 agrees with.

Read as follows: one 收支 row for the department (附件1 prints no row per unit); 收入 is
财政拨款 271.46 (一般公共预算) + 政府性基金 34.51; 上年结转 is not printed and stays blank.
人员编制 15 = 行政7 + 事业8, 实有 11 = 4 + 7 (附件1 一(三)); duties are 附件1 一(二). The cover,
联系人 and 评价等次 are not printed: blank. 固定资产 is not printed: blank. The 自评打分 are
entered on the bureau's copy of the shipped 打分表, row by row in print order (the copy keeps the
shipped rows' order); 扣分项 is printed blank. Nothing is INVENTED here.
"""

from decimal import Decimal

from apps.budgets.demo import EBIAN, wan

from ..data import DepartmentData
from .seeds import BASIS, DepartmentSeed, PolicySeed, Setting, finance, rubric_lines

DEPARTMENT = "峨边彝族自治县信访局"

DUTIES = (
    "峨边彝族自治县信访局（以下简称县信访局）职能简介：根据峨委办〔2019〕38号文件批复的三定方案，我"
    "单位的主要职责是：\n"
    "（一）负责处理县内外群众给县委、县政府的来信，接待群众来访，以及网上信访事项，保证信访渠道畅通"
    "；及时、准确地向县委、县政府领导反映来信来访中提出的重要建议、意见和问题；综合分析信访信息，开"
    "展调查研究，提出制定有关政策的建议。\n"
    "（二）承办上级和本级人民政府交办的信访事项，督促检查领导同志有关信访批示的落实情况；向各乡镇各"
    "部门交办信访事项，督促检查重要信访事项的处理和落实。\n"
    "（三）协调处理跨乡镇和县级部门的重要信访问题；协调处理群众集体到县委、县政府的上访和异常、突发"
    "信访事件；检查、指导、协调县级各部门信访工作和各乡镇党政机关的信访工作。\n"
    "（四）研究、分析信访情况，开展调查研究，总结推广各乡镇各部门信访工作的经验，提出改进和加强信访"
    "工作的意见和建议；通报重大信访问题和信访事件。\n"
    "（五）了解并掌握全县信访工作队伍建设情况，组织信访干部的培训；指导全县信访工作机构办公自动化建"
    "设。\n"
    "（六）负责信访工作的宣传和信息发布；协调信访工作对外交流和联络。\n"
    "（七）承办县政府信访复查委员会办公室工作。\n"
    "（八）承担县委、县政府交办的其他事项。"
)


# 自评打分 and 备注 of the 打分表's 14 rows, in print order (the shipped rubric's order).
SHEET: tuple[tuple[str, str], ...] = (
    ("10", ""),  # 目标制定: 内部审核
    ("10", ""),  # 目标制定: 科学合理、规范完整…
    ("10", ""),  # 目标实现: 部门整体
    ("10", "部门自评范围为部门所有纳入绩效目标管理的部门预算项目"),  # 目标实现: 项目
    ("10", ""),  # 支出控制
    ("5", ""),  # 及时处置
    ("3", ""),  # 执行进度
    ("5", ""),  # 资金结余率（低效无效率）
    ("5", ""),  # 违规记录
    ("10", ""),  # 预算挂钩
    ("10", ""),  # 自评公开
    ("5", ""),  # 问题整改
    ("5", ""),  # 应用反馈
    ("", ""),  # 扣分项: printed blank
)


def build(setting: Setting) -> DepartmentData:
    return DepartmentData(
        authorized_headcount=15,
        actual_headcount=11,
        duties=DUTIES,
        three_public_last_year=wan("0.10"),  # 0.09 万元, 较上年度减少0.01万元
        declared_score=Decimal(98),
        finance=(
            finance(
                DEPARTMENT,
                setting.department_id,
                income_total=wan("305.97"),
                income_fiscal=wan("271.46"),
                income_fund=wan("34.51"),
                expense_total=wan("308.97"),
                expense_basic=wan("271.46"),
                expense_personnel=wan("238.11"),
                expense_public=wan("33.35"),
                expense_project=wan("34.51"),
                balance_current=wan("0"),
                balance_accumulated=wan("0"),
                three_public_total=wan("0.09"),
                reception=wan("0.9"),
                vehicle_operation=wan("0"),
                vehicle_purchase=wan("0"),
                overseas=wan("0"),
            ),
        ),
        rubric=rubric_lines(setting.rubric_items, SHEET),
    )


SEED = DepartmentSeed(
    bureau=EBIAN,
    department=DEPARTMENT,
    policy=PolicySeed(basis=BASIS.RUBRIC, rubric_copy=True),
    build=build,
)

"""峨边彝族自治县信访局 2023 (seed 002): 附件1, the 整体支出绩效评价报告 and its 打分表.

The bureau's layout is "ebian": 附件1's 一 部门（单位）概况, 二 部门财政资金收支情况, 四 评价结论及
建议 and the 打分表. Only what those parts hold is entered: 二's 收入 and 支出 with the parts the
决算说明 gives them (一般公共预算 271.46 + 政府性基金 34.51; 人员经费 238.11 + 公用经费 33.35),
which add up. The 决算说明's 三公经费 (0.09 beside 公务接待费 0.9) and 年末结转 are no cells of
this form and are not entered (entered, they would raise three more findings).

Known findings, both from the figures 附件1 二 prints:
- finance-0.expense_total (error): 支出 308.97 万元 is not 基本支出 271.46 + 项目支出 34.51 =
  305.97 (the 决算说明 itself prints 本年支出合计 305.97).
- finance-total.expense_total (error): 308.97 spent of the 305.97 received (预算执行率 100.98%)
  with no balance to pay for it (DESIGN §6: "305.97 received, 308.97 spent").
The 打分表 total is the printed 98 (优), which the declared 98 (四 评价结论: 自评得分98分) agrees
with.

Read as follows: one 收支 row for the department (附件1 prints no row per unit): 财政资金收入
305.97, 支出 308.97 with 基本支出 271.46 and 项目支出 34.51; 上年结转 is not printed: blank.
编制 15 = 行政7 + 事业8, 实有人员 11 = 4 + 7 (附件1 一(三)); 机构职能 is 附件1 一(二). The 自评打分
are entered on the bureau's copy of the shipped 打分表, row by row in print order (the copy keeps
the shipped rows' order); 扣分项 is printed blank. Nothing is INVENTED here.
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
            ),
        ),
        rubric=rubric_lines(setting.rubric_items, SHEET),
    )


SEED = DepartmentSeed(
    bureau=EBIAN,
    department=DEPARTMENT,
    policy=PolicySeed(basis=BASIS.RUBRIC, layout="ebian", rubric_copy=True),
    build=build,
)

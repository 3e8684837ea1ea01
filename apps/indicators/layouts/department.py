"""The 部门整体支出绩效自评 as each seed prints it (000 丽水, 001 云溪, 002 峨边, 003 玉溪).

Part keys the department form and print know, and the cells a part's `fields` may name:
- cover: evaluation_method, evaluation_agency, report_date, prepared_by (seed 001's cover);
- general: contact_person, contact_phone, authorized_headcount, actual_headcount, duties,
  main_work, overall_performance, overall_goal, goal_basis;
- finance: the 收支情况 tables (DepartmentLayout.finance_tables);
- section: a heading only, over the parts after it (三、部门（单位）整体支出绩效自评情况);
- goals: period, expected, achieved; tasks: name, level, content, approved_total,
  approved_fiscal, approved_other, actual, rate, low_reason;
- indicators: the tree, in DepartmentLayout.indicator_columns (level1, level2, name,
  comparator, target, unit, target_joined: 指标性质, 指标值 and 度量单位 in one cell, goal:
  seed 001's 绩效目标, the 三级指标 with its target, actual, deviation; weight and score are
  added wherever the bureau scores the tree);
- outputs: seed 000's 年度绩效状况 — its labelled cells (overall_goal, goal_basis), then the
  公共产品或服务 and 实际效益 tables and 满意度;
- figures: the figures the system computes, with three_public_last_year;
- rubric: the 打分表, with the cells its 执行进度 row reads (executed_by_june, …);
- summary: declared_score, declared_grade; evaluators: name, title, unit (and the signature
  blocks); notes: notes.
Headings and labels are the seed's words, as printed. The first layout is the default: every
part, in the order of DESIGN §5, printed as seed 001's form prints them.
"""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from .base import Column, DepartmentLayout, Part

_SUMMARY = Part(
    "summary",
    fields=(Column("declared_score", "绩效自评综合得分"), Column("declared_grade", "评价等次")),
)
_EVALUATORS = Part("evaluators", "四、评价人员")

# Seed 001's 定量目标: 评价内容 over two columns, 绩效目标 (三级指标 and target), 完成情况.
_INDICATORS_001 = (
    Column("level1", "评价内容", 10),
    Column("level2", "", 12),
    Column("goal", "绩效目标", 30),
    Column("actual", "完成情况", 28),
)

COMPLETE = DepartmentLayout(
    key="complete",
    label=_("Every part (DESIGN §5 order)"),
    seed="000–003",
    title="部门整体支出绩效评价自评报告",
    parts=(
        Part("cover"),
        Part("general", "一、部门（单位）基本概况"),
        Part("finance", "二、部门（单位）收支情况"),
        Part("section", "三、部门（单位）整体支出绩效自评情况"),
        Part("goals", "整体支出绩效定性目标及实施计划完成情况"),
        Part("indicators", "整体支出绩效定量目标及实施计划完成情况"),
        Part("tasks", "部门年度重点工作任务"),
        Part("outputs", "年度绩效状况"),
        Part("figures", "部门整体支出主要指标"),
        Part("notes", fields=(Column("notes", "其他需要说明事项"),)),
        _SUMMARY,
        _EVALUATORS,
        Part("rubric", "部门整体绩效自评打分表"),
    ),
    # On screen each cell of the tree is typed on its own; the print is seed 001's.
    indicator_columns=(
        Column("level1", "一级指标", 8, printed=False),
        Column("level2", "二级指标", 8, printed=False),
        Column("name", "三级指标", 16, printed=False),
        Column("comparator", "指标性质", 7, printed=False),
        Column("target", "指标值", 9, printed=False),
        Column("unit", "度量单位", 7, printed=False),
        Column("actual", "实际完成值", 13, printed=False),
        Column("deviation", "偏差原因分析及改进措施", 20, printed=False),
        *(replace(column, screen=False) for column in _INDICATORS_001),
    ),
)

# Seed 000: one table, no cover, no score. The amounts are the department's (no institution
# rows); its 年度绩效状况 holds the goal texts, the 公共产品或服务, the 实际效益 and 满意度.
LISHUI = DepartmentLayout(
    key="lishui",
    label=_("Zhejiang, Lishui (市级部门整体支出绩效评价基本情况表)"),
    seed="000 丽水市信访局 2019",
    title="市级部门整体支出绩效评价基本情况表",
    heading_format="{title}",
    subheading="（{year}年度）",
    meta=("填报单位（盖章）：{department}",),
    parts=(
        Part(
            "general",
            fields=(
                Column("contact_person", "评价联系人"),
                Column("contact_phone", "联系电话及手机"),
                Column("authorized_headcount", "人员编制数"),
                Column("actual_headcount", "实有人数"),
                Column("duties", "单位职能"),
            ),
        ),
        Part("finance"),
        Part(
            "outputs",
            "年度绩效状况",
            fields=(
                Column("overall_goal", "单位年度财政支出整体绩效目标总体描述"),
                Column("goal_basis", "目标设置和年度财政收支的主要依据及说明"),
            ),
        ),
    ),
    finance_tables=(
        (
            "单位年度实际收入",
            (
                Column("income_total", "收入合计"),
                Column("income_carryover", "上年结转结余"),
                Column("income_fiscal", "财政拨款收入"),
                Column("income_superior", "上级补助收入"),
                Column("income_business", "事业收入"),
                Column("income_other", "经营收入及其他收入"),
            ),
        ),
        (
            "单位年度实际支出",
            (
                Column("expense_total", "支出合计"),
                Column("expense_basic", "基本支出"),
                Column("expense_personnel", "人员支出"),
                Column("expense_public", "日常公用支出"),
                Column("expense_project", "项目支出"),
                Column("expense_other", "经营支出及其他支出"),
            ),
        ),
    ),
    institution_rows=False,
)

# Seed 001: the cover, 一 to 四 of the form (五 评价报告综述 is narrative, not a table).
YUNXI = DepartmentLayout(
    key="yunxi",
    label=_("Hunan, Yunxi (部门整体支出绩效评价自评报告)"),
    seed="001 岳阳市云溪区信访局 2022",
    title="部门整体支出绩效评价自评报告",
    parts=(
        Part("cover"),
        Part(
            "general",
            "一、部门（单位）基本概况",
            fields=(
                Column("contact_person", "联系人"),
                Column("contact_phone", "联络电话"),
                Column("authorized_headcount", "人员编制"),
                Column("actual_headcount", "实有人数"),
                Column("duties", "职能职责概述"),
                Column("main_work", "年度主要工作内容"),
                Column("overall_performance", "年度部门（单位）总体运行情况及取得的成绩"),
            ),
        ),
        Part("finance", "二、部门（单位）收支情况"),
        Part("section", "三、部门（单位）整体支出绩效自评情况"),
        Part(
            "goals",
            "整体支出绩效定性目标及实施计划完成情况",
            fields=(Column("expected", "预期目标"), Column("achieved", "实际完成")),
        ),
        Part("indicators", "整体支出绩效定量目标及实施计划完成情况"),
        _SUMMARY,
        _EVALUATORS,
    ),
    indicator_columns=_INDICATORS_001,
    finance_tables=(
        (
            "年度收入情况",
            (
                Column("income_total", "收入合计"),
                Column("income_carryover", "上年结转"),
                Column("income_fiscal", "公共财政拨款"),
                Column("income_fund", "政府基金拨款"),
                Column("income_special", "纳入专户管理的非税收入拨款"),
                Column("income_other", "其他收入"),
            ),
        ),
        (
            "部门（单位）年度支出和结余情况",
            (
                Column("expense_total", "支出合计"),
                Column("expense_basic", "基本支出"),
                Column("expense_personnel", "人员支出"),
                Column("expense_public", "公用支出"),
                Column("expense_project", "项目支出"),
                Column("balance_current", "当年结余"),
                Column("balance_accumulated", "累计结余"),
            ),
        ),
        (
            "",
            (
                Column("three_public_total", "三公经费合计"),
                Column("reception", "公务接待费"),
                Column("vehicle_operation", "公务用车运维费"),
                Column("vehicle_purchase", "公务用车购置费"),
                Column("overseas", "因公出国费"),
            ),
        ),
        (
            "",
            (
                Column("assets_total", "固定资产合计"),
                Column("assets_in_use", "在用固定资产"),
                Column("assets_rented", "出租固定资产"),
                Column("assets_other", "其他"),
            ),
        ),
    ),
)

# Seed 002 附件1: the 整体支出绩效评价报告's 一, 二 and 四 (三 is narrative only), then the
# 打分表 on landscape pages. 二 收支 is the department's: 收入 by source and 支出 by 基本 (人员,
# 公用) and 项目, in the words of the 决算说明 it is attached to, so that each total has the
# parts it must add up to (DESIGN §6).
EBIAN = DepartmentLayout(
    key="ebian",
    label=_("Sichuan, Ebian (部门整体绩效自评打分表)"),
    seed="002 峨边彝族自治县信访局 2023 附件1",
    title="整体支出绩效评价报告",
    heading_format="{year}年度{department}{title}",
    parts=(
        Part(
            "general",
            "一、部门（单位）概况",
            fields=(
                Column("authorized_headcount", "编制"),
                Column("actual_headcount", "实有人员"),
                Column("duties", "机构职能"),
            ),
        ),
        Part("finance", "二、部门财政资金收支情况"),
        Part("summary", "四、评价结论及建议", fields=(Column("declared_score", "自评得分"),)),
        Part("rubric", "部门整体绩效自评打分表"),
    ),
    finance_tables=(
        (
            "（一）部门财政资金收入情况",
            (
                Column("income_total", "财政资金收入"),
                Column("income_fiscal", "一般公共预算财政拨款收入"),
                Column("income_fund", "政府性基金预算财政拨款收入"),
            ),
        ),
        (
            "（二）部门财政资金支出情况",
            (
                Column("expense_total", "财政资金支出"),
                Column("expense_basic", "基本支出"),
                Column("expense_personnel", "人员经费"),
                Column("expense_public", "公用经费"),
                Column("expense_project", "项目支出"),
            ),
        ),
    ),
    institution_rows=False,
)

# Seed 003 公开11表: 部门总体目标, 一 年度目标 by 财年, 二 重点工作任务 (批复金额 in 万元
# though the table is in 元), 三 指标 with 指标性质 | 指标值 | 度量单位, 其他需说明事项, 备注.
YUXI = DepartmentLayout(
    key="yuxi",
    label=_("Yunnan, Yuxi (公开11表 部门整体支出绩效自评表)"),
    seed="003 玉溪市信访局 2021 公开11表",
    title="部门整体支出绩效自评表",
    subheading="公开11表",
    meta=("编制单位：{department}　　部门名称：{department}", "金额单位：{unit}"),
    parts=(
        Part(
            "general",
            "部门总体目标",
            fields=(Column("duties", "部门职责"), Column("overall_goal", "总体绩效目标")),
        ),
        Part(
            "goals",
            "一、部门年度目标",
            fields=(
                Column("period", "财年", 8),
                Column("expected", "目标"),
                Column("achieved", "实际完成情况"),
            ),
        ),
        Part("tasks", "二、部门年度重点工作任务"),
        Part("indicators", "三、部门整体支出绩效指标"),
        Part("notes", fields=(Column("notes", "其他需说明事项"),)),
    ),
    indicator_columns=(
        Column("level1", "一级指标", 9),
        Column("level2", "二级指标", 10),
        Column("name", "三级指标", 18),
        Column("comparator", "指标性质", 7),
        Column("target", "指标值", 10),
        Column("unit", "度量单位", 7),
        Column("actual", "实际完成值", 13),
        Column("deviation", "偏差原因分析及改进措施", 26),
    ),
    task_unit="万元",
    footnote=(
        "备注：1.涉密部门和涉密信息按保密规定不公开。\n"
        "2.一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。"
    ),
)

DEPARTMENT_LAYOUTS: tuple[DepartmentLayout, ...] = (COMPLETE, LISHUI, YUNXI, EBIAN, YUXI)

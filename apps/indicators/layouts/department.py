"""The 部门整体支出绩效自评 as each seed prints it (000 丽水, 001 云溪, 002 峨边, 003 玉溪).

Part keys the department form and print know: cover, general, finance, goals, tasks,
indicators, outputs, rubric, summary, evaluators. The first layout is the default: every part,
in the order of DESIGN §5.
"""

from django.utils.translation import gettext_lazy as _

from .base import Column, DepartmentLayout, Part

_INDICATORS_JOINED = (
    Column("level1", "一级指标", 10),
    Column("level2", "二级指标", 12),
    Column("name", "三级指标", 22),
    Column("target_joined", "年度指标值", 20),
    Column("actual", "实际完成值", 20),
    Column("deviation", "偏差原因分析及改进措施", 16),
)

COMPLETE = DepartmentLayout(
    key="complete",
    label=_("Every part (DESIGN §5 order)"),
    seed="000–003",
    title="部门整体支出绩效自评表",
    parts=(
        Part("cover"),
        Part("general", "一、部门（单位）基本概况"),
        Part("finance", "二、部门（单位）收支情况"),
        Part("goals", "整体支出绩效定性目标及实施计划完成情况"),
        Part("tasks", "部门年度重点工作任务"),
        Part("indicators", "整体支出绩效定量目标完成情况"),
        Part("outputs", "公共产品或服务及实际效益"),
        Part("rubric", "部门整体绩效自评打分表"),
        Part("summary", "综合得分及评价等次"),
        Part("evaluators", "四、评价人员"),
    ),
    indicator_columns=_INDICATORS_JOINED,
)

LISHUI = DepartmentLayout(
    key="lishui",
    label=_("Zhejiang, Lishui (市级部门整体支出绩效评价基本情况表)"),
    seed="000 丽水市信访局 2019",
    title="市级部门整体支出绩效评价基本情况表",
    parts=(
        Part("general", "基本情况"),
        Part("finance", "年度实际收支"),
        Part("goals", "总体目标"),
        Part("outputs", "公共产品或服务及实际效益"),
        Part("summary", "满意度"),
    ),
)

YUNXI = DepartmentLayout(
    key="yunxi",
    label=_("Hunan, Yunxi (部门整体支出绩效评价自评报告)"),
    seed="001 岳阳市云溪区信访局 2022",
    title="部门整体支出绩效评价自评报告",
    parts=(
        Part("cover"),
        Part("general", "一、部门（单位）基本概况"),
        Part("finance", "二、部门（单位）收支情况"),
        Part("goals", "整体支出绩效定性目标及实施计划完成情况"),
        Part("indicators", "整体支出绩效定量目标完成情况"),
        Part("summary", "综合得分及评价等次"),
        Part("evaluators", "四、评价人员"),
    ),
    indicator_columns=_INDICATORS_JOINED,
)

EBIAN = DepartmentLayout(
    key="ebian",
    label=_("Sichuan, Ebian (部门整体绩效自评打分表)"),
    seed="002 峨边彝族自治县信访局 2023 附件1",
    title="部门整体支出绩效自评表",
    parts=(
        Part("rubric", "部门整体绩效自评打分表"),
        Part("summary", "综合得分及评价等次"),
    ),
)

YUXI = DepartmentLayout(
    key="yuxi",
    label=_("Yunnan, Yuxi (公开11表 部门整体支出绩效自评表)"),
    seed="003 玉溪市信访局 2021 公开11表",
    title="部门整体支出绩效自评表",
    parts=(
        Part("general", "部门基本情况"),
        Part("goals", "部门年度目标"),
        Part("tasks", "年度部门重点工作任务"),
        Part("indicators", "年度绩效指标完成情况"),
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
)

DEPARTMENT_LAYOUTS: tuple[DepartmentLayout, ...] = (COMPLETE, LISHUI, YUNXI, EBIAN, YUXI)

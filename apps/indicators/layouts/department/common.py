"""What the department layouts share, and the default layout: every part, as seed 001 prints it."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from ..base import Column, DepartmentLayout, Part

SUMMARY = Part(
    "summary",
    fields=(Column("declared_score", "绩效自评综合得分"), Column("declared_grade", "评价等次")),
)
EVALUATORS = Part("evaluators", "四、评价人员")

# Seed 001's 定量目标: 评价内容 over two columns, 绩效目标 (三级指标 and target), 完成情况.
INDICATORS_001 = (
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
        SUMMARY,
        EVALUATORS,
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
        *(replace(column, screen=False) for column in INDICATORS_001),
    ),
)

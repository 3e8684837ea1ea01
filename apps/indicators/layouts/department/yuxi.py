"""The department layout of seed 003: 玉溪市信访局 2021, 公开11表."""

from django.utils.translation import gettext_lazy as _

from ..base import Column, DepartmentLayout, Part

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

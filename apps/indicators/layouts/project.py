"""The 项目支出绩效自评表 as each province prints it (seeds 002, 003 and the national template).

Cell keys the project form and print know: funding — initial, adjusted, executed (typed),
weight, rate, score (computed); indicators — level1, level2, name, comparator, target, unit,
target_joined (指标性质, 指标值 and 度量单位 in one cell, as "≥95%"), actual, weight, score,
completion (完成率), deviation.
"""

from django.utils.translation import gettext_lazy as _

from .base import Column, ProjectLayout

_FUNDING = (
    Column("initial", "年初预算数"),
    Column("adjusted", "全年预算数"),
    Column("executed", "全年执行数"),
    Column("weight", "分值"),
    Column("rate", "执行率"),
    Column("score", "得分"),
)

NATIONAL = ProjectLayout(
    key="national",
    label=_("National template (年度指标值 in one column, 分值 and 得分)"),
    seed="财预〔2020〕10号 national template",
    funding_columns=_FUNDING,
    indicator_columns=(
        Column("level1", "一级指标", 9),
        Column("level2", "二级指标", 9),
        Column("name", "三级指标", 16),
        Column("target_joined", "年度指标值", 15),
        Column("actual", "实际完成值", 13),
        Column("weight", "分值", 6),
        Column("score", "得分", 7),
        Column("deviation", "偏差原因分析及改进措施", 25),
    ),
)

# Seed 003 (玉溪, 公开12表): 指标性质 | 指标值 | 度量单位 in their own columns.
YUNNAN = ProjectLayout(
    key="yunnan",
    label=_("Yunnan (指标性质, 指标值 and 度量单位 in separate columns)"),
    seed="003 玉溪市信访局 2021 公开12表",
    funding_columns=_FUNDING,
    year_in_title=True,
    table_number="公开12表",
    notes_in_table=True,
    indicator_columns=(
        Column("level1", "一级指标", 8),
        Column("level2", "二级指标", 9),
        Column("name", "三级指标", 15),
        Column("comparator", "指标性质", 7),
        Column("target", "指标值", 9),
        Column("unit", "度量单位", 6),
        Column("actual", "实际完成值", 12),
        Column("weight", "分值", 6),
        Column("score", "得分", 6),
        Column("deviation", "偏差原因分析及改进措施", 22),
    ),
)

# Seed 002 (峨边, 附件2–4): no 分值 or 得分, each row's 完成率; 县级预算资金, no 上年结转.
# The form keeps a 偏差原因 cell on screen, where the rules ask for one; the print lists the
# reasons under the table, as the form has no column for them.
SICHUAN = ProjectLayout(
    key="sichuan",
    label=_("Sichuan (目标值, 业绩指标 and 完成率; no points)"),
    seed="002 峨边彝族自治县信访局 2023 附件2–4",
    funding_columns=(
        Column("adjusted", "全年预算数"),
        Column("executed", "全年执行数"),
        Column("rate", "执行率"),
    ),
    funding_sources=("total", "fiscal_central", "fiscal_local", "other"),
    source_labels={"fiscal_local": "县级预算资金"},
    rate_on_every_source=True,
    points=False,
    year_cell=True,
    notes=(),
    indicator_columns=(
        Column("level1", "一级指标", 9),
        Column("level2", "二级指标", 9),
        Column("name", "目标指标", 20),
        Column("target_joined", "目标值", 20),
        Column("actual", "业绩指标", 22),
        Column("completion", "完成率", 8),
        Column("deviation", "偏差原因分析及改进措施", 12, printed=False),
    ),
)

PROJECT_LAYOUTS: tuple[ProjectLayout, ...] = (NATIONAL, SICHUAN, YUNNAN)

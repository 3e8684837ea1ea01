"""The department layout of seed 002: 峨边彝族自治县信访局 2023, 附件1 and its 打分表."""

from django.utils.translation import gettext_lazy as _

from ..base import Column, DepartmentLayout, Part

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

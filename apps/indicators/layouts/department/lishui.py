"""The department layout of seed 000: 丽水市信访局 2019, 市级部门整体支出绩效评价基本情况表."""

from django.utils.translation import gettext_lazy as _

from ..base import Column, DepartmentLayout, Part

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

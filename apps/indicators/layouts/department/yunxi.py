"""The department layout of seed 001: 岳阳市云溪区信访局 2022, 部门整体支出绩效评价自评报告."""

from django.utils.translation import gettext_lazy as _

from ..base import Column, DepartmentLayout, Part
from .common import EVALUATORS, INDICATORS_001, SUMMARY

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
        SUMMARY,
        EVALUATORS,
    ),
    indicator_columns=INDICATORS_001,
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

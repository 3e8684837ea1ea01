"""The bureau's layout of the 部门整体支出绩效自评 and what it shows of a filing's cells.

A layout says which parts appear, in which order, with which headings and labels (DESIGN §9);
the data holds every part. A part or cell the layout leaves out is not on the page: the page
does not post it, a save keeps what was stored there (`keep_hidden`), and none of its findings
is listed on the page (`Shown.cell`). The rules do not change: the checks read every cell.
"""

from apps.indicators.layouts import Column, DepartmentLayout, layout_for
from apps.indicators.models import Framework, ScoringPolicy

from .forms import SECTIONS

BASIS_INDICATORS = "indicators"

# The kind's own cells of each part (a Part without `fields` shows these), as its form words them.
DEFAULT_FIELDS: dict[str, tuple[Column, ...]] = {
    "cover": (
        Column("evaluation_method", "评价方式"),
        Column("evaluation_agency", "评价机构"),
        Column("report_date", "报告日期"),
        Column("prepared_by", "制表单位"),
    ),
    "general": (
        Column("contact_person", "联系人"),
        Column("contact_phone", "联络电话"),
        Column("authorized_headcount", "人员编制"),
        Column("actual_headcount", "实有人数"),
        Column("duties", "职能职责概述"),
        Column("main_work", "年度主要工作内容"),
        Column("overall_performance", "年度部门（单位）总体运行情况及取得的成绩"),
        Column("overall_goal", "部门整体支出绩效目标总体描述"),
        Column("goal_basis", "目标设置和年度财政收支的主要依据及说明"),
    ),
    "goals": (
        Column("period", "财年"),
        Column("expected", "预期目标"),
        Column("achieved", "实际完成"),
    ),
    "tasks": (
        Column("name", "任务名称"),
        Column("level", "项目级次"),
        Column("content", "主要内容"),
        Column("approved_total", "总额"),
        Column("approved_fiscal", "财政拨款"),
        Column("approved_other", "其他资金"),
        Column("actual", "实际支出金额"),
        Column("rate", "预算执行率"),
        Column("low_reason", "预算执行偏低原因及改进措施"),
    ),
    "evaluators": (Column("name", "姓名"), Column("title", "职务/职称"), Column("unit", "单位")),
    "figures": (Column("three_public_last_year", "上年三公经费"),),
    # The cells the 打分表's 执行进度 row reads.
    "rubric": (
        Column("executed_by_june", "6月底累计支出"),
        Column("executed_by_september", "9月底累计支出"),
        Column("executed_by_november", "11月底累计支出"),
    ),
    "summary": (Column("declared_score", "绩效自评综合得分"), Column("declared_grade", "评价等次")),
    "notes": (Column("notes", "其他需要说明事项"),),
}
# Cells a part always has besides its fields: the row sections' hidden cells, 满意度.
FIXED: dict[str, tuple[str, ...]] = {
    "finance": ("unit", "name"),
    "indicators": ("category",),
    "outputs": ("section", "name", "plan", "actual", "satisfaction"),
}
ROW_SECTIONS = tuple(SECTIONS)

# 收支情况 as the kind prints it without a layout's own tables: seed 001's four tables, with
# the columns the other seeds add (上级补助, 事业收入, 其他支出).
DEFAULT_FINANCE_TABLES: tuple[tuple[str, tuple[Column, ...]], ...] = (
    (
        "年度收入情况",
        (
            Column("income_total", "收入合计"),
            Column("income_carryover", "上年结转"),
            Column("income_fiscal", "公共财政拨款"),
            Column("income_fund", "政府基金拨款"),
            Column("income_special", "纳入专户管理的非税收入拨款"),
            Column("income_superior", "上级补助"),
            Column("income_business", "事业收入"),
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
            Column("expense_other", "其他支出"),
            Column("balance_current", "当年结余"),
            Column("balance_accumulated", "累计结余"),
        ),
    ),
    (
        "“三公”经费情况",
        (
            Column("three_public_total", "三公经费合计"),
            Column("reception", "公务接待费"),
            Column("vehicle_operation", "公务用车运维费"),
            Column("vehicle_purchase", "公务用车购置费"),
            Column("overseas", "因公出国费"),
        ),
    ),
    (
        "固定资产情况",
        (
            Column("assets_total", "固定资产合计"),
            Column("assets_in_use", "在用固定资产"),
            Column("assets_rented", "出租固定资产"),
            Column("assets_other", "其他"),
        ),
    ),
)

# How each typed cell outside the rows is typed: text, area, date, count, amount, score, grade.
SCALAR_KINDS = {
    "report_date": "date",
    "authorized_headcount": "count",
    "actual_headcount": "count",
    "three_public_last_year": "amount",
    "executed_by_june": "amount",
    "executed_by_september": "amount",
    "executed_by_november": "amount",
    "declared_score": "score",
    "declared_grade": "grade",
    **dict.fromkeys(
        ("duties", "main_work", "overall_performance", "overall_goal", "goal_basis"), "area"
    ),
    **dict.fromkeys(("satisfaction", "notes"), "area"),
}
# Cells that share a line two by two (联系人 | 联络电话); the others take a line each.
SHORT = {"text", "date", "count", "amount", "score", "grade"}


def in_lines(cells: list[dict]) -> list[list[dict]]:
    """Labelled cells (each with its "kind") in lines: short ones two to a line (联系人 |
    联络电话), long ones alone, as the official forms set them."""
    lines: list[list[dict]] = []
    for cell in cells:
        last = lines[-1] if lines else None
        if cell["kind"] in SHORT and last and len(last) == 1 and last[0]["kind"] in SHORT:
            last.append(cell)
        else:
            lines.append([cell])
    return lines


# The indicator row's typed cells each column shows.
INDICATOR_CELLS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "comparator": ("comparator",),
    "target": ("target_text",),
    "unit": ("unit",),
    "target_joined": ("comparator", "target_text", "unit"),
    "goal": ("name", "comparator", "target_text", "unit"),
    "actual": ("actual_text", "qualitative_label"),
    "weight": ("weight",),
    "score": ("qualitative_score",),
    "deviation": ("deviation_reason",),
}
SCORE_COLUMNS = (Column("weight", "分值", 6), Column("score", "得分", 7))


def department_layout(policy: ScoringPolicy) -> DepartmentLayout:
    """The layout the bureau chose for the year's department filings."""
    layout = layout_for(Framework.DEPARTMENT, policy.layout)
    assert isinstance(layout, DepartmentLayout)
    return layout


def fields_of(layout: DepartmentLayout, key: str) -> tuple[Column, ...]:
    """The cells of one part with their labels: the layout's, else the kind's own."""
    part = next((p for p in layout.parts if p.key == key), None)
    if part is None:
        return ()
    return part.fields or DEFAULT_FIELDS.get(key, ())


def finance_tables(layout: DepartmentLayout) -> tuple[tuple[str, tuple[Column, ...]], ...]:
    return layout.finance_tables or DEFAULT_FINANCE_TABLES


def indicator_columns(layout: DepartmentLayout, basis: str, *, printed: bool) -> tuple[Column, ...]:
    """The tree's columns on screen or on paper; 分值 and 得分 where the tree is scored."""
    columns = layout.indicator_columns or layout_for(Framework.DEPARTMENT).indicator_columns
    chosen = [c for c in columns if (c.printed if printed else c.screen)]
    if basis == BASIS_INDICATORS:
        keys = {c.key for c in chosen}
        missing = [c for c in SCORE_COLUMNS if c.key not in keys]
        at = next((i for i, c in enumerate(chosen) if c.key == "deviation"), len(chosen))
        chosen[at:at] = missing
    return tuple(chosen)


def headings(columns: tuple[Column, ...]) -> list[list]:
    """Header cells as [heading, colspan, width]: a column without a heading is under the one
    before it (seed 001's 评价内容 over 一级 and 二级)."""
    cells: list[list] = []
    for column in columns:
        if not column.heading and cells:
            cells[-1][1] += 1
            cells[-1][2] += column.width
        else:
            cells.append([column.heading, 1, column.width])
    for cell in cells:
        cell[2] = cell[2] if 1 <= cell[2] <= 30 else 0  # the page's jx-w-N classes
    return cells

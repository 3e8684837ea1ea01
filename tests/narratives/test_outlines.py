"""Outlines as data: the shipped ones read, a bureau's typed one is checked line by line."""

import pytest

from apps.narratives import shipped
from apps.narratives.outlines import OutlineError, filled_titles, outline_text, parse_outline

PROJECT_TOPICS = {"goals", "funding", "completion", "benefit", "missed", "conclusion", "spent"}
DEPARTMENT_TOPICS = {
    "overview", "duties", "structure", "staff", "finances", "income", "expense", "general",
    "basic_expense", "project_expense", "fund", "allocation", "execution", "assets",
    "three_public", "projects", "missed", "conclusion",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(shipped.OUTLINES))
def test_every_shipped_outline_reads_and_writes_back(name):
    topics = PROJECT_TOPICS if name.startswith("project") else DEPARTMENT_TOPICS
    outline = parse_outline(shipped.OUTLINES[name][1], topics)
    assert parse_outline(outline_text(outline), topics) == outline


def test_the_project_outline_is_seed_002s_five_parts_with_the_payment_table():
    outline = parse_outline(shipped.PROJECT, PROJECT_TOPICS)
    assert [s.heading for s in outline.sections if s.level == 1] == [
        "一、项目概况",
        "二、项目资金申报及使用情况",
        "三、项目实施及管理情况",
        "四、项目绩效情况",
        "五、评价结论及建议",
    ]
    [table] = [s for s in outline.sections if s.has_payments]
    assert table.heading == "（二）资金计划、到位及使用情况（可用表格形式反映）。"
    assert filled_titles(outline, project="信访稳定经费", year="2023") == [
        "信访稳定经费项目2023年绩效评价报告"
    ]


def test_yuxi_prints_its_table_number_and_footnote():
    outline = parse_outline(shipped.DEPARTMENT_YUXI, DEPARTMENT_TOPICS)
    assert outline.table_number == "公开10表"
    assert outline.footnote == "涉密部门和涉密信息按保密规定不公开。"
    assert outline.sections[1].heading == "(一) 部门概况" and outline.sections[1].level == 2


def test_a_heading_alone_is_its_own_key():
    outline = parse_outline("一、情况\n  （一）其他", set())
    assert [(s.key, s.level, s.topic) for s in outline.sections] == [
        ("一、情况", 1, ""),
        ("（一）其他", 2, ""),
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "提纲至少需要一节"),
        ("一、概况 | a b", "第 1 行：代码“a b”只能包含"),
        ("一、概况 | overview | weather", "第 1 行：数据无法起草“weather”"),
        ("一、概况 | x\n二、支出 | x", "第 2 行：代码“x”重复使用"),
        ("一、概况 | x | funding | more", "第 1 行"),
    ],
)
def test_a_bad_outline_is_refused_naming_the_line(text, says):
    with pytest.raises(OutlineError, match=says):
        parse_outline(text, PROJECT_TOPICS)

"""The official documents: labels in the forms' wording and order, and the filing's own values."""

from decimal import Decimal

import pytest
from django.utils import translation

from apps.indicators.models import Framework, ScoringPolicy
from apps.reports.documents import Target, build_content, kind_of
from tests import factories
from tests.reports import helpers

FUNDING_LABELS = ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def _pdf(kind: str, target: Target) -> bytes:
    document = kind_of(kind)
    output = document.produce(document.build(target), lambda *args: None)
    assert output.data is not None
    return output.data


def _table(world, filing) -> str:
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    return "\n".join(helpers.pdf_pages(_pdf("project_table", target)))


def _in_order(text: str, labels: list[str]) -> bool:
    """Whether the labels appear in the text one after the other."""
    position = 0
    for label in labels:
        found = text.find(label, position)
        if found == -1:
            return False
        position = found + len(label)
    return True


@pytest.fixture
def filing(world):
    return helpers.evaluate(world.project_a1, world.filer_a1)


def test_project_table_prints_the_official_labels_in_order_and_the_filings_values(world, filing):
    text = _table(world, filing)

    assert _in_order(
        text,
        [
            "项目支出绩效自评表",
            "（2023年度）",
            "项目名称",
            "主管部门",
            "实施单位",
            *FUNDING_LABELS,
            "年度资金总额",
            "其中：当年财政拨款",
            "上年结转资金",
            "其他资金",
            "年度总体目标",
            "预期目标",
            "实际完成情况",
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
            "总分",
            "评价等次",
            "其他需要说明事项",
        ],
    )
    project = world.project_a1
    for value in (project.name, world.dept_a1.name, helpers.GOAL_EXPECTED, "督查督办信访件"):
        assert value in text
    # 32 万元 budget, 31.6 万元 executed: 98.75 %, 9.88 of 10 points; rows score in full.
    assert "32.00 32.00 31.60 10.00 98.75% 9.88" in text
    assert "≥260件 275件 50.00 50.00" in text
    assert "99.88" in text and "评价等次：优" in text
    assert "金额单位：万元" in text and "填报人（签名）" in text


def test_amounts_follow_the_bureaus_unit(world, filing):
    ScoringPolicy.objects.filter(fiscal_year=world.year_a, framework=Framework.PROJECT).update(
        amount_unit=ScoringPolicy.AmountUnit.YUAN
    )

    text = _table(world, filing)

    assert "金额单位：元" in text and "（元）" in text
    assert "320,000.00 320,000.00 316,000.00" in text


def test_split_layout_prints_comparator_value_and_unit_apart(world, filing):
    ScoringPolicy.objects.filter(fiscal_year=world.year_a, framework="project").update(
        layout="yunnan"
    )

    text = _table(world, filing)

    assert _in_order(text, ["三级指标", "指标性质", "指标值", "度量单位", "实际完成值"])
    assert "年度指标值" not in text
    assert "≥ 260 件 275 50.00 50.00" in text


def test_the_review_score_column_appears_once_a_review_scored_rows(world, filing):
    assert "复核得分" not in _table(world, filing)
    filing = helpers.approve(filing, world.filer_a1, world.reviewer_a)
    helpers.review(
        filing,
        world.reviewer_a,
        {"督查督办信访件": Decimal("45.5"), "服务对象满意度": Decimal(8)},
        total="93.38",
        grade="优",
    )

    text = _table(world, filing)

    assert _in_order(text, ["得分", "复核得分", "偏差原因分析及改进措施"])
    assert "≥260件 275件 50.00 50.00 45.50" in text
    assert "93.38" in text and "复核等次：优" in text


def test_a_draft_carries_the_watermark_and_an_approved_filing_does_not(world, filing):
    assert "草稿" in _table(world, filing)

    approved = helpers.approve(filing, world.filer_a1, world.reviewer_a)

    assert "草稿" not in _table(world, approved)


def test_the_bundle_has_a_cover_contents_and_every_project_table(world):
    second = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    first = helpers.evaluate(world.project_a1, world.filer_a1)
    helpers.evaluate(second, world.filer_a1)
    helpers.approve(first, world.filer_a1, world.reviewer_a)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1)

    pages = helpers.pdf_pages(_pdf("department_bundle", target))

    cover, contents = pages[0], pages[1]
    assert _in_order(
        cover,
        [
            "预算绩效自评报告",
            "部门（单位）名称",
            "预算编码",
            "年度",
            "评价方式",
            "评价机构",
            "报告日期",
        ],
    )
    assert world.dept_a1.name in cover and world.dept_a1.budget_code in cover
    assert "2023年度" in cover and "甲县财政局（制）" in cover
    assert "目录" in contents
    assert world.project_a1.name in contents and second.name in contents
    tables = [page for page in pages if "项目支出绩效自评表" in page and "项目名称" in page]
    assert len(tables) == 2
    # One project is approved, the other a draft: the watermark marks the draft only.
    approved_page = next(p for p in tables if world.project_a1.name in p)
    draft_page = next(p for p in tables if second.name in p)
    assert "草稿" not in approved_page.split("项目名称")[0]
    assert "草稿" in draft_page
    assert f"第 2 页 共 {len(pages)} 页" in contents
    assert "部门（单位）意见" in pages[-1] and "财政部门归口业务股室意见" in pages[-1]


def test_the_bundle_contents_gives_each_sections_page(world):
    for _ in range(2):
        factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    for project in world.dept_a1.projects.all():
        helpers.evaluate(project, world.filer_a1, rows=helpers.many_rows(world.bureau_a, 40))
    target = Target(fiscal_year=world.year_a, department=world.dept_a1)

    pages = helpers.pdf_pages(_pdf("department_bundle", target))

    for project in world.dept_a1.projects.all():
        listed = next(line for line in pages[1].splitlines() if project.name in line)
        page_number = int(listed.rstrip().split()[-1].strip("."))
        assert project.name in pages[page_number - 1]
        assert "项目名称" in pages[page_number - 1]


def test_the_summary_lists_every_project_with_scores_grades_rate_and_state(world):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    filing = helpers.approve(filing, world.filer_a1, world.reviewer_a)
    helpers.review(filing, world.reviewer_a, {"督查督办信访件": Decimal(45)}, "94.88", "优")
    target = Target(fiscal_year=world.year_a)

    text = "\n".join(helpers.pdf_pages(_pdf("bureau_summary", target)))

    assert _in_order(
        text,
        [
            "项目支出绩效自评结果汇总表",
            "序号",
            "部门（单位）",
            "项目名称",
            "自评得分",
            "自评等次",
            "复核得分",
            "复核等次",
            "执行率",
            "状态",
        ],
    )
    assert "99.88 优 94.88 优 98.75% 已通过" in text
    assert world.project_a2.name in text and "未填报" in text
    assert world.project_b1.name not in text
    assert "合计：项目 2 个，已通过 1 个，未填报 1 个。" in text


def test_documents_are_in_chinese_whatever_language_the_requester_reads(world):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    helpers.approve(filing, world.filer_a1, world.reviewer_a)

    with translation.override("en"):
        content = build_content("bureau_summary", Target(fiscal_year=world.year_a))

    assert [row["state"] for row in content["rows"]] == ["已通过", "未填报"]


def test_rows_print_in_the_filers_order_of_groups(world):
    from apps.project_evaluations.models import IndicatorRow
    from tests.project_evaluations.builders import valid_filing

    filing = valid_filing(world.project_a1)
    rows = list(IndicatorRow.objects.filter(evaluation__filing=filing).order_by("position"))
    # The filer put the satisfaction group first.
    satisfaction = next(r for r in rows if r.name == "群众满意度")
    for position, row in enumerate([satisfaction, *[r for r in rows if r != satisfaction]]):
        IndicatorRow.objects.filter(pk=row.pk).update(position=position)

    text = _table(world, filing)

    assert _in_order(text, ["群众满意度", "信访事项受理率", "按期办结率", "群众诉求解决率"])

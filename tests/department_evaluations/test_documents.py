"""The printed 部门整体支出绩效评价自评报告: the form's labels in order, the filing's figures,
the 打分表 when the filing is scored by one (DESIGN §5, §8; seeds 001 and 002)."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from apps.core.money import wan_to_yuan
from apps.department_evaluations.data import (
    DepartmentData,
    EvaluatorData,
    FinanceData,
    GoalData,
    IndicatorData,
    OutputData,
    RubricLine,
    TaskData,
)
from apps.department_evaluations.documents import DEPARTMENT_TABLE
from apps.department_evaluations.models import KIND
from apps.department_evaluations.services import department_create, department_save
from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory, Rubric, RubricItem
from apps.indicators.services import scoring_policy_ensure
from apps.reports.documents import Target, registry
from apps.reviews.models import Review
from tests.department_evaluations.printing import first_missing, flat_text, pdf_of
from tests.reports import helpers

D = Decimal
DUTIES = "负责处理人民群众给区委、区政府及其领导同志的来信。"
GOAL = "目标1：强化信访责任制落实，压实领导干部信访工作责任。"
ACHIEVED = "目标1完成情况：完善信访联席会议制度。"


def wan(text: str) -> Decimal:
    """An amount typed from a printed 万元 figure, in 元."""
    return wan_to_yuan(D(text))


@pytest.fixture(autouse=True)
def _registered(monkeypatch):
    """The document as kind.py registers it, for these tests only."""
    monkeypatch.setitem(registry._documents, DEPARTMENT_TABLE.key, DEPARTMENT_TABLE)
    monkeypatch.setitem(registry._filing_documents, KIND, DEPARTMENT_TABLE.key)


def _policy(world, basis: str, rubric: Rubric | None = None):
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis, policy.rubric = basis, rubric
    policy.save()
    return policy


def _rubric(world) -> Rubric:
    """Three rows of seed 002's 打分表: two under 目标管理 (one computed) and the 扣分项."""
    rubric = Rubric.objects.create(bureau=world.bureau_a, name="部门整体绩效自评打分表")
    rows = [
        ("目标制定", D(10), "部门组织对本部门绩效目标开展内部审核的，得10分。", ""),
        (
            "目标实现",
            D(10),
            "该项指标得分=达到预期值的数量指标个数/全部数量指标个数*10。",
            "department_goals",
        ),
    ]
    for position, (level3, weight, standard, computation) in enumerate(rows, start=1):
        RubricItem.objects.create(
            rubric=rubric,
            position=position,
            level1="部门预算项目绩效管理",
            level2="目标管理",
            level3=level3,
            weight=weight,
            explanation="是否开展部门内部绩效目标审核工作。",
            standard=standard,
            whole=True,
            quantitative=True,
            computation=computation,
        )
    RubricItem.objects.create(
        rubric=rubric,
        position=3,
        level1="扣分项",
        weight=D(10),
        explanation="被评价单位配合评价工作情况。",
        standard="按0.5分/次予以扣分，最高扣10分。",
        is_deduction=True,
    )
    return rubric


def _data(world, **changes) -> DepartmentData:
    """Seed 001's figures (岳阳市云溪区信访局, 万元) with a second institution."""
    categories = {
        c.name: c.pk
        for c in IndicatorCategory.objects.filter(
            bureau=world.bureau_a, framework=Framework.DEPARTMENT, level=2
        )
    }
    own = {
        "income_total": "273.09",
        "income_carryover": "0",
        "income_fiscal": "259.16",
        "income_superior": "1.50",
        "income_other": "12.43",
        "expense_total": "273.09",
        "expense_basic": "140.00",
        "expense_personnel": "128.80",
        "expense_public": "11.20",
        "expense_project": "133.09",
        "balance_current": "0",
        "balance_accumulated": "0",
        "three_public_total": "0.04",
        "reception": "0.04",
        "assets_total": "99.32",
        "assets_in_use": "99.32",
    }
    centre = {
        "income_total": "20.00",
        "income_fiscal": "20.00",
        "three_public_total": "0.30",
        "reception": "0.30",
    }
    values = {
        "evaluation_method": "部门（单位）绩效自评",
        "evaluation_agency": "部门（单位）评价组",
        "report_date": datetime.date(2023, 7, 8),
        "prepared_by": "岳阳市云溪财政局",
        "contact_person": "刘奇",
        "contact_phone": "8415041",
        "authorized_headcount": 9,
        "actual_headcount": 9,
        "duties": DUTIES,
        "main_work": "任务1：强化信访责任制落实。",
        "overall_performance": "全年共办理群众信访961批1954人次。",
        "finance": (
            FinanceData("局机关", {k: wan(v) for k, v in own.items()}, unit_id=world.dept_a1.pk),
            FinanceData("人民来访接待中心", {k: wan(v) for k, v in centre.items()}),
        ),
        "goals": (GoalData(expected=GOAL, achieved=ACHIEVED),),
        "tasks": (
            TaskData(
                name="信访维稳工作经费",
                level="本级",
                approved_total=wan("40"),
                approved_fiscal=wan("40"),
                actual=wan("36"),
                low_reason="会议推迟召开。",
            ),
        ),
        "indicators": (
            IndicatorData(
                categories["数量指标"],
                "产出指标",
                "数量指标",
                name="办理群众信访",
                comparator="≥",
                target_text="900",
                unit="批",
                actual_text="961",
                weight=D(50),
            ),
            IndicatorData(
                categories["服务对象满意度指标"],
                "满意度指标",
                "服务对象满意度指标",
                name="社会群众满意度",
                comparator="≥",
                target_text="95",
                unit="%",
                actual_text="98",
                weight=D(40),
            ),
        ),
        "outputs": (OutputData("product", "法律顾问服务", plan="10", actual="10"),),
        "evaluators": (EvaluatorData("刘奇", "副局长", "信访局"),),
        **changes,
    }
    return DepartmentData(**values)


def _filing(world, data_changes: dict | None = None) -> Filing:
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    data = _data(world, **(data_changes or {}))
    return department_save(filing=filing, by=None, base_version=filing.version, data=data).filing


def test_report_prints_the_forms_sections_in_order_with_the_filings_figures(world):
    _policy(world, "indicators")
    filing = _filing(world)

    text = flat_text(pdf_of(filing))

    assert None is first_missing(
        text,
        [
            "2023年度部门整体支出",
            "绩效评价自评报告",
            "部门(单位)名称：",
            world.dept_a1.name,
            "预算编码：",
            world.dept_a1.budget_code,
            "评价方式：部门（单位）绩效自评",
            "评价机构：部门（单位）评价组",
            "报告日期：2023年7月8日",
            "岳阳市云溪财政局（制）",
            "一、部门（单位）基本概况",
            "联系人",
            "刘奇",
            "联络电话",
            "8415041",
            "人员编制",
            "实有人数",
            "职能职责概述",
            DUTIES,
            "年度主要工作内容",
            "年度部门（单位）总体运行情况及取得的成绩",
            "二、部门（单位）收支情况",
            "年度收入情况（万元）",
            "机构名称",
            "收入合计",
            "上年结转",
            "公共财政拨款",
            "政府基金拨款",
            "纳入专户管理的非税收入拨款",
            "上级补助",
            "事业收入",
            "其他收入",
            # The computed total row first, then each institution as typed.
            "局机关及二级机构汇总",
            "293.09",
            "1、局机关",
            "273.09",
            "259.16",
            "2、人民来访接待中心",
            "20.00",
            "部门（单位）年度支出和结余情况（万元）",
            "支出合计",
            "基本支出",
            "项目支出",
            "当年结余",
            "累计结余",
            "人员支出",
            "公用支出",
            "1、局机关",
            "128.80",
            "三公经费合计",
            "公务接待费",
            "公务用车运维费",
            "公务用车购置费",
            "因公出国费",
            "局机关及二级机构汇总",
            "0.34",
            "固定资产合计",
            "在用固定资产",
            "出租固定资产",
            "99.32",
            "三、部门（单位）整体支出绩效自评情况",
            "整体支出绩效定性目标及实施计划完成情况",
            "预期目标",
            "实际完成",
            GOAL,
            ACHIEVED,
            "整体支出绩效定量目标及实施计划完成情况",
            "评价内容",
            "绩效目标",
            "完成情况",
            "分值",
            "得分",
            "产出指标",
            "数量指标",
            "办理群众信访≥900批",
            "961批",
            "部门年度重点工作任务",
            "批复金额（万元）",
            "预算执行率",
            "90.00%",
            "本年度提供的公共产品或服务",
            "法律顾问服务",
            "预算执行率",
            "绩效自评综合得分",
            "评价等次",
            "四、评价人员",
            "姓名",
            "职务/职称",
            "单位",
            "签字",
            "副局长",
            "评价组组长（签字）：",
            "部门（单位）意见：",
            "部门（单位）负责人（签章）：",
            "财政部门归口业务股室意见：",
            "财政部门归口业务股室负责人（签章）：",
            "填报人（签名）：",
            "联系电话：",
        ],
    )
    assert "打分表" not in text
    assert "其他支出" not in text  # no institution has one: the form's columns only


def test_report_prints_the_scores_of_the_indicator_tree_and_the_computed_total(world):
    _policy(world, "indicators")
    filing = _filing(world)

    text = flat_text(pdf_of(filing))

    assert filing.total_score is not None
    assert None is first_missing(
        text, ["绩效自评综合得分", f"{filing.total_score:.2f}", "评价等次", filing.grade]
    )


def test_report_prints_the_declared_score_without_score_columns(world):
    _policy(world, "declared")
    filing = _filing(world, {"declared_score": D("96"), "declared_grade": "优"})

    text = flat_text(pdf_of(filing))

    assert None is first_missing(text, ["完成情况", "产出指标", "办理群众信访≥900批", "961批"])
    assert "分值" not in text
    assert None is first_missing(text, ["绩效自评综合得分", "96.00", "评价等次", "优"])


def test_report_ends_with_the_scoring_sheet_when_the_filing_is_scored_by_one(world):
    rubric = _rubric(world)
    _policy(world, "rubric", rubric)
    items = {item.level3 or item.level1: item.pk for item in rubric.items.all()}
    filing = _filing(
        world,
        {
            "rubric": (
                RubricLine(items["目标制定"], D(8), note="审核记录已归档"),
                RubricLine(items["扣分项"], D("0.5")),
            )
        },
    )

    data = pdf_of(filing)
    text = flat_text(data)

    # 目标实现 is computed: 1 of 1 数量指标 achieved (961 ≥ 900) × 10; 8 + 10 − 0.5.
    assert None is first_missing(
        text,
        [
            "四、评价人员",
            f"{world.dept_a1.name}部门整体绩效自评打分表",
            "绩效指标",
            "指标分值",
            "指标解释",
            "计分标准",
            "评价方式",
            "评价属性",
            "自评打分",
            "备注",
            "一级指标",
            "二级指标",
            "三级指标",
            "整体评价",
            "样本评价",
            "定性评价",
            "定量评价",
            "部门预算项目绩效管理（20分）",
            "目标管理（20分）",
            "目标制定",
            "√",
            "8",
            "审核记录已归档",
            "目标实现",
            "10",
            "扣分项（10分）",
            "-0.5",
            "部门整体自评得分",
            "17.5",
        ],
    )
    assert None is first_missing(text, ["绩效自评综合得分", "17.50"])
    # The sheet is on landscape pages after the portrait ones.
    pages = PdfReader(io.BytesIO(data)).pages
    assert pages[0].mediabox.width < pages[0].mediabox.height
    assert pages[-1].mediabox.width > pages[-1].mediabox.height


def test_report_is_marked_draft_until_approved_and_named_for_the_department(world):
    _policy(world, "indicators")
    filing = _filing(world)
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)

    content = DEPARTMENT_TABLE.build(target)

    assert content["watermark"] == "草稿"
    assert DEPARTMENT_TABLE.filing is not None
    assert DEPARTMENT_TABLE.filing.file_name(content) == (
        f"2023年度部门整体支出绩效评价自评报告-{world.dept_a1.name}.pdf"
    )


def test_report_prints_the_reviewers_total_and_no_draft_mark_once_approved(world):
    _policy(world, "indicators")
    filing = helpers.approve(_filing(world), world.filer_a1, world.reviewer_a)
    revision = filing.revisions.order_by("-number").first()
    Review.objects.filter(revision=revision).update(total_score=D("88.5"), grade="良")

    text = flat_text(pdf_of(filing))

    assert None is first_missing(
        text, ["绩效自评综合得分", "复核得分", "88.50", "评价等次", "复核等次", "良"]
    )
    assert "草稿" not in text


def test_report_repeats_the_indicator_groups_on_every_page_of_a_long_table(world):
    _policy(world, "indicators")
    quantity = IndicatorCategory.objects.get(
        bureau=world.bureau_a, framework=Framework.DEPARTMENT, level=2, name="数量指标"
    )
    rows = tuple(
        IndicatorData(
            quantity.pk,
            "产出指标",
            "数量指标",
            name=f"第{n:03d}号指标",
            comparator="≥",
            target_text=str(n),
            unit="件",
            actual_text=str(n),
            weight=D(1),
        )
        for n in range(1, 61)
    )
    filing = _filing(world, {"indicators": rows})

    pages = helpers.pdf_pages(pdf_of(filing))

    text = re.sub(r"\s+", "", "".join(pages))
    assert None is first_missing(text, [f"第{n:03d}号指标≥{n}件" for n in range(1, 61)])
    continued = [page for page in pages if "第060号指标" in page and "第001号指标" not in page]
    assert continued, "the table fits one page: make it longer"
    # The page that continues the group shows its header and labels again.
    assert None is first_missing(
        re.sub(r"\s+", "", continued[0]), ["评价内容", "绩效目标", "产出指标", "数量指标"]
    )


def test_department_bundle_prints_the_report_as_a_section(world):
    _policy(world, "indicators")
    filing = _filing(world)
    bundle = registry.kind_of("department_bundle")
    target = Target(fiscal_year=world.year_a, department=filing.department)

    output = bundle.produce(bundle.build(target), lambda *args: None)

    assert output.data is not None
    assert None is first_missing(
        flat_text(output.data),
        [
            "目录",
            f"部门整体支出绩效评价自评报告——{world.dept_a1.name}",
            "绩效评价自评报告",
            "局机关及二级机构汇总",
            "293.09",
            "四、评价人员",
            "审核意见",
        ],
    )

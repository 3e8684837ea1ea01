"""The demo reports: seeds 000–004 entered as published, each in its bureau's outline.

Each report's headings are listed here as the seed prints them, in its order, with a few
figures of the published text under the heading that prints them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from apps.budgets.demo import demo_load
from apps.department_evaluations.demo import demo_departments_load
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators.models import Framework, ScoringPolicy
from apps.narratives import shipped
from apps.narratives.checks import Payment, sums
from apps.narratives.demo import DemoReportsResult, demo_reports_load
from apps.narratives.models import PaymentRow, ReportOutline, ReportSection
from apps.narratives.outlines import filled_titles
from apps.narratives.part import findings_of
from apps.narratives.selectors import Report, report_of
from apps.project_evaluations.demo import demo_evaluations_load
from apps.project_evaluations.models import FundingLine
from apps.reports.documents import Target, kind_of
from tests.department_evaluations.printing import first_missing, flat_text

# Also the tests that only read the module's fixtures: pytest-django creates the test database
# only for a session that has a database test.
pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)

LISHUI = "丽水市信访局"
YUNXI = "岳阳市云溪区信访局"
EBIAN = "峨边彝族自治县信访局"
YUXI = "玉溪市信访局"
RUGAO = "如皋市信访局"

# Seed 000, 附件4.
LISHUI_HEADINGS = [
    "一、部门基本概况",
    "二、部门整体支出绩效状况",
    "三、存在的问题及原因",
    "四、提高财政资金绩效的措施与建议",
]
# Seed 001, 五、评价报告综述 (lines 420–474).
YUNXI_HEADINGS = [
    "一、部门（单位）概况",
    "（一）主要职能",
    "（二）机构设置",
    "二、一般公共预算支出情况",
    "（一）基本支出情况",
    "（二）项目支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "（一）预算配置",
    "（二）预算执行",
    "（三）预算管理",
    "（四）资产管理",
    "（五）职责履行和效益",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、其他需要说明的情况",
]
# Seed 002, 附件1 (lines 150–225).
EBIAN_HEADINGS = [
    "一、部门（单位）概况",
    "（一）机构组成。",
    "（二）机构职能。",
    "（三）人员概况。",
    "二、部门财政资金收支情况",
    "（一）部门财政资金收入情况。",
    "（二）部门财政资金支出情况。",
    "三、部门整体预算绩效管理情况",
    "（一）部门预算管理。",
    "（二）专项预算管理（根据部门整体支出绩效指标体系确定是否填写）",
    "（三）结果应用情况。",
    "四、评价结论及建议",
    "（一）评价结论。",
    "（二）存在问题。",
    "（三）改进建议。",
]
# Seed 002, 附件2–4: the same headings in each of the three project reports.
PROJECT_HEADINGS = [
    "一、项目概况",
    "（一）项目基本情况。",
    "（二）项目绩效目标。",
    "（三）项目自评步骤及方法。",
    "二、项目资金申报及使用情况",
    "（一）项目资金申报及批复情况。",
    "（二）资金计划、到位及使用情况（可用表格形式反映）。",
    "（三）项目财务管理情况。",
    "三、项目实施及管理情况",
    "（一）项目组织架构及实施流程。",
    "（二）项目管理情况。",
    "（三）项目监管情况。",
    "四、项目绩效情况",
    "（一）项目完成情况。",
    "（二）项目效益情况。",
    "五、评价结论及建议",
    "（一）评价结论。",
    "（二）存在的问题。",
    "（三）相关建议。",
]
# Seed 003, 公开10表 (lines 258–274).
YUXI_HEADINGS = [
    "一、部门基本情况",
    "(一) 部门概况",
    "(二) 部门绩效目标的设立情况",
    "(三) 部门整体收支情况",
    "(四) 部门预算管理制度建设情况",
    "(五) 严控“三公经费”支出情况",
    "二、绩效自评工作情况",
    "(一) 绩效自评的目的",
    "(二) 自评组织过程",
    "三、评价情况分析综合评价结论",
    "四、存在的问题和整改情况",
    "五、绩效自评结果应用",
    "六、主要经验及做法",
    "七、其他需说明的情况",
]
# Seed 004: seven reports of three sections.
RUGAO_HEADINGS = ["一、项目情况", "二、使用原则", "三、项目绩效"]

STABILITY = "信访稳定经费"
HOTLINE = "心连心热线服务平台维护和通信费"
SUNSHINE = "阳光信访、领导视频接访网络服务租赁费"

# Each seed report: (department, project or "", its headings, {heading: published figures}).
REPORTS = {
    "lishui": (
        LISHUI,
        "",
        LISHUI_HEADINGS,
        {
            "一、部门基本概况": ["1148.66万元", "1184.72万元"],
            "二、部门整体支出绩效状况": ["1184.72万元", "1117.44万元", "354.64万元"],
        },
    ),
    "yunxi": (
        YUNXI,
        "",
        YUNXI_HEADINGS,
        {
            "二、一般公共预算支出情况": ["259.16万元"],
            "（一）基本支出情况": ["138.45万元"],
            "（二）项目支出情况": ["120.71万元"],
            "（一）预算配置": ["2022年预算编制数为9人"],
            "（二）预算执行": ["273.09万元", "259.16万元", "13.94万元"],
        },
    ),
    "ebian": (
        EBIAN,
        "",
        EBIAN_HEADINGS,
        {
            "（一）部门财政资金收入情况。": ["305.97万元"],
            "（二）部门财政资金支出情况。": ["308.97万元", "271.46万元", "34.51万元"],
            "（一）评价结论。": ["总分值100分，自评得分98分"],
        },
    ),
    "ebian-stability": (
        EBIAN,
        STABILITY,
        PROJECT_HEADINGS,
        {"（一）项目资金申报及批复情况。": ["预算资金32万元"]},
    ),
    "ebian-hotline": (
        EBIAN,
        HOTLINE,
        PROJECT_HEADINGS,
        {"（一）项目资金申报及批复情况。": ["预算资金0.89万元"]},
    ),
    "ebian-sunshine": (
        EBIAN,
        SUNSHINE,
        PROJECT_HEADINGS,
        {"（一）项目资金申报及批复情况。": ["预算资金1.62万元"]},
    ),
    "yuxi": (
        YUXI,
        "",
        YUXI_HEADINGS,
        {"(三) 部门整体收支情况": ["991.89万元", "873.39万元", "118.50万元"]},
    ),
    "rugao-leaders": (RUGAO, "领导接访费用", RUGAO_HEADINGS, {"一、项目情况": ["5万元使用完毕"]}),
    "rugao-incidents": (
        RUGAO,
        "处理越访、突发事件及办信",
        RUGAO_HEADINGS,
        {"一、项目情况": ["2.97 万元使用完毕"]},
    ),
    "rugao-law": (RUGAO, "法治宣传教育经费", RUGAO_HEADINGS, {"一、项目情况": ["4.46 万元"]}),
    "rugao-relief": (
        RUGAO,
        "信访救助专项资金",
        RUGAO_HEADINGS,
        {"一、项目情况": ["100万元", "85.62万元使用完毕"]},
    ),
    "rugao-escort": (RUGAO, "驻京驻宁导访费用", RUGAO_HEADINGS, {"二、使用原则": ["65万元"]}),
    "rugao-review": (RUGAO, "复查、督办专项经费", RUGAO_HEADINGS, {"一、项目情况": ["2万元"]}),
    "rugao-equipment": (RUGAO, "办公设备购置", RUGAO_HEADINGS, {"一、项目情况": ["1.08 万元"]}),
}

# 峨边's 支付明细表 as printed (万元 → 元): rows (name, 预算, 申请, 使用) and the typed 合计.
PAYMENTS = {
    STABILITY: (
        [("办公费", "100000", "100000", "100000"), ("差旅费", "220000", "220000", "220000")],
        ("320000", "320000", "320000"),
    ),
    HOTLINE: ([("维修（维护）费", "8900", "8900", "8900")], ("8900", "8900", "8900")),
    SUNSHINE: ([("维修（维护）费", "16200", "16200", "16200")], ("16200", "16200", "16200")),
}

PAYMENT_REPORTS = {STABILITY: "stability", HOTLINE: "hotline", SUNSHINE: "sunshine"}

# Seed 004: the amount each report says was used (万元), and 信访救助专项资金's budget.
RUGAO_USED = {
    "领导接访费用": ("5", "5"),
    "处理越访、突发事件及办信": ("2.97", "2.97"),
    "法治宣传教育经费": ("4.46", "4.46"),
    "信访救助专项资金": ("100", "85.62"),
    "驻京驻宁导访费用": ("65", "65"),
    "复查、督办专项经费": ("2", "2"),
    "办公设备购置": ("1.08", "1.08"),
}


@dataclass(frozen=True)
class Seen:
    """A demo report as `report_of` gives it, read once for the module's read-only tests."""

    title: list[str]
    headings: list[str]
    keys: list[str]
    bodies: dict[str, str]  # by heading
    paragraphs: dict[str, list[str]]  # by key
    stored_keys: set[str]
    figures: list
    stale: int
    payments: list[tuple]
    total: tuple | None
    findings: list
    executed: Decimal | None  # the kind's 全年执行数, which the 使用金额 must equal


def _load() -> DemoReportsResult:
    demo_load(today=TODAY)
    demo_evaluations_load()
    demo_departments_load()
    return demo_reports_load()


def _filing(department: str, project: str = "") -> Filing:
    filings = Filing.objects.select_related("fiscal_year", "department", "project").filter(
        department__name=department
    )
    if project:
        return filings.get(project__name=project)
    return filings.get(kind="department")


def _report(department: str, project: str = "") -> Report:
    report = report_of(_filing(department, project))
    assert report is not None
    return report


def _seen(report: Report) -> Seen:
    def cells(row) -> tuple:
        return (row.budget, row.applied, row.used)

    total = report.payment_total
    return Seen(
        title=filled_titles(report.outline, **report.kind.names(report.filing)),
        headings=[section.heading for section in report.sections],
        keys=report.outline.keys,
        bodies={section.heading: section.body for section in report.sections},
        paragraphs={section.key: section.paragraphs for section in report.sections},
        stored_keys=set(
            ReportSection.objects.filter(filing=report.filing).values_list("key", flat=True)
        ),
        figures=[record for section in report.sections for record in section.figures],
        stale=len(report.stale),
        payments=[(row.name, *cells(row)) for row in report.payments],
        total=cells(total) if total is not None else None,
        findings=findings_of(report),
        executed=report.kind.executed(report.filing),
    )


@dataclass(frozen=True)
class Demo:
    reports: dict[str, Seen]
    layouts: dict[str, str]  # the department policies' layouts by region code
    outlines: list[tuple[int, str, str, str]]  # year, bureau, kind, text
    rugao: dict[str, tuple]  # project → (layout, funding lines, row count, execution rate)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Demo:
    """The demo loaded once and read into plain values, in a transaction rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        reports = {
            name: _seen(_report(department, project))
            for name, (department, project, _headings, _figures) in REPORTS.items()
        }
        layouts = dict(
            ScoringPolicy.objects.filter(framework=Framework.DEPARTMENT).values_list(
                "fiscal_year__bureau__region_code", "layout"
            )
        )
        outlines = [
            (o.fiscal_year.year, o.fiscal_year.bureau.name, o.filing_kind, o.text)
            for o in ReportOutline.objects.select_related("fiscal_year__bureau")
        ]
        rugao = {}
        for project in RUGAO_USED:
            filing = _filing(RUGAO, project)
            policy = ScoringPolicy.objects.get(
                fiscal_year=filing.fiscal_year, framework=Framework.PROJECT
            )
            lines = {
                line.source: (line.initial, line.adjusted, line.executed)
                for line in FundingLine.objects.filter(evaluation__filing=filing)
            }
            rows = filing.project_evaluation.rows.count()
            rugao[project] = (policy.layout, lines, rows, filing.execution_rate)
        transaction.set_rollback(True)
    return Demo(reports=reports, layouts=layouts, outlines=outlines, rugao=rugao)


@pytest.mark.parametrize("name", REPORTS)
def test_each_report_has_the_seeds_headings_in_order_and_its_figures(demo, name):
    _department, _project, headings, figures = REPORTS[name]
    seen = demo.reports[name]

    assert seen.headings == headings
    for heading, printed in figures.items():
        for figure in printed:
            assert figure in seen.bodies[heading], (heading, figure)
    # A key of the seed module that is not the outline's would print nowhere.
    assert seen.stored_keys <= set(seen.keys)


@pytest.mark.parametrize("name", REPORTS)
def test_published_text_is_plain_text_with_no_figure_to_keep_true(demo, name):
    seen = demo.reports[name]

    # Typed by the department: nothing remembers a source, so nothing is ever flagged.
    assert (seen.figures, seen.stale) == ([], 0)
    # A paragraph a line: no blank line, no line padded with spaces.
    for heading, body in seen.bodies.items():
        assert all(line and line == line.strip() for line in body.splitlines()), heading


def test_each_department_report_is_in_the_outline_of_its_layout(demo):
    codes = {LISHUI: "331100", YUNXI: "430603", EBIAN: "511132", YUXI: "530400"}

    assert {d: shipped.BY_LAYOUT[("department", demo.layouts[c])] for d, c in codes.items()} == {
        LISHUI: "department_lishui",
        YUNXI: "department_yunxi",
        EBIAN: "department_ebian",
        YUXI: "department_yuxi",
    }
    assert demo.reports["ebian"].title == ["2023年度峨边彝族自治县信访局", "整体支出绩效评价报告"]
    assert demo.reports["yunxi"].title == ["五、评价报告综述"]


def test_sections_the_seeds_print_empty_stay_empty(demo):
    ebian = demo.reports["ebian-stability"].bodies
    yunxi = demo.reports["yunxi"].bodies

    # Top-level headings over subsections, and the section whose only content is the table.
    assert [heading for heading, body in ebian.items() if not body] == [
        "一、项目概况",
        "二、项目资金申报及使用情况",
        "（二）资金计划、到位及使用情况（可用表格形式反映）。",
        "三、项目实施及管理情况",
        "四、项目绩效情况",
        "五、评价结论及建议",
    ]
    assert [heading for heading, body in yunxi.items() if not body] == ["一、部门（单位）概况"]


def test_numbered_items_are_lines_of_their_own_as_printed(demo):
    duties = demo.reports["ebian"].paragraphs["overview.duties"]
    principles = demo.reports["rugao-leaders"].paragraphs["principles"]
    process = demo.reports["yuxi"].paragraphs["work.process"]

    assert len(duties) == 9  # the opening line and （一）…（八）
    assert [line[:3] for line in duties[1:]] == [f"（{n}）" for n in "一二三四五六七八"]
    assert principles == [
        "1. 充分发挥资金使用效能。",
        "2. 发挥领导接访包案机制作用,推动信访积案、难案、需跨部门协调的案件得到推动化解。",
        "3. 保障市党政领导按要求完成接访工作要求。",
    ]
    # 公开10's four <p> paragraphs, without the extraction's tags.
    assert process[0] == "1. 前期准备" and process[2] == "2. 组织实施"
    assert process[1].startswith("1. 加强组织领导") and process[3].startswith("为加强我单位")
    assert not any("<p>" in line for line in process)
    # The run-in heading “（一）预算配置。” is the outline's, not repeated in the text.
    allocation = demo.reports["yunxi"].paragraphs["performance.allocation"]
    assert allocation == [
        "2022年预算编制数为9人，实际在职人数9人，在职人员控制率为100%；2022年“三公支出”预算1.2万"
        "元，实际支出0.04万元，未超过当年预算。"
    ]


def test_rugao_reports_are_in_the_bureaus_brief_outline_for_2020(demo):
    relief = demo.reports["rugao-relief"]

    assert demo.outlines == [(2020, "如皋市财政局", "project", shipped.PROJECT_BRIEF)]
    assert relief.title == ["信访救助专项资金绩效评价报告"]
    # The page break inside （三） is joined; no list mark or line-wrap space is left.
    assert relief.paragraphs["principles"][2].startswith(
        "(三)属地管理、适当补助。按照属地管理、分级负责的原则,"
    )
    incidents = demo.reports["rugao-incidents"].bodies["一、项目情况"]
    assert incidents.startswith("为处理好各级突发、越访、越级集体上访事件,需财政安排处置越访")
    for name in REPORTS:
        if name.startswith("rugao"):
            lines = [line for lines in demo.reports[name].paragraphs.values() for line in lines]
            assert not any(line.startswith("- ") for line in lines), name
    # 峨边's projects keep the layout's outline.
    assert demo.reports["ebian-stability"].title == ["信访稳定经费项目2023年绩效评价报告"]


@pytest.mark.parametrize("project", PAYMENTS)
def test_ebian_payment_tables_are_as_printed_and_agree_with_the_table(demo, project):
    rows, total = PAYMENTS[project]
    seen = demo.reports[f"ebian-{PAYMENT_REPORTS[project]}"]

    assert seen.payments == [(name, *map(Decimal, amounts)) for name, *amounts in rows]
    assert seen.total == tuple(map(Decimal, total))
    summed = sums(
        [Payment(name, budget, applied, used) for name, budget, applied, used in seen.payments]
    )
    assert (summed.budget, summed.applied, summed.used) == seen.total
    # 使用金额 = the self-evaluation table's 全年执行数, and the checks find nothing.
    assert seen.total[2] == seen.executed
    assert seen.findings == []


def test_only_ebians_project_reports_have_payment_tables(demo):
    with_table = {name for name, seen in demo.reports.items() if seen.payments or seen.total}

    assert with_table == {f"ebian-{name}" for name in PAYMENT_REPORTS.values()}


@pytest.mark.parametrize("project", RUGAO_USED)
def test_rugao_projects_are_filed_in_the_national_form_with_the_amount_used(demo, project):
    budget, used = (Decimal(amount) * 10000 for amount in RUGAO_USED[project])
    layout, lines, rows, rate = demo.rugao[project]

    assert layout == "national"
    assert lines == {
        "total": (budget, budget, used),
        "fiscal": (budget, budget, used),
        "carryover": (None, None, None),
        "other": (None, None, None),
    }
    assert rows == 0  # no indicator row is published
    assert rate == used / budget


def _pdf(filing: Filing) -> bytes:
    """The filing's 评价报告 as the reports print it."""
    document = kind_of("filing_report")
    target = Target(fiscal_year=filing.fiscal_year, filing=filing)
    data = document.produce(document.build(target), lambda *args: None).data
    assert data is not None
    return data


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> dict[str, str]:
    """Each demo report printed once, its text without whitespace, then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        texts = {
            name: flat_text(_pdf(_filing(department, project)))
            for name, (department, project, _headings, _figures) in REPORTS.items()
        }
        transaction.set_rollback(True)
    return texts


@pytest.mark.parametrize("name", REPORTS)
def test_each_printed_report_has_the_seeds_headings_in_order_and_its_figures(printed, name):
    _department, _project, headings, figures = REPORTS[name]
    text = printed[name]

    assert first_missing(text, headings) is None
    # Each figure is printed after its heading (and before the next one).
    for heading, shown in figures.items():
        start = text.index(heading.replace(" ", ""))
        following = headings[headings.index(heading) + 1 :]
        ends = [text.find(h.replace(" ", ""), start + 1) for h in following]
        end = min((e for e in ends if e != -1), default=len(text))
        for figure in shown:
            assert figure.replace(" ", "") in text[start:end], (heading, figure)


@pytest.mark.parametrize("project", PAYMENTS)
def test_each_printed_ebian_project_report_has_its_payment_table(printed, project):
    text = printed[f"ebian-{PAYMENT_REPORTS[project]}"]
    rows, total = PAYMENTS[project]

    def shown(amounts) -> str:
        return "".join(f"{Decimal(amount) / 10000:.2f}" for amount in amounts)

    # Row by row (a page may break the table, its header repeated), 使用比例 recomputed.
    lines = [
        f"{number}{name}{shown(amounts)}100%" for number, (name, *amounts) in enumerate(rows, 1)
    ]
    assert (
        first_missing(
            text,
            [
                "（二）资金计划、到位及使用情况（可用表格形式反映）。",
                "2023年支付明细表",
                "序号项目名称预算金额（万元）申请金额（万元）使用金额（万元）使用比例（%）",
                *lines,
                f"合计{shown(total)}100%",
                "（三）项目财务管理情况。",
            ],
        )
        is None
    )


def _state() -> dict:
    return {
        "filings": list(Filing.objects.order_by("pk").values_list("pk", "version", "updated_at")),
        "snapshots": FilingSnapshot.objects.count(),
        "sections": list(ReportSection.objects.order_by("pk").values_list("pk", "updated_at")),
        "payments": list(PaymentRow.objects.order_by("pk").values_list("pk", "updated_at")),
        "outlines": list(ReportOutline.objects.values_list("pk", "updated_at")),
    }


def test_loading_twice_changes_nothing():
    first = _load()
    before = _state()

    second = demo_reports_load()

    assert first.changed
    assert first.created[ReportOutline] == 1
    assert first.created[PaymentRow] == 7  # 2 + 1 + 1 rows and three 合计
    assert not second.changed
    assert _state() == before


def test_each_report_is_saved_once_through_its_filing():
    _load()
    filing = _filing(EBIAN, STABILITY)
    latest = FilingSnapshot.objects.filter(filing=filing).order_by("-version").first()

    assert latest is not None and latest.version == filing.version
    assert latest.cells["report.performance.completion"].startswith("2023年根据工作安排")
    assert latest.cells["report.payments.total.used"]


def test_reloading_restores_an_edited_section_and_table_with_one_save():
    _load()
    filing = _filing(YUXI)
    section = ReportSection.objects.get(filing=filing, key="basic.finances")
    ReportSection.objects.filter(pk=section.pk).update(body="改过的文字")
    ReportSection.objects.create(filing=filing, key="other.extra", body="多出的一节")
    stability = _filing(EBIAN, STABILITY)
    PaymentRow.objects.filter(filing=stability, name="差旅费").update(used=Decimal("1"))
    versions = (filing.version, stability.version)

    result = demo_reports_load()

    assert result.updated[ReportSection] == 2
    assert result.updated[PaymentRow] == 3
    assert (_filing(YUXI).version, _filing(EBIAN, STABILITY).version) == (
        versions[0] + 1,
        versions[1] + 1,
    )
    assert "991.89万元" in ReportSection.objects.get(pk=section.pk).body
    assert not ReportSection.objects.filter(key="other.extra").exists()
    assert findings_of(_report(EBIAN, STABILITY)) == []


def test_command_loads_the_reports_and_a_second_run_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert ReportSection.objects.filter(body__contains="1184.72万元").exists()
    assert _("Demo data already loaded; nothing changed.") in out.getvalue()

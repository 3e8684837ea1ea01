"""The department's narrative report drafted from its saved data: each outline's sections in
the seeds' words, figures flagged when the finances change, and a fixed number of queries."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.exceptions import ApplicationError
from apps.core.money import wan_to_yuan
from apps.department_evaluations import selectors
from apps.department_evaluations.data import DepartmentData, FinanceData, IndicatorData
from apps.department_evaluations.report import department_draft
from apps.department_evaluations.report.sources import department_sources
from apps.department_evaluations.services import department_create, department_save
from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory
from apps.indicators.services import scoring_policy_ensure
from apps.narratives.figures import Ref, compose
from apps.narratives.selectors import report_of
from apps.narratives.services import report_draft, report_update_figures
from tests import factories
from tests.project_evaluations.builders import valid_filing

D = Decimal
DUTIES = "负责处理人民群众给县委、县政府的来信来访。\n承办上级交办的信访事项。"
REASON = "部分信访事项转为网上办理。"
EXECUTION = (
    "2023年我单位收入273.09万元，其中一般公共预算财政拨款收入259.16万元，其他收入13.93万元；"
    "当年支出273.09万元，年末结转结余0万元，预算执行率为100%。"
)
THREE_PUBLIC = (
    "2023年“三公”经费支出0.34万元，其中：公务接待费0.04万元，公务用车运行维护费0.3万元；"
    "上年“三公”经费支出0.5万元，变动率为-32%。"
)
PROJECTS = (
    "2023年项目支出133.09万元，纳入项目支出绩效自评的项目共2个。\n"
    "1. 信访维稳经费：全年预算数40万元，全年执行数40万元，执行率为100%，自评得分100分，"
    "评价等次为“优”。\n"
    "2. 心连心热线服务平台维护：全年预算数0.89万元，全年执行数0.89万元，执行率为100%，"
    "自评得分100分，评价等次为“优”。"
)
MISSED = (
    "2023年部门整体支出绩效定量目标中，以下指标未达到年度指标值：\n"
    "1. “办理群众信访”年度指标值为≥900批，实际完成值为850批，未达到年度指标值。"
    f"偏差原因：{REASON}"
)
STRUCTURE = (
    "甲县信访局所属人民来访接待中心纳入2023年部门预决算编制范围。\n"
    "2023年单位人员编制9人，实有人数9人。"
)
SECTIONS = {  # the default outline (seed 001's 五 评价报告综述 一 to 九), section by section
    "overview.duties": DUTIES,
    "overview.structure": STRUCTURE,
    "general": "2023年一般公共预算财政拨款收入259.16万元，当年支出合计273.09万元，"
    "其中基本支出140万元，项目支出133.09万元。",
    "general.basic": "2023年基本支出140万元，其中人员经费128.8万元，公用经费11.2万元。",
    "general.project": "2023年项目支出133.09万元，主要为信访维稳经费40万元，"
    "心连心热线服务平台维护0.89万元等项目支出。",
    "fund": "2023年无政府性基金预算支出。",
    "performance.allocation": "2023年预算编制数为9人，实际在职人数9人，在职人员控制率为100%；"
    "2023年“三公”经费实际支出0.34万元，上年支出0.5万元，变动率为-32%。",
    "performance.execution": EXECUTION,
    "performance.assets": "2023年末固定资产合计99.32万元，其中在用固定资产99.32万元。",
    "performance.duties": PROJECTS,
    "problems": MISSED,
}
CONCLUSION = "总分值100分，自评得分97.22分，评价等次为“优”。"
OUTLINES = {
    "": SECTIONS,
    "yunxi": SECTIONS,
    "lishui": {
        "overview": f"{DUTIES}\n甲县信访局人员编制9人，实有人数9人。\n"
        "2023年财政拨款收入为259.16万元，本年支出总额273.09万元，年末固定资产原值为99.32万元。",
        "performance": EXECUTION,
        "problems": MISSED,
    },
    "ebian": {
        "overview.structure": STRUCTURE,
        "overview.duties": DUTIES,
        "overview.staff": "甲县信访局人员编制9人，实有人数9人，在职人员控制率为100%。",
        "finances.income": "2023年甲县信访局收入合计273.09万元，其中一般公共预算财政拨款收入"
        "259.16万元，其他收入13.93万元。",
        "finances.expense": "2023年甲县信访局支出合计273.09万元，其中基本支出140万元，"
        "项目支出133.09万元；当年结余0万元，累计结余0万元。",
        "management.budget": SECTIONS["general.basic"],
        "management.projects": PROJECTS,
        "conclusion.verdict": CONCLUSION,
        "conclusion.problems": MISSED,
    },
    "yuxi": {
        "basic.overview": f"{DUTIES}\n甲县信访局人员编制9人，实有人数9人。\n"
        "2023年财政拨款收入为259.16万元，本年支出总额273.09万元，年末固定资产原值为99.32万元。",
        "basic.finances": "2023年收入合计273.09万元，其中一般公共预算财政拨款收入259.16万元，"
        "其他收入13.93万元；支出合计273.09万元，其中基本支出140万元，项目支出133.09万元；"
        "年末结转结余0万元。",
        "basic.three_public": THREE_PUBLIC,
        "conclusion": CONCLUSION,
        "problems": MISSED,
    },
}


def wan(text: str) -> Decimal:
    return wan_to_yuan(D(text))


def _amounts(**values: str) -> dict[str, Decimal]:
    return {column: wan(value) for column, value in values.items()}


def _data(world) -> DepartmentData:
    """Seed 001's 局机关 figures, a 接待中心 with 公务用车 costs, one target missed of two."""
    level2 = {
        c.name: c.pk
        for c in IndicatorCategory.objects.filter(
            bureau=world.bureau_a, framework=Framework.DEPARTMENT, level=2
        )
    }
    own = _amounts(
        income_total="273.09",
        income_carryover="0",
        income_fiscal="259.16",
        income_other="13.93",
        expense_total="273.09",
        expense_basic="140.00",
        expense_personnel="128.80",
        expense_public="11.20",
        expense_project="133.09",
        balance_current="0",
        balance_accumulated="0",
        three_public_total="0.04",
        reception="0.04",
        assets_total="99.32",
        assets_in_use="99.32",
    )
    centre = _amounts(three_public_total="0.30", vehicle_operation="0.30")
    return DepartmentData(
        authorized_headcount=9,
        actual_headcount=9,
        duties=DUTIES,
        three_public_last_year=wan("0.5"),
        finance=(
            FinanceData("局机关", own, unit_id=world.dept_a1.pk),
            FinanceData("人民来访接待中心", centre),
        ),
        indicators=(
            IndicatorData(
                level2["数量指标"],
                "产出指标",
                "数量指标",
                name="办理群众信访",
                comparator="≥",
                target_text="900",
                unit="批",
                actual_text="850",
                weight=D(50),
                deviation_reason=REASON,
            ),
            IndicatorData(
                level2["服务对象满意度指标"],
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
    )


def _project(world, name: str, code: str, budget: str) -> Filing:
    """A project filing of 甲县信访局 that spent its budget (万元) and scored 100."""
    project = factories.ProjectFactory(
        department=world.dept_a1,
        fiscal_year=world.year_a,
        name=name,
        code=code,
        initial_budget=wan(budget),
        adjusted_budget=wan(budget),
    )
    return valid_filing(project)


def _layout(world, layout: str, basis: str = "indicators") -> None:
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.layout, policy.department_basis = layout, basis
    policy.save()


@pytest.fixture
def filing(world) -> Filing:
    """甲县信访局's 2023 self-evaluation saved with _data, and two project filings."""
    _project(world, "信访维稳经费", "P9001", "40")
    _project(world, "心连心热线服务平台维护", "P9002", "0.89")
    started = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    data = _data(world)
    return department_save(filing=started, by=None, base_version=started.version, data=data).filing


def _drafted(filing: Filing, by) -> dict[str, str]:
    filing = report_draft(filing=filing, by=by, base_version=filing.version)
    report = report_of(filing)
    assert report is not None
    return {section.key: section.body for section in report.sections if section.body}


@pytest.mark.parametrize("layout", list(OUTLINES))
def test_each_outline_drafts_its_sections_from_the_saved_figures(world, filing, layout):
    _layout(world, layout)

    drafted = _drafted(filing, world.filer_a1)

    assert drafted == OUTLINES[layout]


def test_execution_and_three_public_read_as_the_seeds_print_them(world, filing):
    _layout(world, "yuxi")
    yuxi = _drafted(filing, world.filer_a1)
    _layout(world, "")
    default = _drafted(Filing.objects.get(pk=filing.pk), world.filer_a1)

    assert yuxi["basic.three_public"] == THREE_PUBLIC
    assert default["performance.execution"] == EXECUTION


def test_each_drafted_figure_remembers_its_source(world, filing):
    _layout(world, "")

    drafted = report_of(report_draft(filing=filing, by=world.filer_a1, base_version=filing.version))

    assert drafted is not None
    execution = next(s for s in drafted.sections if s.key == "performance.execution")
    assert [(f["source"], f["label"], f["shown"]) for f in execution.figures] == [
        ("finance.income_total", "收入合计", "273.09"),
        ("finance.income_fiscal", "财政拨款收入", "259.16"),
        ("finance.income_other", "其他收入", "13.93"),
        ("finance.expense_total", "支出合计", "273.09"),
        ("finance.balance_accumulated", "累计结余", "0"),
        ("figure.execution_rate", "预算执行率", "100%"),
    ]
    assert not drafted.stale


def _change_fiscal_income(filing: Filing, fiscal: str, total: str) -> Filing:
    """Save the 局机关 row's 财政拨款收入 and 收入合计 anew through the department's save."""
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    data = selectors.data_of(selectors.evaluation_of(fresh))
    own, *others = data.finance
    amounts = own.amounts | {"income_fiscal": wan(fiscal), "income_total": wan(total)}
    changed = replace(data, finance=(replace(own, amounts=amounts), *others))
    return department_save(filing=fresh, by=None, base_version=fresh.version, data=changed).filing


def test_a_changed_income_flags_exactly_the_sentences_holding_it_until_updated(world, filing):
    _layout(world, "")
    drafted = report_draft(filing=filing, by=world.filer_a1, base_version=filing.version)

    saved = _change_fiscal_income(drafted, fiscal="269.16", total="283.09")
    report = report_of(saved)

    assert report is not None
    execution = next(s for s in report.sections if s.key == "performance.execution")
    first, second = EXECUTION.split("；")
    assert sorted(
        (section.key, flag.source, flag.old, flag.new, flag.sentence)
        for section, flag in report.stale
    ) == sorted(
        [
            ("general", "finance.income_fiscal", "259.16", "269.16", SECTIONS["general"]),
            ("performance.execution", "finance.income_total", "273.09", "283.09", first + "；"),
            ("performance.execution", "finance.income_fiscal", "259.16", "269.16", first + "；"),
            ("performance.execution", "figure.execution_rate", "100%", "96.47%", second),
        ]
    )
    assert execution.body == EXECUTION

    for key in ("general", "performance.execution"):
        saved = report_update_figures(
            filing=saved, by=world.filer_a1, base_version=saved.version, key=key
        )

    updated = report_of(saved)
    assert updated is not None
    assert updated.stale == []
    assert {s.key: s.body for s in updated.sections}["performance.execution"] == (
        "2023年我单位收入283.09万元，其中一般公共预算财政拨款收入269.16万元，其他收入13.93万元；"
        "当年支出273.09万元，年末结转结余0万元，预算执行率为96.47%。"
    )


def test_a_declared_score_is_the_conclusions_score(world, filing):
    _layout(world, "ebian", basis="declared")
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    data = selectors.data_of(selectors.evaluation_of(fresh))
    declared = replace(data, declared_score=D("98"), declared_grade="优")
    saved = department_save(filing=fresh, by=None, base_version=fresh.version, data=declared)

    sources = department_sources(saved.filing)

    paragraphs = department_draft(saved.filing, "conclusion", sources)

    assert compose(paragraphs, sources)[0] == "总分值100分，自评得分98分，评价等次为“优”。"
    assert [piece.key for piece in paragraphs[0] if isinstance(piece, Ref)] == [
        "score.full",
        "score.total",
        "score.grade",
    ]


def test_a_blank_filing_drafts_nothing_it_has_no_data_for(world):
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    sources = department_sources(filing)

    for topic in ("missed", "projects", "fund", "execution", "three_public", "duties"):
        assert department_draft(filing, topic, sources) == [], topic


def test_every_target_met_is_said_in_one_sentence(world, filing):
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    data = selectors.data_of(selectors.evaluation_of(fresh))
    met = replace(data.indicators[0], actual_text="960")
    saved = department_save(
        filing=fresh,
        by=None,
        base_version=fresh.version,
        data=replace(data, indicators=(met, *data.indicators[1:])),
    ).filing

    assert department_draft(saved, "missed", department_sources(saved)) == [
        ["2023年部门整体支出绩效定量目标均达到年度指标值。"]
    ]


def test_a_filing_without_a_draftable_section_is_refused(world):
    filing = department_create(department=world.dept_a2, fiscal_year=world.year_a, by=None)
    fresh = Filing.objects.get(pk=filing.pk)
    data = selectors.data_of(selectors.evaluation_of(selectors.with_detail(fresh)))
    blank = department_save(
        filing=fresh,
        by=None,
        base_version=fresh.version,
        data=replace(data, authorized_headcount=None),
    ).filing

    with pytest.raises(ApplicationError):
        report_draft(filing=blank, by=world.filer_a2, base_version=blank.version)


def _queries(filing: Filing) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        sources = department_sources(filing)
    return len(queries), sources


def test_sources_take_as_many_queries_for_12_projects_as_for_2(world, filing):
    few, before = _queries(filing)
    for number in range(10):
        _project(world, f"追加项目{number}", f"P95{number:02d}", "1")
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    data = selectors.data_of(selectors.evaluation_of(fresh))
    more_rows = data.indicators + tuple(
        replace(data.indicators[1], name=f"满意度{n}", weight=None, row_id=None) for n in range(6)
    )
    saved = department_save(
        filing=fresh,
        by=None,
        base_version=fresh.version,
        data=replace(data, indicators=more_rows),
    ).filing

    many, after = _queries(saved)

    assert sum(k.endswith(".executed") for k in before) == 2
    assert sum(k.endswith(".executed") for k in after) == 12
    assert sum(k.startswith("indicator.") for k in after) == 2 * 8
    assert many == few

"""The department form in the bureau's layout: its parts, headings and findings, and a save that
keeps what the layout leaves out (DESIGN §9: the data holds every part)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.budgets.demo import demo_load
from apps.core.money import wan_to_yuan
from apps.department_evaluations import selectors
from apps.department_evaluations.data import EvaluatorData, FinanceData, GoalData
from apps.department_evaluations.demo import demo_departments_load
from apps.department_evaluations.models import (
    DepartmentEvaluation,
    Evaluator,
    FinanceRow,
    QualitativeGoal,
)
from apps.department_evaluations.services import department_create, department_save
from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.indicators.services import scoring_policy_ensure
from apps.project_evaluations.demo import demo_evaluations_load
from tests import factories
from tests.department_evaluations.posts import department_body

pytestmark = pytest.mark.django_db

# Headings each layout's form shows, in order, and headings of parts it leaves out.
SHOWN = {
    "lishui": [
        "市级部门整体支出绩效评价基本情况表",
        "（2019年度）",
        "填报单位（盖章）：丽水市信访局",
        "评价联系人",
        "单位职能",
        "单位年度实际收入",
        "上年结转结余",
        "单位年度实际支出",
        "日常公用支出",
        "年度绩效状况",
        "单位年度财政支出整体绩效目标总体描述",
        "本年度提供的公共产品或服务",
        "本年度取得的实际效益",
        "服务对象（受益者及相关群体）满意度",
    ],
    "yunxi": [
        "2022年度部门整体支出绩效评价自评报告",
        "部门(单位)名称",
        "评价方式",
        "一、部门（单位）基本概况",
        "联络电话",
        "二、部门（单位）收支情况",
        "年度收入情况",
        "公共财政拨款",
        "三公经费合计",
        "固定资产合计",
        "三、部门（单位）整体支出绩效自评情况",
        "整体支出绩效定性目标及实施计划完成情况",
        "预期目标",
        "整体支出绩效定量目标及实施计划完成情况",
        "评价内容",
        "绩效目标",
        "完成情况",
        "绩效自评综合得分",
        "评价等次",
        "四、评价人员",
    ],
    "ebian": [
        "2023年度峨边彝族自治县信访局整体支出绩效评价报告",
        "一、部门（单位）概况",
        "机构职能",
        "二、部门财政资金收支情况",
        "（一）部门财政资金收入情况",
        "（二）部门财政资金支出情况",
        "四、评价结论及建议",
        "自评得分",
        "部门整体绩效自评打分表",
    ],
    "yuxi": [
        "2021年度部门整体支出绩效自评表",
        "公开11表",
        "金额单位：元",
        "部门总体目标",
        "总体绩效目标",
        "一、部门年度目标",
        "财年",
        "二、部门年度重点工作任务",
        "三、部门整体支出绩效指标",
        "指标性质",
        "其他需说明事项",
        "备注：1.涉密部门和涉密信息按保密规定不公开。",
    ],
}
HIDDEN = {
    "lishui": [
        "一、部门（单位）基本概况",
        "评价方式",
        "四、评价人员",
        "打分表",
        "绩效自评综合得分",
    ],
    "yunxi": ["上级补助", "部门年度重点工作任务", "本年度提供的公共产品或服务", "打分表", "财年"],
    "ebian": ["评价人员", "绩效自评综合得分", "三公经费合计", "整体支出绩效定量目标", "财年"],
    "yuxi": ["收支情况", "局机关及二级机构汇总", "评价人员", "绩效自评综合得分", "打分表"],
}
DEPARTMENT_OF = {
    "lishui": "丽水市信访局",
    "yunxi": "岳阳市云溪区信访局",
    "ebian": "峨边彝族自治县信访局",
    "yuxi": "玉溪市信访局",
}


def wan(text: str) -> Decimal:
    return wan_to_yuan(Decimal(text))


@pytest.fixture
def demo() -> dict[str, Filing]:
    demo_load(today=date(2024, 6, 1))
    demo_evaluations_load()
    demo_departments_load()
    filings = Filing.objects.filter(kind="department").select_related("department")
    return {filing.department.name: filing for filing in filings}


def _form(client, filing: Filing) -> str:
    """The page's form, its row templates left out (a browser does not post them)."""
    html = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    start = html.index('<form method="post" id="jx-department"')
    form = html[start : html.index("</form>", start)]
    return re.sub(r"<template.*?</template>", "", form, flags=re.S)


def _findings(client, filing: Filing) -> list[str]:
    html = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    start = html.index('id="jx-findings-list"')
    listed = html[start : html.index("</ol>", start)]
    return re.findall(r'data-goto="([^"]+)"', listed)


def _in_order(text: str, labels: list[str]) -> str | None:
    position = 0
    for label in labels:
        found = text.find(label, position)
        if found == -1:
            return label
        position = found + len(label)
    return None


def _layout(filing: Filing, key: str) -> None:
    ScoringPolicy.objects.filter(
        fiscal_year_id=filing.fiscal_year_id, framework=Framework.DEPARTMENT
    ).update(layout=key)


@pytest.mark.parametrize("layout", ["lishui", "yunxi", "ebian", "yuxi"])
def test_the_form_shows_its_layouts_parts_in_order_and_none_of_the_others(client, demo, layout):
    filing = demo[DEPARTMENT_OF[layout]]
    client.force_login(factories.filer_of(filing.department))

    form = _form(client, filing)

    assert f'data-layout="{layout}"' in form
    assert None is _in_order(form, SHOWN[layout])
    assert [label for label in HIDDEN[layout] if label in form] == []


def test_the_page_lists_only_the_findings_of_the_parts_its_layout_shows(client, demo):
    # Given 云溪's filing, whose 三公经费合计 1.2 is not 0.04 + 0 + 0 + 0
    filing = demo[DEPARTMENT_OF["yunxi"]]
    client.force_login(factories.filer_of(filing.department))
    assert _findings(client, filing) == ["finance-0.three_public_total"]

    # When the bureau prints the year in 玉溪's 公开11, which has no 收支情况
    _layout(filing, "yuxi")

    # Then the page lists no finding of it, and the data still holds the row
    assert _findings(client, filing) == []
    assert FinanceRow.objects.get(evaluation__filing=filing).three_public_total == wan("1.2")


def test_the_page_reads_as_many_queries_in_every_layout(client, demo):
    filing = demo[DEPARTMENT_OF["yunxi"]]
    client.force_login(factories.filer_of(filing.department))
    url = reverse("filings:page", args=[filing.pk])
    counts = {}
    for layout in ("", "lishui", "yunxi", "ebian", "yuxi"):
        _layout(filing, layout)
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[layout] = len(queries)

    assert len(set(counts.values())) == 1, counts


def _filing(world, layout: str) -> Filing:
    """A filing with a 收支 row, two goals with their 财年, an evaluator and a declared score."""
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.layout = layout
    policy.save()
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    data = selectors.data_of(selectors.evaluation_of(selectors.with_detail(filing)))
    amounts = {"income_total": wan("273.09"), "income_fiscal": wan("273.09")}
    amounts |= {"three_public_total": wan("1.2"), "reception": wan("0.04")}
    data = data.__class__(
        **{
            **{name: getattr(data, name) for name in selectors.SCALARS},
            "duties": "负责处理人民群众的来信。",
            "declared_score": Decimal(96),
            "finance": (FinanceData("局机关", amounts, unit_id=world.dept_a1.pk),),
            "goals": (
                GoalData(expected="目标1", achieved="完成1", period="2023"),
                GoalData(expected="目标2", achieved="完成2", period="2024"),
            ),
            "evaluators": (EvaluatorData("刘奇", "副局长", "信访局"),),
        }
    )
    return department_save(filing=filing, by=None, base_version=filing.version, data=data).filing


def _page_body(client, filing: Filing, **cells: str) -> dict[str, str]:
    """What the page posts: the saved values of the inputs it has, changed by cells."""
    names = set(re.findall(r'name="([^"]+)"', _form(client, filing)))
    body = {k: v for k, v in department_body(filing).items() if k in names}
    return body | cells


def test_saving_under_a_layout_without_finance_keeps_the_hidden_parts(client, world):
    filing = _filing(world, "yuxi")
    rows = list(FinanceRow.objects.filter(evaluation__filing=filing).values())
    client.force_login(world.filer_a1)
    body = _page_body(client, filing, duties="负责处理人民群众给县委的来信。")
    assert not any(name.startswith(("finance-", "evaluators-")) for name in body)

    response = client.post(reverse("filings:page", args=[filing.pk]), body)

    assert response.status_code == 302, response.content.decode()[:2000]
    evaluation = DepartmentEvaluation.objects.get(filing=filing)
    assert evaluation.duties == "负责处理人民群众给县委的来信。"
    stored = FinanceRow.objects.filter(evaluation__filing=filing).values()
    assert [{**r, "updated_at": None} for r in stored] == [{**r, "updated_at": None} for r in rows]
    assert evaluation.declared_score == 96  # 综合得分 is no part of 公开11
    assert list(Evaluator.objects.filter(evaluation=evaluation).values_list("name", flat=True)) == [
        "刘奇"
    ]


def test_a_column_the_layout_leaves_out_keeps_its_value_and_a_new_row_has_none(client, world):
    # Given 云溪's 定性目标 (预期目标, 实际完成: no 财年) and two goals saved with theirs
    filing = _filing(world, "yunxi")
    client.force_login(world.filer_a1)
    body = _page_body(client, filing, **{"goals-1-achieved": "已完成2"})
    assert "goals-0-period" not in body
    body |= {"goals-TOTAL": "3", "goals-2-id": "", "goals-2-expected": "目标3"}

    response = client.post(reverse("filings:page", args=[filing.pk]), body)

    assert response.status_code == 302, response.content.decode()[:2000]
    goals = QualitativeGoal.objects.filter(evaluation__filing=filing).order_by("position")
    assert [(g.period, g.expected, g.achieved) for g in goals] == [
        ("2023", "目标1", "完成1"),
        ("2024", "目标2", "已完成2"),
        ("", "目标3", ""),
    ]


def test_the_live_computation_keeps_the_hidden_parts_and_lists_none_of_their_findings(
    client, world
):
    filing = _filing(world, "yuxi")
    client.force_login(world.filer_a1)
    url = reverse("department_evaluations:compute", args=[filing.pk])

    computed = client.post(url, _page_body(client, filing)).json()

    assert computed["total_row"]["income_total"] == "273.09"  # the stored row counts
    assert computed["findings"] == []  # 三公 1.2 ≠ 0.04 is in 收支情况, not on 公开11
    _layout(filing, "")
    fields = [f["field"] for f in client.post(url, _page_body(client, filing)).json()["findings"]]
    assert "finance-0.three_public_total" in fields


def test_a_save_and_a_submission_count_only_the_findings_the_layout_shows(world):
    from apps.filings.kinds import shown_kind

    # The 三公 mismatch of the 收支 row is an error where 收支情况 is shown...
    filing = _filing(world, "yunxi")
    errors, _warnings = shown_kind(filing.kind).recheck(filing)
    assert errors == filing.error_count >= 1
    # ...and not where the layout has no 收支情况: the filer could neither see nor fix it.
    _layout(filing, "yuxi")

    hidden_errors = shown_kind(filing.kind).recheck(filing)[0]
    assert hidden_errors < errors
    saved = department_save(
        filing=filing,
        by=None,
        base_version=filing.version,
        data=selectors.data_of(selectors.evaluation_of(selectors.with_detail(filing))),
    ).filing
    assert saved.error_count == hidden_errors
    assert FinanceRow.objects.filter(evaluation__filing=filing).exists()

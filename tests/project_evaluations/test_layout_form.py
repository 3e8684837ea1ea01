"""The project form in the 四川 layout: what the page sends, what it keeps, what it computes."""

from decimal import Decimal

from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.project_evaluations.models import FundingLine, IndicatorRow
from tests.project_evaluations.test_form import _fill_one_row, _post_data, _url


def _sichuan(world) -> None:
    ScoringPolicy.objects.filter(fiscal_year=world.year_a, framework=Framework.PROJECT).update(
        layout="sichuan"
    )


def test_the_sichuan_page_sends_no_initial_budget_and_its_save_keeps_the_saved_one(
    client, world, started
):
    total = FundingLine.objects.get(evaluation__filing=started, source="total")
    total.initial = Decimal(320000)
    total.save()
    _sichuan(world)
    page = client.get(_url(world.project_a1)).content.decode()
    funding = page.split('class="jx-sheet"')[1].split("绩效指标")[0]
    assert "funding-total-initial" not in page and "年初预算数" not in funding
    assert "全年预算数" in funding and "县级预算资金" in funding
    data = _post_data(page)
    data["funding-total-executed"] = "30"

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    total.refresh_from_db()
    assert total.initial == Decimal(320000)  # not in the page, not wiped
    assert total.executed == Decimal(300000)


def test_a_sichuan_row_shows_its_completion_and_the_filing_has_no_total(client, world, started):
    _sichuan(world)
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    _fill_one_row(
        data, name="督查督办信访件", comparator="≥", target="260", unit="件", actual="247"
    )
    assert "rows-0-weight" not in data  # no 分值 in the layout

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    page = client.get(_url(world.project_a1)).content.decode()
    assert "完成率" in page and "分值" not in page.split('id="jx-rows"')[0].split("绩效指标")[1]
    row = IndicatorRow.objects.get(evaluation__filing=started, position=0)
    assert row.weight is None
    assert row.score == Decimal(95)  # 247 ÷ 260 of 100: the 完成率, in percent
    filing = Filing.objects.get(pk=started.pk)
    assert filing.total_score is None and filing.grade == ""


def test_a_sentence_target_with_no_sign_is_a_qualitative_row(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    _fill_one_row(
        data,
        name="社会和谐稳定",
        comparator="",
        target="2023年12月底前完成",
        actual="已完成",
        qualitative_label="达成年度指标",
        qualitative_score="20",
        weight="20",
    )

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    row = IndicatorRow.objects.get(evaluation__filing=started, position=0)
    assert (row.comparator, row.target_text, row.qualitative_label) == (
        "定性",
        "2023年12月底前完成",
        "达成年度指标",
    )
    assert row.score == Decimal(20)

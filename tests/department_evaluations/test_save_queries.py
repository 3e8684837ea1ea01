"""The department save writes its rows in bulk, and the form shows its rows from plain values.

The save reads and writes a fixed number of queries however many units, indicator rows and
打分表 rows the filing holds; rows keep their ids, new ones are inserted and removed ones
deleted, in the order given. The form's rows (rendered by templates compiled once) still show
each row's review comment beside it.
"""

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.department_evaluations import selectors
from apps.department_evaluations.data import FinanceData, IndicatorData, RubricLine
from apps.department_evaluations.models import DepartmentIndicator, FinanceRow, RubricScore
from apps.department_evaluations.services import department_save
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.reviews.services import review_decide
from tests import factories
from tests.department_evaluations.posts import department_body
from tests.department_evaluations.test_form_page import _grow

pytestmark = pytest.mark.django_db

# The save's queries (session, policy, the filing read under its lock, the rows written in
# bulk, the snapshot), whatever the filing's size.
SAVE_QUERIES = 72


def test_the_save_reads_the_same_number_of_queries_for_one_or_six_units(client, world):
    counts = []
    for size in (1, 6):
        filing = _grow(world, size)
        client.force_login(factories.filer_of(filing.department))
        url = reverse("filings:page", args=[filing.pk])
        client.get(url)
        filing.refresh_from_db()
        body = department_body(filing, **{f"indicators-{size - 1}-actual_text": "12"})
        body |= {f"finance-{size}-income_total": "7", f"rubric-{_last_item(filing)}-note": "说明"}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, body)
        assert response.status_code == 302, response.content.decode()[:500]
        saved = DepartmentIndicator.objects.get(evaluation__filing=filing, position=size - 1)
        assert saved.actual_text == "12"
        finance = FinanceRow.objects.get(evaluation__filing=filing, position=size)
        assert finance.income_total == Decimal(70000)  # 万元 → 元
        assert RubricScore.objects.filter(evaluation__filing=filing, note="说明").count() == 1
        counts.append(len(queries))
    assert counts == [SAVE_QUERIES, SAVE_QUERIES]


def _last_item(filing: Filing) -> int:
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    return selectors.evaluation_of(fresh).rubric.items.order_by("-position").first().pk


def _saved(filing: Filing):
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    return fresh, selectors.data_of(selectors.evaluation_of(fresh))


def test_a_save_keeps_ids_inserts_new_rows_deletes_removed_ones_in_the_order_given(world):
    filing = _grow(world, 3)
    fresh, data = _saved(filing)
    own, first, second, third = data.finance
    rows = data.indicators
    finance = (
        replace(third, name="第三单位改名"),
        FinanceData(name="新机构", amounts={"income_total": Decimal(5)}),
        own,
    )
    indicators = (
        rows[2],
        IndicatorData(
            category_id=rows[0].category_id,
            level1=rows[0].level1,
            level2=rows[0].level2,
            name="新指标",
            comparator="≥",
            target_text="1",
            actual_text="1",
        ),
        replace(rows[0], name="指标0改"),
    )
    items = [line.item_id for line in data.rubric]
    rubric = (RubricLine(item_id=items[1], score=Decimal(3), note="改"),)
    before = {row.pk: row.updated_at for row in FinanceRow.objects.filter(pk=own.row_id)}
    department_save(
        filing=fresh,
        by=None,
        base_version=fresh.version,
        data=replace(data, finance=finance, indicators=indicators, rubric=rubric),
    )
    stored = list(FinanceRow.objects.filter(evaluation__filing=filing).order_by("position"))
    assert [(r.position, r.name) for r in stored] == [
        (0, "第三单位改名"),
        (1, "新机构"),
        (2, own.name),
    ]
    assert stored[0].pk == third.row_id and stored[2].pk == own.row_id
    assert stored[1].pk not in {own.row_id, first.row_id, second.row_id, third.row_id}
    assert stored[1].income_total == Decimal(5) and stored[0].unit_id == third.unit_id
    assert stored[2].updated_at > before[own.row_id]  # a kept row is written again
    assert not FinanceRow.objects.filter(pk__in=[first.row_id, second.row_id]).exists()
    names = list(
        DepartmentIndicator.objects.filter(evaluation__filing=filing)
        .order_by("position")
        .values_list("pk", "name")
    )
    assert [name for _pk, name in names] == ["指标2", "新指标", "指标0改"]
    assert names[0][0] == rows[2].row_id and names[2][0] == rows[0].row_id
    assert not DepartmentIndicator.objects.filter(pk=rows[1].row_id).exists()
    scores = {
        s.item_id: (s.score, s.note) for s in RubricScore.objects.filter(evaluation__filing=filing)
    }
    # Every row of the 打分表 keeps a score line; the one computed by the system (row 0,
    # project_goals) is counted by the system, the others hold what was stated.
    assert set(scores) == set(items)
    assert scores[items[1]] == (Decimal(3), "改") and scores[items[2]] == (None, "")


def test_a_row_id_given_twice_keeps_its_row_once_and_adds_the_other(world):
    filing = _grow(world, 1)
    fresh, data = _saved(filing)
    row = data.indicators[0]
    twice = (row, replace(row, name="重复"))
    department_save(
        filing=fresh, by=None, base_version=fresh.version, data=replace(data, indicators=twice)
    )
    stored = list(
        DepartmentIndicator.objects.filter(evaluation__filing=filing)
        .order_by("position")
        .values_list("pk", "name")
    )
    assert stored[0] == (row.row_id, "指标0") and stored[1][1] == "重复"
    assert stored[1][0] != row.row_id


def _balanced(filing: Filing) -> Filing:
    """The grown filing with each unit's 收入 summed, so it has no error and can be sent."""
    fresh, data = _saved(filing)
    finance = tuple(
        replace(row, amounts={**row.amounts, "income_fiscal": row.amounts["income_total"]})
        if row.amounts.get("income_total")
        else row
        for row in data.finance
    )
    saved = department_save(
        filing=fresh, by=None, base_version=fresh.version, data=replace(data, finance=finance)
    )
    assert saved.filing.error_count == 0
    return saved.filing


def _row_html(html: str, hidden: str) -> str:
    """The table row holding the hidden input (or cell) named."""
    found = re.search(
        rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(hidden)}(?:(?!</tr>).)*</tr>", html, re.S
    )
    assert found, hidden
    return found.group(0)


def test_a_returned_filings_comments_sit_beside_their_indicator_and_scoring_rows(client, world):
    filing = _balanced(_grow(world, 2))
    filer = factories.filer_of(filing.department)
    filing_transition(filing=filing, action=Action.SUBMIT, by=filer)
    _fresh, data = _saved(filing)
    indicator, item = data.indicators[1].row_id, data.rubric[1].item_id
    review_decide(
        filing=Filing.objects.get(pk=filing.pk),
        reviewer=world.reviewer_a,
        decision="return",
        reason="请补充",
        row_comments={f"row:{indicator}": "指标意见甲", f"rubric:{item}": "打分意见乙"},
    )
    client.force_login(filer)
    html = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    assert "指标意见甲" in _row_html(html, f'name="indicators-1-id" value="{indicator}"')
    assert "打分意见乙" in _row_html(html, f'name="rubric-{item}-score"')
    assert html.count("指标意见甲") == 1 and html.count("打分意见乙") == 1

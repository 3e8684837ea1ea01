"""Bounds on every number a filer types: an error on its cell, never a crash or a broken column."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.indicators.values import parse_number, parse_value
from apps.project_evaluations.forms import FormState, parse_state
from apps.project_evaluations.models import FundingLine, IndicatorRow
from apps.project_evaluations.services import (
    categories_for,
    evaluation_compute,
    evaluation_data_of,
    evaluation_save,
)
from tests.project_evaluations.test_form import _fill_one_row, _form, _url


def _compute(client, project, data):
    return client.post(_url(project, "project_evaluation_compute"), data)


def _messages_on(result: dict, cell: str) -> list[str]:
    return [f["message"] for f in result["findings"] if f["field"] == cell]


def test_tiny_budget_and_huge_executed_leave_every_list_readable(client, world, started):
    # Given a budget of one fen and an executed amount near the largest amount a column holds
    data = _form(client, world.project_a1)
    data["funding-total-adjusted"] = "0.000001"
    data["funding-total-executed"] = "9999999999"

    # When the draft is saved
    response = client.post(_url(world.project_a1), data)

    # Then it saves (a draft may hold errors), the executed cell carries the §4 error, and the
    # stored rate is null because 999,999,999,999,900% means nothing and fits no column.
    assert response.status_code == 302
    filing = Filing.objects.get(pk=started.pk)
    assert filing.execution_rate is None
    assert filing.error_count > 0
    assert client.get(reverse("home")).status_code == 200
    assert list(Filing.objects.values_list("execution_rate", flat=True)) == [None]


def test_rate_that_fits_its_column_is_stored_even_above_the_budget(client, world, started):
    data = _form(client, world.project_a1)
    data["funding-total-adjusted"] = "10"
    data["funding-total-executed"] = "12.5"
    assert client.post(_url(world.project_a1), data).status_code == 302
    assert Filing.objects.get(pk=started.pk).execution_rate == Decimal("1.2500")


def test_amount_beyond_what_its_column_holds_is_an_error_on_its_cell(client, world, started):
    data = _form(client, world.project_a1)
    data["funding-total-executed"] = "99999999999"  # 万元: 10^15 元, above 16 digits

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="99999999999"' in page
    assert "金额超出" in page
    assert Filing.objects.get(pk=started.pk).version == 1


@pytest.mark.parametrize("amount", ["-1", "－5", "-0.01"])
def test_negative_amount_is_an_error_on_its_cell(client, world, started, amount):
    data = _form(client, world.project_a1)
    data["funding-total-initial"] = amount

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    assert "金额不能为负数" in response.content.decode()
    result = _compute(client, world.project_a1, data).json()
    assert _messages_on(result, "funding.total.initial")


def test_negative_weight_keeps_the_typed_page_and_answers_on_its_cell(client, world, started):
    # Given a filer who typed a whole row and −5 as its 分值
    data = _form(client, world.project_a1)
    _fill_one_row(
        data, name="督查督办信访件", comparator="≥", target="260", unit="件", actual="255"
    )
    data["rows-0-weight"] = "-5"

    # When the live score asks, then it answers 200 with the error on the weight cell
    computed = _compute(client, world.project_a1, data)
    assert computed.status_code == 200
    messages = _messages_on(computed.json(), "row-0.weight")
    assert len(messages) == 1 and "分值须大于0且不超过100" in messages[0]

    # When it is saved, then nothing is saved and the page comes back with every typed value
    response = client.post(_url(world.project_a1), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="rows-0-weight" value="-5"' in page
    assert "督查督办信访件" in page and ">255</textarea>" in page
    assert "分值须大于0且不超过100" in page
    assert Filing.objects.get(pk=started.pk).version == 1


@pytest.mark.parametrize(
    ("weight", "message"),
    [("0", "分值须大于0且不超过100"), ("100.01", "分值须大于0且不超过100"), ("12.345", "两位小数")],
)
def test_weight_outside_its_bounds_is_an_error(client, world, started, weight, message):
    data = _form(client, world.project_a1)
    data["rows-0-weight"] = weight
    response = client.post(_url(world.project_a1), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert any(
        message in m
        for m in _messages_on(_compute(client, world.project_a1, data).json(), "row-0.weight")
    )


@pytest.mark.parametrize(
    ("score", "message"), [("-1", "得分须在0到"), ("12", "得分须在0到"), ("8.125", "两位小数")]
)
def test_qualitative_score_outside_zero_and_its_weight_is_an_error(
    client, world, started, score, message
):
    data = _form(client, world.project_a1)
    _fill_one_row(
        data,
        name="群众满意",
        comparator="定性",
        qualitative_label="达成年度指标",
        weight="10",
        qualitative_score=score,
    )
    result = _compute(client, world.project_a1, data)
    assert result.status_code == 200
    assert any(message in m for m in _messages_on(result.json(), "row-0.qualitative_score"))
    assert client.post(_url(world.project_a1), data).status_code == 400


def test_total_beyond_its_column_is_stored_as_null(world, started):
    # Given 150 rows of weight 100, each in bounds, that all meet their targets
    evaluation = started.project_evaluation
    data = evaluation_data_of(evaluation)
    row = replace(data.rows[0], row_id=None, weight=Decimal(100), target_text="1", actual_text="1")

    # When saved as a draft (the checks say the weights are wrong)
    saved = evaluation_save(
        filing=started, by=None, base_version=1, data=replace(data, rows=(row,) * 150)
    )

    # Then 15,000 points, meaningless and wider than the column, are stored as null
    filing = Filing.objects.get(pk=saved.filing.pk)
    assert filing.total_score is None and filing.error_count > 0
    assert IndicatorRow.objects.filter(evaluation__filing=filing).count() == 150


@pytest.mark.parametrize(
    ("model", "changes"),
    [
        (FundingLine, {"initial": Decimal(-1)}),
        (FundingLine, {"executed": Decimal("-0.01")}),
        (IndicatorRow, {"weight": Decimal(0)}),
        (IndicatorRow, {"weight": Decimal("100.01")}),
        (IndicatorRow, {"qualitative_score": Decimal(-1)}),
        (IndicatorRow, {"score": Decimal(-1)}),
        (Filing, {"execution_rate": Decimal(-1)}),
        (Filing, {"execution_rate": Decimal("100000")}),
        (Filing, {"total_score": Decimal(-1)}),
    ],
)
def test_database_refuses_numbers_outside_their_bounds(world, started, model, changes):
    queryset = model.objects.all()
    assert queryset.exists()
    # PostgreSQL refuses a number wider than its column before the CHECK (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        queryset.update(**changes)


_NUMERIC_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789０９-－−+＋.．,%％ e≥≤<>=件万")), max_size=60
) | st.from_regex(r"\A[-+]?\d{1,400}(\.\d{1,40})?\Z")


@given(text=_NUMERIC_TEXT)
def test_number_parsers_only_ever_refuse_with_a_message(text):
    for parse in (parse_number, parse_value):
        try:
            parse(text)
        except ValueError as error:
            assert str(error)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(_NUMERIC_TEXT, min_size=8, max_size=8))
def test_form_and_engine_never_raise_on_numeric_text(world, started, cells):
    policy = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    categories = categories_for(world.bureau_a.pk)
    category = next(c for c in categories.values() if c.level == 2)
    state = FormState(
        version=1,
        funding={"total": dict(zip(("initial", "adjusted", "executed"), cells[:3], strict=True))},
        rows=[
            {
                "id": "",
                "category": str(category.pk),
                "name": "x",
                "comparator": comparator,
                "target": cells[3],
                "unit": "",
                "actual": cells[4],
                "weight": cells[5],
                "qualitative_label": "达成年度指标",
                "qualitative_score": cells[6],
                "not_applicable": "",
                "deviation_reason": cells[7],
            }
            for comparator in ("≥", "≤", "=", "定性")
        ],
    )
    parsed = parse_state(state, policy=policy, categories=categories)
    evaluation_compute(data=parsed.data, policy=policy, categories=categories)


def test_engine_input_takes_nonsense_values_without_crashing(world, started):
    # Given values no form would pass: negative amounts, a zero target on ≥, weights 0 and −5
    from apps.project_evaluations.data import EvaluationData, FundingData, RowData

    policy = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    categories = categories_for(world.bureau_a.pk)
    category = next(c for c in categories.values() if c.level == 2)
    rows = tuple(
        RowData(
            category_id=category.pk,
            name=f"行{weight}",
            comparator="≥",
            target_text="0",
            actual_text="5",
            weight=Decimal(weight),
        )
        for weight in ("0", "-5", "10")
    )
    funding = (FundingData("total", Decimal(-5), Decimal(-100), Decimal(-50)),)

    # When the service computes them, then the engine scores without dividing by zero
    computed = evaluation_compute(
        data=EvaluationData(funding=funding, rows=rows), policy=policy, categories=categories
    )
    assert computed.result.execution_rate is None
    assert computed.result.row_scores == [Decimal(0), Decimal(0), Decimal(10)]
    fields = {f.field for f in computed.findings if f.severity == "error"}
    assert {"funding.total.initial", "row-0.weight", "row-1.weight", "row-0.target"} <= fields

"""One shape for an indicator row: RowData and ROW_FIELDS, its target and actual parsed once.

The form, the save, the snapshot and the review sheet each carry every field of ROW_FIELDS (a
field added to RowData and forgotten by one of them fails a round trip below), and a
computation parses each target and actual cell once: the engine input and the checks share the
row's reading.
"""

import sys
from collections import Counter
from dataclasses import fields, replace
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from apps.indicators import scoring, values
from apps.indicators.models import Framework, IndicatorCategory
from apps.project_evaluations import checks
from apps.project_evaluations.data import (
    ROW_FIELDS,
    EvaluationData,
    RowData,
    plain_target,
    read_cell,
)
from apps.project_evaluations.forms import ROW_INPUTS, parse_state, state_from_data
from apps.project_evaluations.models import IndicatorRow, ProjectEvaluation
from apps.project_evaluations.review.cells import sheet_of
from apps.project_evaluations.review.totals import review_totals
from apps.project_evaluations.selectors import policy_of
from apps.project_evaluations.services import (
    categories_for,
    evaluation_compute,
    evaluation_data_of,
    evaluation_save,
)
from apps.project_evaluations.snapshots import cells_of
from tests.project_evaluations.builders import valid_data
from tests.project_evaluations.test_form import _form, _url

# Every cell of a row away from RowData's default, so a round trip that drops one shows it.
SAMPLE_CELLS = {
    "name": "群众满意度",
    "comparator": scoring.QUALITATIVE,
    "target_text": "群众满意",
    "unit": "项",
    "actual_text": "基本满意",
    "weight": Decimal("10"),
    "qualitative_label": scoring.PARTIAL,
    "qualitative_score": Decimal("6.5"),
    "not_applicable": True,
    "deviation_reason": "个别诉求未及时回应，下年度改进。",
    "not_applicable_reason": "本年度无此类事项。",
}


@pytest.fixture
def parse_calls(monkeypatch) -> list[str]:
    """The text of every parse_value call, wherever an app looks the function up."""
    original = values.parse_value
    calls: list[str] = []

    def counted(text: str) -> values.ParsedValue:
        calls.append(text)
        return original(text)

    for name, module in list(sys.modules.items()):
        if name.startswith("apps.") and getattr(module, "parse_value", None) is original:
            monkeypatch.setattr(module, "parse_value", counted)
    return calls


def _sample(category_id: int) -> RowData:
    return RowData(category_id=category_id, **SAMPLE_CELLS)  # type: ignore[arg-type]


def _level2(bureau, name: str) -> int:
    category = IndicatorCategory.objects.get(
        bureau=bureau, framework=Framework.PROJECT, level=2, name=name
    )
    return category.pk


def test_the_sample_sets_every_row_field_away_from_its_default():
    defaults = {f.name: f.default for f in fields(RowData)}
    assert set(SAMPLE_CELLS) == set(ROW_FIELDS)
    assert [name for name in ROW_FIELDS if SAMPLE_CELLS[name] == defaults[name]] == []


def test_the_form_inputs_and_the_model_columns_are_the_row_fields():
    renamed = {"target": "target_text", "actual": "actual_text"}
    assert ROW_INPUTS[:2] == ("id", "category")
    assert tuple(renamed.get(name, name) for name in ROW_INPUTS[2:]) == ROW_FIELDS
    columns = {f.name for f in IndicatorRow._meta.get_fields()}
    assert set(ROW_FIELDS) <= columns


def test_the_form_shows_and_reads_back_every_row_field(world, started):
    # Given a row whose every cell differs from the default, as the page would show it
    policy = policy_of(started)
    categories = categories_for(world.bureau_a.pk, framework=Framework.PROJECT)
    row = replace(_sample(_level2(world.bureau_a, "服务对象满意度指标")), row_id=12)
    state = state_from_data(EvaluationData(rows=(row,)), version=1, policy=policy)
    # When the form reads it back
    parsed = parse_state(state, policy=policy, categories=categories)
    # Then nothing was refused and every field came back
    assert parsed.errors == {}
    assert parsed.data.rows == (row,)


def test_the_save_the_snapshot_and_the_review_sheet_keep_every_row_field(world, started):
    # Given the sample row saved beside a valid table
    sample = _sample(_level2(world.bureau_a, "服务对象满意度指标"))
    data = replace(valid_data(world.project_a1), rows=(sample,))
    evaluation_save(filing=started, by=None, base_version=started.version, data=data)
    evaluation = ProjectEvaluation.objects.prefetch_related("rows__category__parent").get(
        filing=started
    )
    expected = {name: getattr(sample, name) for name in ROW_FIELDS}
    # When read back as the saved values, and as a revision's cells read by the review
    (saved,) = evaluation_data_of(evaluation).rows
    (sheet_row,) = sheet_of(cells_of(evaluation)).rows
    # Then each kept every cell
    assert {name: getattr(saved, name) for name in ROW_FIELDS} == expected
    assert {name: getattr(sheet_row, name) for name in ROW_FIELDS} == expected
    assert (sheet_row.level1, sheet_row.level2) == ("满意度指标", "服务对象满意度指标")


def _typed_rows(data: dict[str, str]) -> dict[str, str]:
    """The form with its first rows holding each kind of target and actual a filer types."""
    typed = [
        # target with its sign and unit, kept as 260 once ≥ and 件 went to their cells
        {"comparator": "", "target": "≥260件", "unit": "", "actual": "255", "weight": "10"},
        {"comparator": "≥", "target": "80", "unit": "%", "actual": "85%", "weight": "10"},
        # text in quantity cells: the checks quote why they cannot be read
        {"comparator": "≥", "target": "约80人", "unit": "人", "actual": "一批12人"},
        {"comparator": "≤", "target": "", "unit": "天", "actual": ""},
        {
            "comparator": "定性",
            "target": "群众满意",
            "qualitative_label": scoring.ACHIEVED,
            "qualitative_score": "9",
            "weight": "10",
        },
    ]
    for index, cells in enumerate(typed):
        for name, value in cells.items():
            data[f"rows-{index}-{name}"] = value
    return data


@pytest.mark.parametrize(
    ("action", "status"), [("project_evaluation_compute", 200), ("project_evaluation", 302)]
)
def test_a_form_submission_parses_each_target_and_actual_cell_once(
    client, world, started, parse_calls, action, status
):
    # Given the page's form with targets and actuals of every kind
    data = _typed_rows(_form(client, world.project_a1))
    count = int(data["rows-TOTAL"])
    cells = [
        data[f"rows-{i}-{name}"].strip() for i in range(count) for name in ("target", "actual")
    ]
    parse_calls.clear()  # the page itself was computed when shown
    # When it is computed, or saved (which computes too)
    response = client.post(_url(world.project_a1, action), data)
    # Then the form, the engine and the checks read each cell once between them
    assert response.status_code == status
    assert Counter(parse_calls) == Counter(cells)
    assert len(parse_calls) == 2 * count


def test_the_checks_read_the_rows_themselves_as_the_engine_did(world, started, monkeypatch):
    # Given a valid table and a spy on the checks
    data = valid_data(world.project_a1)
    seen: list[checks.ProjectCheckInput] = []
    original = checks.check_project

    def spied(given: checks.ProjectCheckInput) -> list[checks.Finding]:
        seen.append(given)
        return original(given)

    monkeypatch.setattr(checks, "check_project", spied)
    categories = categories_for(world.bureau_a.pk, framework=Framework.PROJECT)
    # When computed
    computed = evaluation_compute(data=data, policy=policy_of(started), categories=categories)
    # Then the checks got the rows themselves, not copies, already read for the engine
    (given,) = seen
    assert all(placed.row is row for placed, row in zip(given.rows, data.rows, strict=True))
    assert all("parsed_target" in vars(row) for row in data.rows)
    assert computed.findings == []
    assert computed.result.row_scores == [Decimal(30), Decimal(20), Decimal(30), Decimal(10)]


def test_a_review_sheet_scored_again_parses_nothing_again(parse_calls):
    # Given a revision's frozen cells of two rows
    cells = {
        "row.1.category": "产出指标 › 数量指标",
        "row.1.target_text": "80",
        "row.1.actual_text": "85",
        "row.1.weight": "50",
        "row.2.category": "满意度指标 › 服务对象满意度指标",
        "row.2.target_text": "≥95%",
        "row.2.actual_text": "约九成",
        "row.2.weight": "40",
        "funding.total.adjusted": "100",
        "funding.total.executed": "100",
    }
    sheet = sheet_of(cells)
    engine = scoring.ScoringPolicy(group_weights={})
    # When its totals are asked for twice, as a review page does
    first = review_totals(engine, sheet, {})
    second = review_totals(engine, sheet, {"row:1": Decimal(40)})
    # Then each cell was parsed once, and the rows scored from the parsed values
    assert Counter(parse_calls) == Counter(["80", "85", "≥95%", "约九成"])
    assert first.department_scores["row:1"] == Decimal(50)
    assert second.review_scores["row:1"] == Decimal(40)
    assert first.department_scores["row:2"] == Decimal(0)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_a_target_kept_without_its_sign_and_unit_reads_as_its_kept_text(number):
    kept, read = plain_target(number), read_cell(number_text := format(number, "f"))
    assert kept == read_cell(kept.text)
    assert str(kept.number) == str(read_cell(kept.text).number)  # the same exponent too
    assert read.number == kept.number == number, number_text


def test_a_row_takes_only_the_reading_of_its_own_target():
    row = RowData(category_id=1, target_text="260")
    assert row.with_parsed_target(plain_target(Decimal("260.0"))).parsed_target.number == 260
    with pytest.raises(ValueError):
        RowData(category_id=1, target_text="≥260件").with_parsed_target(read_cell("260"))


def test_why_a_cell_cannot_be_read_follows_the_language_it_is_checked_in():
    row = RowData(category_id=1, target_text="审批后30日内")
    with translation.override("zh-hans"):
        chinese = row.parsed_target.problem
    with translation.override("en"):
        english = row.parsed_target.problem
    assert "审批后30日内" in chinese and "审批后30日内" in english
    assert english.startswith("“审批后30日内” is not a number with a unit.")
    assert chinese != english

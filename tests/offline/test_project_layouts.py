"""The project workbook in each of the bureau's layouts, with every shape of row, reads back."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.exchange.workbook import workbook_bytes
from apps.filings.kinds import kind_of
from apps.indicators import scoring
from apps.indicators.models import Framework
from apps.indicators.services import scoring_policy_ensure
from apps.offline.codecs import codec_of
from apps.offline.project_sheet import SHEET, plan_of
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.selectors import policy_of, with_rows
from apps.project_evaluations.services import (
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
)
from apps.project_evaluations.views.form import computed_json

pytestmark = pytest.mark.django_db


def _filled_filing(world, layout: str, *, explanation: bool):
    """A filing in `layout` with a row of each shape: ≥ with unit, ＝, ≤, 定性, 不适用."""
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.layout = layout
    policy.filers_may_propose_not_applicable = True
    policy.low_execution_explanation_below = Decimal(90) if explanation else None
    policy.save()
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    categories = categories_for(world.bureau_a.pk, framework=Framework.PROJECT)
    level2 = sorted((c for c in categories.values() if c.level == 2), key=lambda c: c.pk)
    first, second, third = level2[0].pk, level2[1].pk, level2[-1].pk
    data = EvaluationData(
        goal_expected="完成信访事项办理",
        goal_actual="=全部完成",  # text that looks like a formula stays text
        notes="无",
        low_execution_explanation="资金拨付较晚" if explanation else "",
        funding=(
            FundingData(source="total", initial=Decimal(100000), adjusted=Decimal(100000)),
            FundingData(
                source="fiscal_local" if layout == "sichuan" else "fiscal",
                initial=Decimal(100000),
                executed=Decimal("85000.5"),
            ),
        ),
        rows=(
            RowData(
                category_id=first,
                name="办理件数",
                comparator=scoring.GE,
                target_text="260",
                unit="件",
                actual_text="270",
                weight=Decimal(20),
            ),
            RowData(
                category_id=first,
                name="按时办结率",
                comparator=scoring.EQ,
                target_text="100",
                unit="%",
                actual_text="98",
                weight=Decimal("15.5"),
                deviation_reason="个别件延期",
            ),
            RowData(
                category_id=second,
                name="费用控制率",
                comparator=scoring.LE,
                target_text="5",
                unit="%",
                actual_text="4",
                weight=Decimal(10),
                not_applicable=True,
                not_applicable_reason="本年无此项",
            ),
            RowData(
                category_id=third,
                name="社会和谐稳定",
                comparator=scoring.QUALITATIVE,
                target_text="持续稳定",
                actual_text="总体稳定",
                weight=Decimal(10),
                qualitative_label=scoring.PARTIAL,
                qualitative_score=Decimal("7.5"),
            ),
        ),
    )
    policy = policy_of(filing)
    evaluation_save(filing=filing, by=None, base_version=filing.version, data=data, policy=policy)
    filing.refresh_from_db()
    return filing


def _web_form(filing):
    filing = with_rows(filing)
    policy = policy_of(filing)
    categories = categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT)
    data = evaluation_data_of(filing.project_evaluation)
    return computed_json(evaluation_compute(data=data, policy=policy, categories=categories), {})


def _reopened(workbook):
    return load_workbook(io.BytesIO(workbook_bytes(workbook)))


@pytest.mark.parametrize(
    ("layout", "explanation"), [("national", False), ("yunnan", True), ("sichuan", True)]
)
def test_every_shape_of_row_reads_back_unchanged(world, layout, explanation):
    filing = _filled_filing(world, layout, explanation=explanation)
    codec = codec_of("project")
    outcome = codec.outcome(filing, codec.read(filing, _reopened(codec.workbook(filing))))
    web = _web_form(filing)
    assert outcome.errors == {}
    assert (outcome.score, outcome.grade, outcome.findings) == (
        web["total"],
        web["grade"],
        web["findings"],
    )
    saved = kind_of("project").cells(filing)
    keys = set(saved) | set(outcome.cells)
    assert {k for k in keys if saved.get(k, "") != outcome.cells.get(k, "")} == set()
    assert saved["goal_actual"] == "=全部完成"


def test_a_percentage_typed_as_excel_does_keeps_its_percent(world):
    filing = _filled_filing(world, "yunnan", explanation=False)
    codec = codec_of("project")
    workbook = _reopened(codec.workbook(filing))
    plan = plan_of(policy_of(filing))
    cell = workbook[SHEET].cell(row=plan.first_row + 1, column=plan.column("actual"))
    cell.value, cell.number_format = 0.985, "0.0%"
    state = codec.read(filing, _reopened(workbook))
    assert state.rows[1]["actual"] == "98.5%"


def test_a_comparator_typed_with_ascii_signs(world):
    filing = _filled_filing(world, "national", explanation=False)
    codec = codec_of("project")
    workbook = _reopened(codec.workbook(filing))
    plan = plan_of(policy_of(filing))
    workbook[SHEET].cell(row=plan.first_row, column=plan.column("comparator")).value = "<="
    state = codec.read(filing, _reopened(workbook))
    assert state.rows[0]["comparator"] == scoring.LE
    assert state.rows[1]["comparator"] == scoring.EQ  # written as ＝, read back as =

"""The demo self-evaluations: seeds 002 and 003 entered as printed, scored by the engine."""

from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from io import StringIO

import pytest
from django.core.management import call_command

from apps.budgets.demo import DEMO_PASSWORD, demo_load
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators import scoring
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator, ScoringPolicy
from apps.project_evaluations.demo import (
    DemoEvaluation,
    DemoEvaluationsResult,
    demo_evaluations_load,
)
from apps.project_evaluations.models import FundingLine, IndicatorRow
from tests.filing_urls import evaluation_url

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)

STABILITY = "信访稳定经费"
HOTLINE = "心连心热线服务平台维护和通信费"
SUNSHINE = "阳光信访、领导视频接访网络服务租赁费"
RELIEF = "信访事项专项救助资金经费"
HOTLINE_2021 = "“互联网+政务服务热线”项目经费"
EBIAN = (STABILITY, HOTLINE, SUNSHINE)
YUXI = (RELIEF, HOTLINE_2021)

# Totals worked out by hand from DESIGN §4 (execution = min(executed ÷ budget, 1) × 10; a row
# scores its weight when it reaches its target; an unreadable target or actual scores 0).
# - 峨边, all three: executed = budget (32 / 0.89 / 1.62 万元) → 10. The tables print no 分值,
#   so every row weighs 0 and scores 0: total 10 → 差.
# - 玉溪 信访事项专项救助资金经费: 200,000 ÷ 200,000 → 10; 疑难信访事项个案 5 ≥ 3 → 10;
#   办结率 100 ≥ 95 → 10; 支付及时率 100 ≥ 100 → 10; 支付信访救助金时间 target "审批后30日内"
#   is not a number → 0; 费用控制率 5 ≤ 5 → 10; 效益 服务对象满意度 100 ≥ 100 → 30; 满意度
#   95 ≥ 95 → 10. Total 10 + 80 = 90 → 优 (the form printed 100: its time row cannot be read).
# - 玉溪 “互联网+政务服务热线”: 800,000 ÷ 800,000 → 10; every row weighs 9 and nine of the
#   eleven reach their target (365 ≥ 340, 363 ≥ 80, 1 ≥ 1, 100 ≥ 100, 100 ≥ 95,
#   202108 ≥ 202104, 230 ≤ 230 twice, 99.27 ≥ 95) → 81; 培训完成时间 "4.29-11.12" and
#   经济和社会和谐发展 "推动" cannot be read → 0. Total 10 + 81 = 91 → 优.
EXPECTED = {
    STABILITY: (Decimal("10.00"), "差"),
    HOTLINE: (Decimal("10.00"), "差"),
    SUNSHINE: (Decimal("10.00"), "差"),
    RELIEF: (Decimal("90.00"), "优"),
    HOTLINE_2021: (Decimal("91.00"), "优"),
}
ROW_COUNTS = {STABILITY: 20, HOTLINE: 20, SUNSHINE: 20, RELIEF: 7, HOTLINE_2021: 11}


@pytest.fixture
def loaded() -> DemoEvaluationsResult:
    demo_load(today=TODAY)
    return demo_evaluations_load()


def _filing(project: str) -> Filing:
    return Filing.objects.select_related("project", "fiscal_year__bureau").get(
        project__name=project
    )


def _demo(result: DemoEvaluationsResult, project: str) -> DemoEvaluation:
    return next(e for e in result.evaluations if e.project == project)


def _codes(evaluation: DemoEvaluation, field: str | None = None) -> list[str]:
    return [f.code for f in evaluation.findings if field is None or f.field == field]


def _state() -> dict[int | None, tuple]:
    return {
        f.project_id: (
            f.version,
            f.updated_at,
            f.project_evaluation.rows.count(),
            f.project_evaluation.funding_lines.count(),
            FilingSnapshot.objects.filter(filing=f).count(),
        )
        for f in Filing.objects.select_related("project", "project_evaluation")
    }


def test_loading_creates_one_project_evaluation_per_seed_table(loaded):
    filings = Filing.objects.all()

    assert dict(filings.values_list("project__name", "project__department__name")) == {
        **dict.fromkeys(EBIAN, "峨边彝族自治县信访局"),
        **dict.fromkeys(YUXI, "玉溪市信访局"),
    }
    assert all(f.kind == "project" and f.status == Filing.Status.DRAFT for f in filings)
    names = IndicatorRow.objects.values_list("evaluation__filing__project__name", flat=True)
    assert Counter(names) == ROW_COUNTS
    assert [e.project for e in loaded.evaluations] == [*EBIAN, *YUXI]


def test_loading_twice_changes_no_version_and_no_row(loaded):
    before = _state()

    second = demo_evaluations_load()

    assert loaded.changed
    assert not second.changed
    assert _state() == before
    assert [e.version for e in second.evaluations] == [e.version for e in loaded.evaluations]
    assert [(e.total, e.grade, e.error_count) for e in second.evaluations] == [
        (e.total, e.grade, e.error_count) for e in loaded.evaluations
    ]
    assert IndicatorCategory.objects.filter(framework=Framework.PROJECT).count() == 30
    assert LibraryIndicator.objects.count() == 27


def test_reloading_restores_an_edited_cell_with_one_save(loaded):
    row = IndicatorRow.objects.get(evaluation__filing__project__name=HOTLINE_2021, position=1)
    IndicatorRow.objects.filter(pk=row.pk).update(actual_text="80")
    version = _filing(HOTLINE_2021).version

    result = demo_evaluations_load()

    assert result.updated[Filing] == 1
    assert _filing(HOTLINE_2021).version == version + 1
    # The row keeps its id: the save reuses the saved rows position by position.
    assert IndicatorRow.objects.get(pk=row.pk).actual_text == "363"
    assert _filing(RELIEF).version == _demo(loaded, RELIEF).version


def test_ebian_policy_has_no_group_weights_and_splits_fiscal_funding(loaded):
    policy = ScoringPolicy.objects.get(
        fiscal_year__bureau__region_code="511132", framework=Framework.PROJECT
    )

    assert policy.split_fiscal_funding
    assert policy.amount_unit == ScoringPolicy.AmountUnit.WAN
    assert policy.execution_weight == 10
    assert not policy.group_weights.exists()


def test_yuxi_policy_uses_yuan_and_the_national_weights(loaded):
    policy = ScoringPolicy.objects.get(
        fiscal_year__bureau__region_code="530400", framework=Framework.PROJECT
    )

    assert not policy.split_fiscal_funding
    assert policy.amount_unit == ScoringPolicy.AmountUnit.YUAN
    assert {g.category.name: g.weight for g in policy.group_weights.all()} == {
        "产出指标": 50,
        "效益指标": 30,
        "满意度指标": 10,
    }


def test_ebian_taxonomy_has_the_printed_indicators_outside_the_standard_tree(loaded):
    categories = IndicatorCategory.objects.filter(
        bureau__region_code="511132", framework=Framework.PROJECT
    )
    inputs = categories.get(level=1, name="投入与管理")

    assert [c.name for c in inputs.children.order_by("position")] == [
        "投入管理",
        "财务管理",
        "实施管理",
        "资产管理",
    ]
    assert not inputs.children.filter(in_standard_tree=True).exists()
    assert not categories.get(parent__name="满意度指标", name="满意度指标").in_standard_tree
    assert categories.get(parent__name="产出指标", name="数量指标").in_standard_tree


def test_funding_is_entered_in_yuan_as_printed(loaded):
    ebian = {
        f.source: (f.initial, f.adjusted, f.executed)
        for f in FundingLine.objects.filter(evaluation__filing__project__name=STABILITY)
    }
    yuxi = {
        f.source: (f.initial, f.adjusted, f.executed)
        for f in FundingLine.objects.filter(evaluation__filing__project__name=HOTLINE_2021)
    }

    amount = Decimal("320000.00")
    assert ebian == {
        "total": (None, amount, amount),  # no 年初预算数 column in seed 002
        "fiscal_central": (None, None, None),
        "fiscal_local": (None, amount, amount),
        "other": (None, None, None),
    }
    amount = Decimal("800000.00")
    assert yuxi == {
        "total": (amount, amount, amount),
        "fiscal": (amount, amount, amount),
        "other": (None, None, None),
    }


def test_rows_keep_the_printed_cells(loaded):
    rows = IndicatorRow.objects.filter(evaluation__filing__project__name=STABILITY)
    execution = rows.get(name="预算执行率")
    reasonable = rows.get(name="预算编制合理性")
    supplier = rows.get(name="供应商资质符合程度")
    training = IndicatorRow.objects.get(name="“互联网+政务服务热线”培训人数")

    assert (execution.comparator, execution.target_text, execution.actual_text) == (
        "=",
        "100",
        "100",
    )
    assert (reasonable.comparator, reasonable.target_text) == (scoring.QUALITATIVE, "合理")
    assert reasonable.qualitative_label == scoring.ACHIEVED
    assert reasonable.qualitative_score is None
    assert supplier.qualitative_label == scoring.NOT_ACHIEVED  # 完成率 printed 0
    assert rows.filter(weight__isnull=False).count() == 0
    assert training.weight == Decimal("9.00")
    assert training.deviation_reason == "已按预算完成目标"


def _number(text: str) -> Decimal | None:
    """The number of a cell that holds nothing else; None for text (an unreadable cell)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@pytest.mark.parametrize("project", [*EBIAN, *YUXI])
def test_total_and_grade_are_the_engines_on_the_saved_rows(loaded, project):
    filing = _filing(project)
    rows = list(
        IndicatorRow.objects.filter(evaluation__filing=filing)
        .select_related("category__parent")
        .order_by("position")
    )
    total = FundingLine.objects.get(evaluation__filing=filing, source="total")
    # Seed 002's bureau (Sichuan) sets no level-1 weights; seed 003's keeps the national ones.
    groups = {} if project in EBIAN else {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    policy = scoring.ScoringPolicy(group_weights={k: Decimal(v) for k, v in groups.items()})

    result = scoring.evaluate(
        policy,
        executed=total.executed,
        budget=total.adjusted,
        rows=[
            scoring.RowInput(
                level1=row.category.parent.name if row.category.parent else "",
                level2=row.category.name,
                comparator=row.comparator,
                weight=row.weight or Decimal(0),
                target=_number(row.target_text),
                actual=_number(row.actual_text),
                qualitative_label=row.qualitative_label or None,
                qualitative_score=row.qualitative_score,
            )
            for row in rows
        ],
    )

    assert (scoring.round_score(result.total), result.grade) == EXPECTED[project]
    assert (filing.total_score, filing.grade) == EXPECTED[project]
    assert [row.score for row in rows] == [
        None if score is None else score.quantize(Decimal("0.0001")) for score in result.row_scores
    ]
    demo = _demo(loaded, project)
    assert (demo.total, demo.grade) == EXPECTED[project]
    assert (demo.error_count, demo.warning_count) == (filing.error_count, filing.warning_count)


def test_sentences_in_quantity_cells_of_seed_002_are_reported(loaded):
    stability = _demo(loaded, STABILITY)
    # Row 14 is the 数量指标 row whose name, target and actual are whole sentences.
    assert _codes(stability, "row-14.target") == ["target_not_number"]
    assert _codes(stability, "row-14.actual") == ["actual_not_number"]
    for index in range(15, 20):  # 质量, 时效, 成本, 效益, 满意度: sentences too
        assert "target_not_number" in _codes(stability, f"row-{index}.target")
    assert _codes(stability, "row-13.name") == ["name_missing"]  # the empty 资产管理 row


def test_missing_weights_of_seed_002_are_reported(loaded):
    for project in EBIAN:
        evaluation = _demo(loaded, project)
        assert _codes(evaluation).count("weight_missing") == ROW_COUNTS[project]
        assert _codes(evaluation, "weights") == ["weights_total"]
        assert _codes(evaluation, "row-0.qualitative_score") == ["qualitative_score_missing"]
        # 完成率 0 on the seven 实施管理 rows, with no 偏差原因.
        missed = [f for f in evaluation.findings if f.code == "deviation_reason_missed"]
        assert [f.field for f in missed] == [f"row-{i}.deviation_reason" for i in range(6, 13)]
        assert evaluation.error_count == len(evaluation.findings)


def test_overshot_training_target_with_a_stock_reason_is_reported(loaded):
    hotline = _demo(loaded, HOTLINE_2021)

    finding = next(f for f in hotline.findings if f.field == "row-1.deviation_reason")

    assert finding.code == "deviation_reason_exceeded"
    assert "363" in finding.message and "80" in finding.message


def test_other_printed_inconsistencies_of_seed_003_are_reported(loaded):
    hotline = _demo(loaded, HOTLINE_2021)
    relief = _demo(loaded, RELIEF)

    assert _codes(hotline, "row-6.actual") == ["actual_not_number"]  # "4.29-11.12"
    assert _codes(hotline, "row-9.target") == ["target_not_number"]  # "推动"
    assert _codes(hotline, "weights") == ["weights_total"]  # 10 + 11 × 9 = 109
    assert _codes(hotline, "group.产出指标") == ["group_weight_mismatch"]
    assert _codes(relief, "row-3.target") == ["target_not_number"]  # "审批后30日内"
    assert _codes(relief, "row-0.deviation_reason") == ["deviation_reason_exceeded"]  # 5 vs 3
    assert "weights_total" not in _codes(relief)  # 10 + 5 × 10 + 30 + 10 = 100
    assert not [f for f in relief.findings if f.field.startswith("funding")]


def test_each_bureau_gets_a_small_library_from_its_seed_rows(loaded):
    def library(region_code: str) -> dict[str, tuple[str, str, str]]:
        return {
            i.name: (i.comparator, i.target, i.unit)
            for i in LibraryIndicator.objects.filter(category__bureau__region_code=region_code)
        }

    ebian, yuxi = library("511132"), library("530400")

    assert 8 <= len(ebian) <= 15 and 8 <= len(yuxi) <= 15
    assert ebian["预算执行率"] == ("=", "100", "%")
    assert ebian["服务对象满意度"] == ("≥", "95", "%")
    assert ebian["预算编制合理性"] == ("定性", "合理", "")
    assert yuxi["信访事项个案资金支付及时率"] == ("≥", "100", "%")
    assert yuxi["培训费标准"] == ("≤", "230", "元/人")


def test_command_prints_accounts_and_each_evaluations_total_and_grade():
    out = StringIO()

    call_command("load_demo", stdout=out)

    output = out.getvalue()
    assert DEMO_PASSWORD in output
    assert "ebian_filer" in output
    lines = output.splitlines()
    for project, (total, grade) in EXPECTED.items():
        line = next(line for line in lines if project in line)
        assert str(total) in line and grade in line


def test_each_demo_evaluation_page_shows_its_total_grade_and_failed_checks(client):

    from apps.accounts.models import User
    from apps.filings.models import Filing
    from apps.project_evaluations.demo import demo_evaluations_load

    demo_load()
    demo_evaluations_load()
    filings = Filing.objects.filter(kind="project", project__isnull=False).select_related(
        "project", "department"
    )
    assert filings.count() == 5
    for filing in filings:
        reviewer = User.objects.get(
            bureau_memberships__bureau=filing.department.bureau,
            bureau_memberships__role="reviewer",
        )
        client.force_login(reviewer)
        page = client.get(evaluation_url(filing.project_id)).content.decode()
        assert f'data-out="total">{filing.total_score}<' in page
        assert f'data-out="grade">{filing.grade}<' in page
        assert filing.error_count > 0
        start = page.index('id="jx-findings-list"')
        listed = page[start : page.index("</ol>", start)]
        assert listed.count("<li") == filing.error_count + filing.warning_count

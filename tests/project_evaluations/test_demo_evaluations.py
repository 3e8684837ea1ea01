"""The demo self-evaluations: seeds 002 and 003 entered as printed, scored by the engine.

Seed 002 (峨边, 2023, 附件2–4) prints the 四川 table: 目标指标 | 目标值 | 业绩指标 | 完成率, no
分值, 得分 or 总分. Seed 003 (玉溪, 2021, 公开12表) prints the 云南 table with 分值 and 得分.
"""

from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.translation import gettext as _

from apps.budgets.demo import DEMO_PASSWORD, demo_load
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators import scoring
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator, ScoringPolicy
from apps.project_evaluations.demo import (
    DemoEvaluation,
    DemoEvaluationsResult,
    demo_evaluations_load,
)
from apps.project_evaluations.layout import COMPLETION_WEIGHT, project_layout
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
# Seed 004 (如皋, 2020) prints no table: its seven projects are filed with their funding only.
RUGAO = (
    "领导接访费用",
    "处理越访、突发事件及办信",
    "法治宣传教育经费",
    "信访救助专项资金",
    "驻京驻宁导访费用",
    "复查、督办专项经费",
    "办公设备购置",
)

# Seed 002, lines 608–698 (and the same block in the two other tables): the 投入与管理 rows
# with their printed 完成率. The seven 实施管理 rows print 0.
EBIAN_MANAGEMENT = (
    ("预算编制合理性", "100%"),
    ("预算执行率", "100%"),
    ("预算资金到位率", "100%"),
    ("财务管理制度健全性", "100%"),
    ("财务监控有效性", "100%"),
    ("资金使用规范性", "100%"),
    ("供应商资质符合程度", "0"),
    ("合同管理完备性", "0"),
    ("监理规范性", "0"),
    ("系统运维规范性", "0"),
    ("项目管理制度健全性", "0"),
    ("项目验收规范性", "0"),
    ("政府采购规范性", "0"),
)
# After them each table prints six rows (数量, 质量, 时效, 成本, 效益, 满意度), all 完成率 100%.
EBIAN_OUTCOME_ROWS = 6
IMPLEMENTATION_ROWS = range(6, 13)  # positions of the 实施管理 rows

# 玉溪 as the engine computes it from the printed 分值 (DESIGN §4: execution = min(executed ÷
# budget, 1) × 10; a row reaching its target scores its weight; a 定性 row scores the points
# chosen in its band; an actual that is not a number scores 0):
# - 信访事项专项救助资金经费 (seed 003 lines 320–349): 200,000 ÷ 200,000 → 10; 疑难信访事项个案
#   5 ≥ 3 → 10; 办结率 100 ≥ 95 → 10; 支付及时率 100 ≥ 100 → 10; 支付信访救助金时间
#   "审批后30日内" is words, a 定性 row 达成 at the printed 10.00; 费用控制率 5 ≤ 5 → 10;
#   服务对象满意度 100 ≥ 100 → 30; 满意度 95 ≥ 95 → 10. Total 100 → 优, as printed (总分 100.00 优).
# - “互联网+政务服务热线” (lines 351–376): 800,000 ÷ 800,000 → 10; eleven rows weigh 9 as
#   printed; nine numeric ones reach their target (365 ≥ 340, 363 ≥ 80, 1 ≥ 1, 100 ≥ 100,
#   100 ≥ 95, 202108 ≥ 202104, 230 ≤ 230 twice, 99.27 ≥ 95) → 81; "≥ 推动" is a 定性 row 达成
#   at the printed 9.00; 培训完成时间 "4.29-11.12" cannot be read → 0. Total 100 → 优 (the
#   table prints no 总分; its 分值 add up to 109).
YUXI_EXPECTED = {
    RELIEF: (Decimal("100.00"), "优"),
    HOTLINE_2021: (Decimal("100.00"), "优"),
}
# The 得分 each table prints per row (the repeated 得分 cells read once).
YUXI_PRINTED_SCORES = {
    RELIEF: ["10.00"] * 5 + ["30.00", "10.00"],
    HOTLINE_2021: ["9.00"] * 11,
}
UNREADABLE_ROW = 6  # 培训完成时间: printed 9.00, its actual "4.29-11.12" is no number
# Seed 002 prints 20 indicator lines per table; the 资产管理 line has no indicator in any cell.
ROW_COUNTS = {STABILITY: 19, HOTLINE: 19, SUNSHINE: 19, RELIEF: 7, HOTLINE_2021: 11}


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


def _rows(project: str) -> list[IndicatorRow]:
    return list(
        IndicatorRow.objects.filter(evaluation__filing__project__name=project)
        .select_related("category__parent")
        .order_by("position")
    )


def _printed_completion(text: str) -> Decimal:
    """A 完成率 as seed 002 prints it ("100%" or "0") in percent."""
    return Decimal(text.rstrip("%"))


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
        **dict.fromkeys(RUGAO, "如皋市信访局"),
    }
    assert all(f.kind == "project" and f.status == Filing.Status.DRAFT for f in filings)
    names = IndicatorRow.objects.values_list("evaluation__filing__project__name", flat=True)
    assert Counter(names) == ROW_COUNTS
    assert [e.project for e in loaded.evaluations] == [*EBIAN, *YUXI, *RUGAO]


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
    # The standard tree of the three bureaus (3 × 12) and the five categories 峨边 prints
    # outside it (投入与管理 with 投入管理, 财务管理, 实施管理; 满意度指标 under 满意度指标).
    assert IndicatorCategory.objects.filter(framework=Framework.PROJECT).count() == 41
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


def test_ebian_policy_is_the_sichuan_layout_without_group_weights(loaded):
    policy = ScoringPolicy.objects.get(
        fiscal_year__bureau__region_code="511132", framework=Framework.PROJECT
    )

    # Seed 002 prints 中省补助资金 / 县级预算资金 in 万元, and no 分值 column.
    assert policy.layout == "sichuan"
    assert not project_layout(policy).points
    assert policy.split_fiscal_funding
    assert policy.amount_unit == ScoringPolicy.AmountUnit.WAN
    assert policy.execution_weight == 10
    assert not policy.group_weights.exists()


def test_yuxi_policy_is_the_yunnan_layout_in_yuan_with_the_national_weights(loaded):
    policy = ScoringPolicy.objects.get(
        fiscal_year__bureau__region_code="530400", framework=Framework.PROJECT
    )

    # Seed 003 prints 指标性质 | 指标值 | 度量单位 apart, 分值 and 得分, amounts in 元.
    assert policy.layout == "yunnan"
    assert project_layout(policy).points
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

    # 资产管理 is printed as a level-2 cell with every other cell of its line empty: no row,
    # so no category either.
    assert [c.name for c in inputs.children.order_by("position")] == [
        "投入管理",
        "财务管理",
        "实施管理",
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


def test_ebian_rows_keep_the_printed_cells(loaded):
    rows = {row.name: row for row in _rows(STABILITY)}
    execution = rows["预算执行率"]
    reasonable = rows["预算编制合理性"]
    supplier = rows["供应商资质符合程度"]
    deadline = rows["完成信访稳定工作的时限要求"]

    # 目标值 "=100", 业绩指标 "100": a number against a number.
    assert (execution.comparator, execution.target_text, execution.actual_text) == (
        "=",
        "100",
        "100",
    )
    # 目标值 合理, 业绩指标 100%, 完成率 100%: a 定性 row 达成 at 100.
    assert (reasonable.comparator, reasonable.target_text, reasonable.actual_text) == (
        scoring.QUALITATIVE,
        "合理",
        "100%",
    )
    assert (reasonable.qualitative_label, reasonable.qualitative_score) == (
        scoring.ACHIEVED,
        Decimal(100),
    )
    # 完成率 printed 0 beside 业绩指标 100%: 未达成 at 0.
    assert (supplier.qualitative_label, supplier.qualitative_score) == (
        scoring.NOT_ACHIEVED,
        Decimal(0),
    )
    # 目标值 "2023年12月底", 业绩指标 a sentence: a 定性 row whose target is text.
    assert (deadline.comparator, deadline.target_text) == (scoring.QUALITATIVE, "2023年12月底")
    assert deadline.actual_text == "已在2023年12月全面完成该项工作。"
    # The 四川 table prints no 分值 and no 偏差原因.
    assert all(row.weight is None and row.deviation_reason == "" for row in rows.values())


def test_yuxi_rows_keep_the_printed_cells(loaded):
    training = IndicatorRow.objects.get(name="“互联网+政务服务热线”培训人数")
    payment = IndicatorRow.objects.get(name="支付信访救助金时间")
    development = IndicatorRow.objects.get(name="经济和社会和谐发展")

    assert (training.comparator, training.target_text, training.unit) == ("≥", "80", "人")
    assert training.weight == Decimal("9.00")
    assert training.deviation_reason == "已按预算完成目标"
    # Targets printed as words ("审批后30日内", "≥ 推动") are 定性 rows scored as printed.
    assert (payment.comparator, payment.target_text, payment.actual_text) == (
        scoring.QUALITATIVE,
        "审批后30日内",
        "30日内",
    )
    assert (payment.qualitative_label, payment.qualitative_score) == (
        scoring.ACHIEVED,
        Decimal("10.00"),
    )
    assert (development.comparator, development.target_text) == (scoring.QUALITATIVE, "推动")
    assert (development.qualitative_label, development.qualitative_score) == (
        scoring.ACHIEVED,
        Decimal("9.00"),
    )


def _number(text: str) -> Decimal | None:
    """The number of a cell that holds nothing else; None for text (an unreadable cell)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _engine(project: str, *, weight_of, group_weights: dict[str, int]) -> scoring.EvaluationResult:
    """The engine run on the saved cells, apart from the services that saved them."""
    filing = _filing(project)
    total = FundingLine.objects.get(evaluation__filing=filing, source="total")
    policy = scoring.ScoringPolicy(group_weights={k: Decimal(v) for k, v in group_weights.items()})
    return scoring.evaluate(
        policy,
        executed=total.executed,
        budget=total.adjusted,
        rows=[
            scoring.RowInput(
                level1=row.category.parent.name if row.category.parent else "",
                level2=row.category.name,
                comparator=row.comparator,
                weight=weight_of(row),
                target=_number(row.target_text),
                actual=_number(row.actual_text),
                qualitative_label=row.qualitative_label or None,
                qualitative_score=row.qualitative_score,
            )
            for row in _rows(project)
        ],
    )


@pytest.mark.parametrize("project", EBIAN)
def test_ebian_rows_complete_as_printed_and_the_filing_has_no_total(loaded, project):
    rows = _rows(project)
    printed = [_printed_completion(c) for _name, c in EBIAN_MANAGEMENT]
    printed += [Decimal(100)] * EBIAN_OUTCOME_ROWS

    # Without 分值 a row weighs 100: its score is its 完成率 in percent.
    result = _engine(project, weight_of=lambda row: COMPLETION_WEIGHT, group_weights={})

    assert [row.name for row in rows[: len(EBIAN_MANAGEMENT)]] == [n for n, _ in EBIAN_MANAGEMENT]
    assert [row.score for row in rows] == printed
    assert result.row_scores == printed
    filing = _filing(project)
    assert (filing.total_score, filing.grade) == (None, "")
    demo = _demo(loaded, project)
    assert (demo.total, demo.grade) == (None, "")


@pytest.mark.parametrize("project", YUXI)
def test_yuxi_total_and_grade_are_the_engines_on_the_printed_weights(loaded, project):
    rows = _rows(project)

    result = _engine(
        project,
        weight_of=lambda row: row.weight,
        group_weights={"产出指标": 50, "效益指标": 30, "满意度指标": 10},
    )

    assert (result.total, result.grade) == YUXI_EXPECTED[project]
    filing = _filing(project)
    assert (filing.total_score, filing.grade) == YUXI_EXPECTED[project]
    demo = _demo(loaded, project)
    assert (demo.total, demo.grade) == YUXI_EXPECTED[project]
    assert (demo.error_count, demo.warning_count) == (filing.error_count, filing.warning_count)
    assert [row.score for row in rows] == result.row_scores
    scores = [f"{score:.2f}" for score in result.row_scores]
    printed = list(YUXI_PRINTED_SCORES[project])
    if project == HOTLINE_2021:
        printed[UNREADABLE_ROW] = "0.00"  # the one row the engine cannot score as printed
    assert scores == printed


@pytest.mark.parametrize("project", EBIAN)
def test_ebian_findings_are_the_seven_deviation_reasons_the_print_leaves_blank(loaded, project):
    evaluation = _demo(loaded, project)

    # A 定性 row 未达成 asks for its 偏差原因 (DESIGN §4); sentences in 目标值 are 定性 rows
    # (no target_not_number), and a layout without points asks for no 分值.
    assert [(f.code, f.field) for f in evaluation.findings] == [
        ("deviation_reason_missed", f"row-{i}.deviation_reason") for i in IMPLEMENTATION_ROWS
    ]
    names = [name for name, completion in EBIAN_MANAGEMENT if completion == "0"]
    for finding, name in zip(evaluation.findings, names, strict=True):
        assert name in finding.message and scoring.NOT_ACHIEVED in finding.message
    assert (evaluation.error_count, evaluation.warning_count) == (7, 0)
    filing = _filing(project)
    assert (filing.error_count, filing.warning_count) == (7, 0)


def test_overshot_training_target_with_a_stock_reason_is_reported(loaded):
    hotline = _demo(loaded, HOTLINE_2021)

    finding = next(f for f in hotline.findings if f.field == "row-1.deviation_reason")

    assert finding.code == "deviation_reason_exceeded"
    assert "363" in finding.message and "80" in finding.message


def test_yuxi_findings_are_the_printed_inconsistencies(loaded):
    hotline = _demo(loaded, HOTLINE_2021)
    relief = _demo(loaded, RELIEF)

    assert [(f.code, f.field) for f in hotline.findings] == [
        # 363 trained against 80 (≥ 130%), with the stock "已按预算完成目标".
        ("deviation_reason_exceeded", "row-1.deviation_reason"),
        ("actual_not_number", "row-6.actual"),  # "4.29-11.12"
        ("weights_total", "weights"),  # 10 + 11 × 9 = 109
        ("group_weight_mismatch", "group.产出指标"),  # 9 × 9 = 81, not 50
        ("group_weight_mismatch", "group.效益指标"),  # 9, not 30
        ("group_weight_mismatch", "group.满意度指标"),  # 9, not 10
    ]
    weights = next(f for f in hotline.findings if f.code == "weights_total")
    assert "109.00" in weights.message
    # 疑难信访事项个案 5 against 3 (≥ 130%); weights 10 + 5 × 10 + 30 + 10 = 100.
    assert [(f.code, f.field) for f in relief.findings] == [
        ("deviation_reason_exceeded", "row-0.deviation_reason")
    ]
    assert (hotline.error_count, relief.error_count) == (6, 1)


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


def test_command_prints_accounts_and_each_evaluations_total_grade_and_errors():
    out = StringIO()

    call_command("load_demo", stdout=out)

    output = out.getvalue()
    assert DEMO_PASSWORD in output
    assert "ebian_filer" in output
    lines = output.splitlines()
    expected = {
        **dict.fromkeys(EBIAN, ("—", "—", 7)),  # no points: no total and no grade
        RELIEF: ("100.00", "优", 1),
        HOTLINE_2021: ("100.00", "优", 6),
    }
    for project, (total, grade, errors) in expected.items():
        line = _("%(project)s: %(total)s, %(grade)s (%(errors)d errors, %(warnings)d warnings)") % {
            "project": project,
            "total": total,
            "grade": grade,
            "errors": errors,
            "warnings": 0,
        }
        assert line in lines


def test_each_demo_evaluation_page_shows_its_result_and_failed_checks(client):
    from apps.accounts.models import User

    demo_load(today=TODAY)
    demo_evaluations_load()
    filings = Filing.objects.filter(kind="project", project__isnull=False).select_related(
        "project", "department"
    )
    assert filings.count() == len(EBIAN) + len(YUXI) + len(RUGAO)
    for filing in filings:
        assert filing.project is not None
        reviewer = User.objects.get(
            bureau_memberships__bureau=filing.department.bureau,
            bureau_memberships__role="reviewer",
        )
        client.force_login(reviewer)
        page = client.get(evaluation_url(filing.project_id)).content.decode()
        if filing.project.name in EBIAN:
            # The 四川 form: each row's 完成率, no 总分 row.
            assert "<th>完成率</th>" in page and 'data-out="total"' not in page
            assert page.count('data-out="score">100.00<') == 12
            assert page.count('data-out="score">0.00<') == 7
        else:
            assert f'data-out="total">{filing.total_score}<' in page
            assert f'data-out="grade">{filing.grade}<' in page
        assert filing.error_count > 0
        start = page.index('id="jx-findings-list"')
        listed = page[start : page.index("</ol>", start)]
        assert listed.count("<li") == filing.error_count + filing.warning_count

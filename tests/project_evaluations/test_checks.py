"""Tests of the consistency checks (勾稽) of a project self-evaluation (DESIGN §6, §4)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from apps.indicators.scoring import (
    ACHIEVED,
    EQ,
    GE,
    LE,
    NOT_ACHIEVED,
    PARTIAL,
    QUALITATIVE,
    ScoringPolicy,
)
from apps.project_evaluations.checks import (
    ERROR,
    WARNING,
    Finding,
    FundingInput,
    ProjectCheckInput,
    RowCheckInput,
    check_project,
    has_errors,
    summarize,
)
from apps.project_evaluations.data import RowData

D = Decimal
POLICY = ScoringPolicy()
SICHUAN = ScoringPolicy(group_weights={})
REASON = "培训需求超出预期，下年度据实调整指标值。"
PLACE = ("key", "level1", "level2")


def funding(source: str, initial=None, adjusted=None, executed=None) -> FundingInput:
    """Build one funding row from amounts in 元 given as strings or numbers."""
    amounts = [None if value is None else D(value) for value in (initial, adjusted, executed)]
    return FundingInput(source, *amounts)


def edit(placed: RowCheckInput, **changes: object) -> RowCheckInput:
    """Return the row with changes to its place (key, level1, level2) or to its cells."""
    place = {name: value for name, value in changes.items() if name in PLACE}
    cells = {name: value for name, value in changes.items() if name not in PLACE}
    return replace(placed, row=replace(placed.row, **cells), **place)  # type: ignore[arg-type]


def row(key: str = "row-1", **changes: object) -> RowCheckInput:
    """Build a clean 产出指标 row (≥80人, actual 80, weight 50) with the given changes."""
    cells = RowData(
        category_id=0,
        name="培训人数",
        comparator=GE,
        target_text="80",
        actual_text="80",
        unit="人",
        weight=D(50),
    )
    base = RowCheckInput(key=key, level1="产出指标", level2="数量指标", row=cells)
    return edit(base, **changes)


CLEAN_FUNDING = (
    funding("total", 100000, 100000, 100000),
    funding("fiscal", 100000, 100000, 100000),
)
CLEAN_ROWS = (
    row("row-1"),
    row(
        "row-2",
        level1="效益指标",
        level2="社会效益指标",
        name="群众知晓率",
        weight=D(30),
        target_text="90",
        actual_text="95",
        unit="%",
    ),
    row(
        "row-3",
        level1="满意度指标",
        level2="服务对象满意度指标",
        name="服务对象满意度",
        weight=D(10),
        target_text="≥95%",
        actual_text="98%",
        unit="",
    ),
)


def project(
    funding_rows=CLEAN_FUNDING, rows=CLEAN_ROWS, policy=POLICY, **changes: object
) -> ProjectCheckInput:
    """Build a project that passes every check, with the given parts replaced."""
    data = ProjectCheckInput(
        funding=tuple(funding_rows), split_fiscal=False, rows=tuple(rows), policy=policy
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def where(findings: list[Finding]) -> list[tuple[str, str]]:
    """Return (code, field) of each finding, after checking every message says something."""
    assert all(finding.message.strip() for finding in findings)
    return [(finding.code, finding.field) for finding in findings]


def only(findings: list[Finding], code: str) -> Finding:
    """Return the one finding with the code."""
    matching = [finding for finding in findings if finding.code == code]
    assert len(matching) == 1, where(findings)
    return matching[0]


def test_a_consistent_project_has_no_findings():
    assert check_project(project()) == []


# --- funding (rules 1-4) ------------------------------------------------------------------


def test_total_that_differs_from_the_sum_of_sources_is_an_error_naming_both_amounts():
    # Given a total executed of 32 万元 while the sources add up to 30 万元
    data = project(
        funding_rows=[
            funding("total", None, 320000, 320000),
            funding("fiscal", None, 300000, 300000),
            funding("other", None, 20000, None),
        ]
    )
    # When checked
    found = only(check_project(data), "funding_total_mismatch")
    # Then the executed column of the total is reported with both amounts in 元
    assert (found.severity, found.field) == (ERROR, "funding.total.executed")
    assert "320,000.00" in found.message
    assert "300,000.00" in found.message


def test_total_mismatch_message_in_english():
    data = project(funding_rows=[funding("total", 5, 5, 5), funding("fiscal", 4, 5, 5)])
    with translation.override("en"):
        found = only(check_project(data), "funding_total_mismatch")
    assert found.field == "funding.total.initial"
    assert found.message == (
        "The initial budget of the total funding, 5.00 元, does not equal the sum of its "
        "sources, 4.00 元."
    )


def test_each_funding_column_is_checked_on_its_own():
    data = project(funding_rows=[funding("total", 10, 20, 30), funding("fiscal", 11, 20, 31)])
    assert where(check_project(data)) == [
        ("funding_total_mismatch", "funding.total.initial"),
        ("funding_total_mismatch", "funding.total.executed"),
        ("executed_above_budget", "funding.total.executed"),
        ("executed_above_budget", "funding.fiscal.executed"),
    ]


def test_blank_sources_count_as_zero_and_an_all_blank_column_is_skipped():
    data = project(
        funding_rows=[
            funding("total", None, 100, 100),
            funding("fiscal", None, 80, 80),
            funding("carryover", None, None, None),
            funding("other", None, 20, 20),
        ]
    )
    assert check_project(data) == []


def test_a_total_without_any_source_is_a_mismatch():
    data = project(funding_rows=[funding("total", None, 100, 100)])
    assert where(check_project(data)) == [
        ("funding_total_mismatch", "funding.total.adjusted"),
        ("funding_total_mismatch", "funding.total.executed"),
    ]


def test_split_fiscal_adds_central_and_local_instead_of_fiscal():
    # Given seed 002's layout: 中省补助资金 and 县级预算资金 instead of 当年财政拨款
    rows = [
        funding("total", None, 320000, 320000),
        funding("fiscal", None, 1, 1),  # not shown when split: must not be added
        funding("fiscal_central", None, 120000, 120000),
        funding("fiscal_local", None, 200000, 200000),
    ]
    assert check_project(project(funding_rows=rows, split_fiscal=True)) == []
    # And without the split the same figures do not add up
    assert where(check_project(project(funding_rows=rows)))[:2] == [
        ("funding_total_mismatch", "funding.total.adjusted"),
        ("funding_total_mismatch", "funding.total.executed"),
    ]


def test_figures_typed_in_wan_yuan_may_differ_by_the_tolerance_per_addend():
    # Given two sources typed from 万元 figures (tolerance 100 元 each): the adjusted column
    # is 200 元 off, the executed column 201 元
    rows = [
        funding("total", None, 320000, 319999),
        funding("fiscal", None, 100100, 100100),
        funding("other", None, 220100, 220100),
    ]
    findings = check_project(project(funding_rows=rows, unit_tolerance=D(100)))
    # Then 200 元 passes and 201 元 does not
    assert where(findings) == [("funding_total_mismatch", "funding.total.executed")]
    assert "319,999.00" in findings[0].message
    assert "320,200.00" in findings[0].message


def test_executed_above_adjusted_budget_is_an_error_on_each_funding_row():
    data = project(
        funding_rows=[
            funding("total", 100000, 100000, 100500),
            funding("fiscal", 100000, 90000, 90500),
            funding("other", None, 10000, 10000),
        ]
    )
    findings = check_project(data)
    assert where(findings) == [
        ("executed_above_budget", "funding.total.executed"),
        ("executed_above_budget", "funding.fiscal.executed"),
    ]
    assert "100,500.00" in findings[0].message
    assert "90,500.00" in findings[1].message
    assert "90,000.00" in findings[1].message


def test_missing_or_zero_adjusted_budget_is_an_error_when_rows_exist():
    for adjusted in (None, 0):
        data = project(funding_rows=[funding("total", None, adjusted, None)])
        assert where(check_project(data)) == [("budget_missing", "funding.total.adjusted")]


def test_missing_adjusted_budget_is_not_reported_without_rows():
    data = project(funding_rows=[], rows=[], policy=SICHUAN)
    assert where(check_project(data)) == [("weights_total", "weights")]


LOW_EXPLAINED = ScoringPolicy(low_execution_explanation_below=D("0.9"))


def test_low_execution_rate_needs_no_explanation_unless_the_policy_asks():
    data = project(
        funding_rows=[
            funding("total", 100000, 100000, 85000),
            funding("fiscal", 100000, 100000, 85000),
        ]
    )
    assert check_project(data) == []


def test_execution_rate_below_the_policys_threshold_needs_the_explanation_cell():
    data = project(
        funding_rows=[
            funding("total", 100000, 100000, 85000),
            funding("fiscal", 100000, 100000, 85000),
        ],
        policy=LOW_EXPLAINED,
    )
    findings = check_project(data)
    assert [(f.severity, f.code, f.field) for f in findings] == [
        (ERROR, "low_execution_explanation_missing", "low_execution_explanation")
    ]
    assert "85.00" in findings[0].message
    assert summarize(findings) == (1, 0)
    assert check_project(replace(data, low_execution_explanation="项目延期实施。")) == []
    with translation.override("en"):
        assert check_project(data)[0].message == (
            "The execution rate is 85.00%, below 90%. Explain why the funds were not spent."
        )


def test_execution_rate_of_exactly_90_percent_needs_no_explanation():
    data = project(
        funding_rows=[
            funding("total", None, 100000, 90000),
            funding("fiscal", None, 100000, 90000),
        ],
        policy=LOW_EXPLAINED,
    )
    assert check_project(data) == []


def test_blank_executed_amount_counts_as_a_rate_of_zero():
    data = project(
        funding_rows=[funding("total", None, 100000, None), funding("fiscal", None, 100000, None)],
        policy=LOW_EXPLAINED,
    )
    found = only(check_project(data), "low_execution_explanation_missing")
    assert "0.00" in found.message


# --- weights (rule 5) ---------------------------------------------------------------------


def test_weights_not_summing_to_100_are_an_error_giving_the_sum():
    rows = [CLEAN_ROWS[0], CLEAN_ROWS[1], edit(CLEAN_ROWS[2], weight=D(5))]
    findings = check_project(project(rows=rows))
    assert where(findings) == [
        ("weights_total", "weights"),
        ("group_weight_mismatch", "group.满意度指标"),
    ]
    assert "95.00" in findings[0].message
    assert "5.00" in findings[1].message
    assert "10.00" in findings[1].message


def test_group_weight_differing_from_its_rows_is_an_error_even_when_the_total_is_100():
    rows = [
        edit(CLEAN_ROWS[0], weight=D(60)),
        edit(CLEAN_ROWS[1], weight=D(20)),
        CLEAN_ROWS[2],
    ]
    findings = check_project(project(rows=rows))
    assert where(findings) == [
        ("group_weight_mismatch", "group.产出指标"),
        ("group_weight_mismatch", "group.效益指标"),
    ]
    with translation.override("en"):
        assert check_project(project(rows=rows))[0].message == (
            "The weights of the rows under “产出指标” add up to 60.00; they must add up to 50.00."
        )


def test_group_of_the_policy_without_rows_is_reported_after_the_others():
    findings = check_project(project(rows=CLEAN_ROWS[:2]))
    assert where(findings) == [
        ("weights_total", "weights"),
        ("group_weight_mismatch", "group.满意度指标"),
    ]


def test_free_weights_skip_the_group_checks():
    # Given Sichuan's 10 + 90 with free level-3 weights
    rows = [
        edit(CLEAN_ROWS[0], weight=D(70)),
        edit(CLEAN_ROWS[1], weight=D(15)),
        edit(CLEAN_ROWS[2], weight=D(5)),
    ]
    assert check_project(project(rows=rows, policy=SICHUAN)) == []


def test_missing_weight_is_an_error_on_the_row_and_counts_as_zero():
    rows = [CLEAN_ROWS[0], edit(CLEAN_ROWS[1], weight=None), CLEAN_ROWS[2]]
    findings = check_project(project(rows=rows))
    assert where(findings) == [
        ("weight_missing", "row-2.weight"),
        ("weights_total", "weights"),
        ("group_weight_mismatch", "group.效益指标"),
    ]
    assert "群众知晓率" in findings[0].message
    assert "70.00" in findings[1].message


def test_negative_weight_is_an_error():
    rows = [
        edit(CLEAN_ROWS[0], weight=D(60)),
        edit(row("row-4"), weight=D(-10)),
        *CLEAN_ROWS[1:],
    ]
    assert where(check_project(project(rows=rows))) == [("weight_out_of_bounds", "row-4.weight")]


def test_not_applicable_row_counts_in_the_weights_and_needs_no_filled_cells():
    # Given a proposed 不适用 row (the policy allows it) with a reason, text cells, no name
    allowing = ScoringPolicy(filers_may_propose_not_applicable=True)
    rows = [
        edit(CLEAN_ROWS[0], weight=D(40)),
        row(
            "row-4",
            name="",
            target_text="审批后30日内",
            actual_text="",
            weight=D(10),
            not_applicable=True,
            not_applicable_reason="本年度无审批事项。",
        ),
        *CLEAN_ROWS[1:],
    ]
    assert check_project(project(rows=rows, policy=allowing)) == []
    # And its weight still counts, so leaving it out breaks the sums
    missing = [rows[0], edit(rows[1], weight=None), *rows[2:]]
    assert where(check_project(project(rows=missing, policy=allowing))) == [
        ("weight_missing", "row-4.weight"),
        ("weights_total", "weights"),
        ("group_weight_mismatch", "group.产出指标"),
    ]


# --- quantitative rows (rule 6) -----------------------------------------------------------


def test_text_in_a_quantity_cell_is_an_error_carrying_the_reason():
    rows = [
        edit(CLEAN_ROWS[0], target_text="审批后30日内", actual_text="一批12人"),
        *CLEAN_ROWS[1:],
    ]
    findings = check_project(project(rows=rows))
    assert where(findings) == [
        ("target_not_number", "row-1.target"),
        ("actual_not_number", "row-1.actual"),
    ]
    assert "培训人数" in findings[0].message
    assert "审批后30日内" in findings[0].message
    assert "一批12人" in findings[1].message
    with translation.override("en"):
        assert check_project(project(rows=rows))[0].message == (
            "The target of “培训人数” cannot be read. “审批后30日内” is not a number with a unit. "
            "Write one number followed by its unit, for example ≥260件 or 100%, without other "
            "words."
        )


def test_blank_target_and_actual_are_errors():
    rows = [edit(CLEAN_ROWS[0], target_text=" ", actual_text=""), *CLEAN_ROWS[1:]]
    assert where(check_project(project(rows=rows))) == [
        ("target_missing", "row-1.target"),
        ("actual_missing", "row-1.actual"),
    ]


def test_typed_comparator_contradicting_the_row_is_an_error_on_the_target():
    rows = [edit(CLEAN_ROWS[0], comparator=LE, target_text="≥80人"), *CLEAN_ROWS[1:]]
    findings = check_project(project(rows=rows))
    assert where(findings) == [("comparator_mismatch", "row-1.target")]
    assert "培训人数" in findings[0].message


def test_typed_comparator_and_unit_agreeing_with_the_row_are_fine():
    rows = [edit(CLEAN_ROWS[0], target_text="≥80人", actual_text="80人"), *CLEAN_ROWS[1:]]
    assert check_project(project(rows=rows)) == []


def test_typed_units_contradicting_the_row_unit_are_errors_on_their_cells():
    rows = [edit(CLEAN_ROWS[0], target_text="≤80件", actual_text="80次"), *CLEAN_ROWS[1:]]
    assert where(check_project(project(rows=rows))) == [
        ("comparator_mismatch", "row-1.target"),
        ("unit_mismatch", "row-1.target"),
        ("unit_mismatch", "row-1.actual"),
    ]


def test_actual_unit_is_compared_with_the_unit_typed_in_the_target_when_the_unit_cell_is_blank():
    rows = [
        edit(CLEAN_ROWS[0], unit="", target_text="80人", actual_text="80人次"),
        *CLEAN_ROWS[1:],
    ]
    findings = check_project(project(rows=rows))
    assert where(findings) == [("unit_mismatch", "row-1.actual")]
    with translation.override("en"):
        assert check_project(project(rows=rows))[0].message == (
            "The actual value of “培训人数” is in “人次”, but the unit of the row is “人”. "
            "Write it in 人."
        )


def test_blank_comparator_is_an_error_unless_the_target_carries_one():
    blank = [edit(CLEAN_ROWS[0], comparator=""), *CLEAN_ROWS[1:]]
    assert where(check_project(project(rows=blank))) == [("comparator_missing", "row-1.comparator")]
    typed = [edit(CLEAN_ROWS[0], comparator="", target_text="≥80"), *CLEAN_ROWS[1:]]
    assert check_project(project(rows=typed)) == []


def test_blank_name_is_an_error_naming_the_level2_indicator():
    rows = [edit(CLEAN_ROWS[0], name="  "), *CLEAN_ROWS[1:]]
    findings = check_project(project(rows=rows))
    assert where(findings) == [("name_missing", "row-1.name")]
    assert "数量指标" in findings[0].message


def test_findings_of_a_row_follow_its_cells_in_form_order():
    rows = [
        edit(
            CLEAN_ROWS[0], name="", comparator="", target_text="约80人", actual_text="", weight=None
        ),
        *CLEAN_ROWS[1:],
    ]
    assert where(check_project(project(rows=rows)))[:5] == [
        ("name_missing", "row-1.name"),
        ("comparator_missing", "row-1.comparator"),
        ("target_not_number", "row-1.target"),
        ("actual_missing", "row-1.actual"),
        ("weight_missing", "row-1.weight"),
    ]


# --- qualitative rows (rule 7) ------------------------------------------------------------


def qualitative(
    label: str, score: Decimal | None, reason: str = REASON, weight: Decimal = Decimal(10)
) -> ProjectCheckInput:
    """Return a project whose 满意度 row is a 定性 row with the given result and score."""
    changed = edit(
        CLEAN_ROWS[2],
        comparator=QUALITATIVE,
        target_text="群众满意",
        actual_text="",
        unit="",
        weight=weight,
        qualitative_label=label,
        qualitative_score=score,
        deviation_reason=reason,
    )
    return project(rows=[*CLEAN_ROWS[:2], changed])


@pytest.mark.parametrize(
    ("label", "score"),
    [
        (ACHIEVED, D(8)),
        (ACHIEVED, D(10)),
        (PARTIAL, D(5)),
        (PARTIAL, D("7.99")),
        (NOT_ACHIEVED, D(0)),
        (NOT_ACHIEVED, D("4.99")),
    ],
)
def test_qualitative_score_inside_its_band_has_no_finding(label, score):
    assert check_project(qualitative(label, score)) == []


def test_qualitative_score_on_the_open_upper_edge_is_an_error_giving_the_band():
    findings = check_project(qualitative(PARTIAL, D(8)))
    assert where(findings) == [("qualitative_score_out_of_band", "row-3.qualitative_score")]
    assert "5.00" in findings[0].message
    assert "8.00" in findings[0].message
    with translation.override("en"):
        assert check_project(qualitative(PARTIAL, D(8)))[0].message == (
            "The score of “服务对象满意度”, rated “部分达成年度指标并具有一定效果”, must be "
            "between 5.00 and 8.00, 8.00 excluded."
        )
    assert where(check_project(qualitative(NOT_ACHIEVED, D(5)))) == [
        ("qualitative_score_out_of_band", "row-3.qualitative_score")
    ]


def test_qualitative_achieved_score_outside_its_closed_band_is_an_error():
    for score in (D("7.99"), D("10.01")):
        findings = check_project(qualitative(ACHIEVED, score))
        assert where(findings) == [("qualitative_score_out_of_band", "row-3.qualitative_score")]
    with translation.override("en"):
        assert check_project(qualitative(ACHIEVED, D("7.99")))[0].message == (
            "The score of “服务对象满意度”, rated “达成年度指标”, must be between 8.00 and 10.00."
        )


def test_qualitative_band_follows_the_bureau_lower_edge():
    data = replace(qualitative(PARTIAL, D("5.5")), policy=ScoringPolicy(mid_floor=D("0.6")))
    findings = check_project(data)
    assert where(findings) == [("qualitative_score_out_of_band", "row-3.qualitative_score")]
    assert "6.00" in findings[0].message


def test_qualitative_zero_weight_row_is_only_a_weight_error_with_any_result():
    for label in (ACHIEVED, PARTIAL, NOT_ACHIEVED):
        data = replace(qualitative(label, D(0), weight=D(0)), policy=SICHUAN)
        assert where(check_project(data)) == [
            ("weight_out_of_bounds", "row-3.weight"),
            ("weights_total", "weights"),
        ]


def test_qualitative_result_blank_or_unknown_is_an_error_on_the_actual_cell():
    for label in ("", "优秀"):
        findings = check_project(qualitative(label, D(9)))
        assert where(findings) == [("qualitative_label_invalid", "row-3.actual")]


def test_qualitative_score_missing_is_an_error():
    findings = check_project(qualitative(ACHIEVED, None))
    assert where(findings) == [("qualitative_score_missing", "row-3.qualitative_score")]


def test_qualitative_result_below_achieved_needs_a_deviation_reason():
    findings = check_project(qualitative(PARTIAL, D(6), reason="已按预算完成目标"))
    assert where(findings) == [("deviation_reason_missed", "row-3.deviation_reason")]
    assert PARTIAL in findings[0].message
    assert check_project(qualitative(ACHIEVED, D(9), reason="")) == []


# --- deviation reasons (rule 8) -----------------------------------------------------------


def with_row(**changes: object) -> ProjectCheckInput:
    """Return the clean project with its first row changed."""
    return project(rows=[edit(CLEAN_ROWS[0], **changes), *CLEAN_ROWS[1:]])


def test_missed_target_without_a_reason_is_an_error_giving_target_and_actual():
    findings = check_project(with_row(actual_text="60"))
    assert where(findings) == [("deviation_reason_missed", "row-1.deviation_reason")]
    assert "60人" in findings[0].message
    assert "80人" in findings[0].message


def test_target_exceeded_by_130_percent_without_a_reason_is_an_error():
    findings = check_project(with_row(actual_text="104"))
    assert where(findings) == [("deviation_reason_exceeded", "row-1.deviation_reason")]
    assert "130" in findings[0].message
    assert check_project(with_row(actual_text="103.99")) == []


@pytest.mark.parametrize(
    "reason", ["", "  ", "无", "/", "—", "-", "已按预算完成目标", "已按预算完成目标。"]
)
def test_boilerplate_reason_counts_as_blank_beside_a_missed_target(reason):
    findings = check_project(with_row(actual_text="60", deviation_reason=reason))
    assert where(findings) == [("deviation_reason_missed", "row-1.deviation_reason")]


def test_boilerplate_reason_is_fine_when_the_target_was_met():
    assert check_project(with_row(actual_text="100", deviation_reason="已按预算完成目标")) == []


def test_real_reason_satisfies_the_check():
    assert check_project(with_row(actual_text="60", deviation_reason=REASON)) == []


@pytest.mark.parametrize(
    ("comparator", "target", "actual"),
    [(LE, "230", "240"), (EQ, "100", "99"), (EQ, "100", "101")],
)
def test_reverse_and_equal_rows_that_miss_need_a_reason(comparator, target, actual):
    findings = check_project(
        with_row(comparator=comparator, target_text=target, actual_text=actual)
    )
    assert where(findings) == [("deviation_reason_missed", "row-1.deviation_reason")]


def test_deviation_is_not_judged_when_a_cell_cannot_be_read():
    findings = check_project(with_row(actual_text="约60人"))
    assert where(findings) == [("actual_not_number", "row-1.actual")]


# --- summary ------------------------------------------------------------------------------


def test_summarize_counts_errors_and_warnings():
    findings = [
        Finding(ERROR, "a", "x", "m"),
        Finding(WARNING, "b", "y", "m"),
        Finding(ERROR, "c", "z", "m"),
    ]
    assert summarize(findings) == (2, 1)
    assert has_errors(findings) is True
    assert summarize([]) == (0, 0)
    assert has_errors([]) is False


# --- the seeds ----------------------------------------------------------------------------


SEED_003_RELIEF_FUNDING = (
    funding("total", "200000.00", "200000.00", "200000.00"),
    funding("fiscal", "200000.00", "200000.00", "200000.00"),
    funding("carryover"),
    funding("other"),
)


def seed_003_relief_rows(comparator: str) -> tuple[RowCheckInput, ...]:
    """Return seed 003's 信访事项专项救助资金 rows as printed, with the given 指标性质."""
    # The printed 二级指标 column is shifted; the level-2 names below are a reading of it.
    printed = [
        ("产出指标", "数量指标", "疑难信访事项个案", "3", "件", "5", 10),
        ("产出指标", "质量指标", "疑难信访事项个案办结率", "95", "%", "100", 10),
        ("产出指标", "质量指标", "信访事项个案资金支付及时率", "100", "%", "100", 10),
        ("产出指标", "时效指标", "支付信访救助金时间", "审批后30日内", "天", "30日内", 10),
        ("产出指标", "成本指标", "费用控制率", "5", "%", "5", 10),
        ("效益指标", "社会效益", "服务对象满意度", "100", "%", "100", 30),
        ("满意度指标", "服务对象满意度", "等", "95", "%", "95", 10),
    ]
    return tuple(
        row(
            f"row-{n}",
            level1=l1,
            level2=l2,
            name=name,
            comparator=comparator,
            target_text=target,
            unit=unit,
            actual_text=actual,
            weight=D(weight),
            deviation_reason="已按预算完成目标",
        )
        for n, (l1, l2, name, target, unit, actual, weight) in enumerate(printed, start=1)
    )


def test_seed_003_relief_fund_as_printed_lacks_comparators_and_has_text_in_a_quantity_cell():
    # Given the table as printed: 200,000.00 元 budgeted and spent, the 指标性质 column empty
    data = project(funding_rows=SEED_003_RELIEF_FUNDING, rows=seed_003_relief_rows(""))
    # When checked
    findings = check_project(data)
    # Then funding and weights agree, but every row lacks a comparator and row 4 holds text
    assert where(findings) == [
        ("comparator_missing", "row-1.comparator"),
        ("comparator_missing", "row-2.comparator"),
        ("comparator_missing", "row-3.comparator"),
        ("comparator_missing", "row-4.comparator"),
        ("target_not_number", "row-4.target"),
        ("unit_mismatch", "row-4.actual"),
        ("comparator_missing", "row-5.comparator"),
        ("comparator_missing", "row-6.comparator"),
        ("comparator_missing", "row-7.comparator"),
    ]
    assert "审批后30日内" in findings[4].message
    assert "日内" in findings[5].message
    assert "天" in findings[5].message
    assert summarize(findings) == (9, 0)


def test_seed_003_relief_fund_with_comparators_chosen_needs_a_reason_for_5_of_3_cases():
    # Given the same table once the filer chose ≥ for every row
    data = project(funding_rows=SEED_003_RELIEF_FUNDING, rows=seed_003_relief_rows(GE))
    findings = check_project(data)
    # Then 5 cases against a target of 3 (≥ 130%) needs a real reason, and row 4 stays wrong
    assert where(findings) == [
        ("deviation_reason_exceeded", "row-1.deviation_reason"),
        ("target_not_number", "row-4.target"),
        ("unit_mismatch", "row-4.actual"),
    ]
    assert "5件" in findings[0].message
    assert "3件" in findings[0].message


def test_seed_003_hotline_table_reports_363_of_80_trainees_and_its_other_faults():
    # Given seed 003's “互联网+政务服务热线” table: 800,000.00 元, eleven rows of 9 points
    printed = [
        ("产出指标", "数量指标", "信息系统年平均系统保障运行时间", GE, "340", "天", "365"),
        ("产出指标", "数量指标", "“互联网+政务服务热线”培训人数", GE, "80", "人", "363"),
        ("产出指标", "数量指标", "“互联网+政务服务热线”培训天数", GE, "1", "天", "1"),
        ("产出指标", "数量指标", "“互联网+政务服务热线”培训覆盖率", GE, "100", "%", "100"),
        ("产出指标", "数量指标", "“互联网+政务服务热线”培训签到率", GE, "95", "%", "100"),
        ("产出指标", "时效指标", "信息系统运维验收合格率", GE, "202104", "天/月", "202108"),
        (
            "产出指标",
            "时效指标",
            "“互联网+政务服务热线”培训完成时间",
            LE,
            "202112",
            "天/月",
            "4.29-11.12",
        ),
        ("产出指标", "时效指标", "信息系统租赁资金支付时间", LE, "230", "元/人", "230"),
        ("产出指标", "成本指标", "培训费标准", LE, "230", "元/人", "230"),
        ("效益指标", "社会效益指标", "经济和社会和谐发展", GE, "推动", "%", "100"),
        ("满意度指标", "服务对象满意度", "", GE, "95", "%", "99.27"),
    ]
    rows = tuple(
        row(
            f"row-{n}",
            level1=l1,
            level2=l2,
            name=name,
            comparator=sign,
            target_text=target,
            unit=unit,
            actual_text=actual,
            weight=D(9),
            deviation_reason="已按预算完成目标",
        )
        for n, (l1, l2, name, sign, target, unit, actual) in enumerate(printed, start=1)
    )
    total = [funding(s, "800000.00", "800000.00", "800000.00") for s in ("total", "fiscal")]
    # When checked
    findings = check_project(project(funding_rows=total, rows=rows))
    # Then
    assert where(findings) == [
        ("deviation_reason_exceeded", "row-2.deviation_reason"),
        ("actual_not_number", "row-7.actual"),
        ("target_not_number", "row-10.target"),
        ("name_missing", "row-11.name"),
        ("weights_total", "weights"),
        ("group_weight_mismatch", "group.产出指标"),
        ("group_weight_mismatch", "group.效益指标"),
        ("group_weight_mismatch", "group.满意度指标"),
    ]
    assert "363人" in findings[0].message
    assert "80人" in findings[0].message
    assert "109.00" in findings[4].message
    assert "81.00" in findings[5].message


def test_seed_002_stability_fund_reports_every_sentence_typed_in_a_quantity_cell():
    # Given seed 002's 信访稳定经费: 32 万元 budgeted and spent, all of it 县级预算资金, and
    # sentences where numbers belong (the filer chose ≥ and entered weights: the printed
    # table has neither 指标性质 nor 分值)
    funding_rows = [
        funding("total", None, 320000, 320000),
        funding("fiscal_central"),
        funding("fiscal_local", None, 320000, 320000),
        funding("other"),
    ]
    sentence = (
        "督查督办信访件260件；信访案带案下访200次，参与重大活动信访工作30次；敏感时期、重要时间"
        "节点信访稳定工作50次；处置群体性、突发性事件20次，促进社会环境和谐。"
    )
    done = "1.完成全国及省市县四级召开“两会”期间8次的信访稳定工作。2.全年完成来访群众接待735件次。"
    printed = [  # 一级, 二级, 三级 (目标指标), 目标值, 业绩指标 (abridged), weight
        ("产出指标", "数量指标", sentence, sentence, done, 20),
        (
            "产出指标",
            "质量指标",
            "维护社会稳定，促进社会和谐。",
            "维护社会稳定，促进社会和谐。",
            "2023年该项工作的完成质量均达到优，有力促进了社会的和谐稳定。",
            10,
        ),
        (
            "产出指标",
            "时效指标",
            "完成信访稳定工作的时限要求",
            "2023年12月底",
            "已在2023年12月全面完成该项工作。",
            10,
        ),
        (
            "产出指标",
            "成本指标",
            "完成信访稳定工作急需资金",
            "完成信访稳定工作预计共需资金32万元。",
            "完成2023年信访稳定工作共支出资金32万元。",
            10,
        ),
        (
            "效益指标",
            "社会效益指标",
            "提升群众满意度",
            "提升群众满意度100%",
            "2023年信访稳定工作提升群众满意度达100%",
            30,
        ),
        (
            "满意度指标",
            "满意度指标",
            "提升服务对象满意度",
            "提升群众满意度95%",
            "提升服务对象满意度98%",
            10,
        ),
    ]
    rows = tuple(
        row(
            f"row-{n}",
            level1=l1,
            level2=l2,
            name=name,
            target_text=target,
            actual_text=actual,
            unit="",
            weight=D(weight),
        )
        for n, (l1, l2, name, target, actual, weight) in enumerate(printed, start=1)
    )
    # When checked
    findings = check_project(project(funding_rows=funding_rows, rows=rows, split_fiscal=True))
    # Then funding and weights agree, and each of the twelve cells is reported
    expected = []
    for n in range(1, 7):
        expected += [
            ("target_not_number", f"row-{n}.target"),
            ("actual_not_number", f"row-{n}.actual"),
        ]
    assert where(findings) == expected
    assert "督查督办信访件260件" in findings[0].message
    assert "2023年12月底" in findings[4].message
    assert has_errors(findings)


@pytest.mark.parametrize(
    ("source", "amounts", "cell"),
    [
        ("total", (-1, 100000, 100000), "funding.total.initial"),
        ("fiscal", (100000, -100000, 0), "funding.fiscal.adjusted"),
        ("fiscal", (100000, 100000, "-0.01"), "funding.fiscal.executed"),
    ],
)
def test_negative_amount_is_an_error_on_its_cell(source, amounts, cell):
    lines = [line for line in CLEAN_FUNDING if line.source != source]
    findings = check_project(project(funding_rows=[*lines, funding(source, *amounts)]))
    assert ("amount_negative", cell) in where(findings)
    assert only(findings, "amount_negative").severity == ERROR


@pytest.mark.parametrize("comparator", [GE, "＞"])
def test_target_of_zero_on_an_increasing_row_is_an_error(comparator):
    rows = [edit(CLEAN_ROWS[0], comparator=comparator, target_text="0"), *CLEAN_ROWS[1:]]
    findings = check_project(project(rows=rows))
    assert ("target_zero", "row-1.target") in where(findings)
    assert "培训人数" in only(findings, "target_zero").message


def test_target_of_zero_on_a_decreasing_row_is_allowed():
    rows = [
        edit(CLEAN_ROWS[0], comparator=LE, target_text="0", actual_text="0"),
        *CLEAN_ROWS[1:],
    ]
    assert check_project(project(rows=rows)) == []


@pytest.mark.parametrize("weight", ["0", "100.01", "-10"])
def test_weight_of_zero_or_above_100_is_an_error(weight):
    rows = [edit(CLEAN_ROWS[0], weight=D(weight)), *CLEAN_ROWS[1:]]
    findings = check_project(project(rows=rows))
    assert ("weight_out_of_bounds", "row-1.weight") in where(findings)

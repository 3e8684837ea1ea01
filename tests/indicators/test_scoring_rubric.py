"""Tests of the 打分表 rules: rows scored by hand, deduction rows, the sheet's total."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from apps.indicators import scoring
from apps.indicators.scoring import (
    ACHIEVED,
    GE,
    QUALITATIVE,
    DeductionRow,
    HandRow,
    RowInput,
    RubricRow,
    ScoringPolicy,
    deduction_points,
    deduction_refusal,
    evaluate,
    hand_row_score,
    hand_score_refusal,
    score_sheet,
)

D = Decimal
POLICY = ScoringPolicy()


# --- a row scored by hand ----------------------------------------------------------------


@pytest.mark.parametrize("chosen", [D(0), D("0.01"), D("7.5"), D("9.99"), D(10)])
def test_hand_row_scores_the_points_chosen_inside_its_weight(chosen):
    assert hand_row_score(weight=D(10), score=chosen) == chosen


def test_hand_row_without_a_score_counts_zero():
    assert hand_row_score(weight=D(10), score=None) == D(0)


@pytest.mark.parametrize(
    ("chosen", "expected"), [(D("10.01"), D(10)), (D(500), D(10)), (D(-1), D(0))]
)
def test_hand_row_holds_a_score_outside_its_weight_to_zero_and_weight(chosen, expected):
    assert hand_row_score(weight=D(10), score=chosen) == expected


def test_hand_row_counts_a_score_that_is_not_a_number_as_none():
    assert hand_row_score(weight=D(10), score=D("NaN")) == D(0)


def test_hand_row_refuses_a_negative_weight():
    with pytest.raises(ValueError):
        hand_row_score(weight=D(-1), score=D(0))


@pytest.mark.parametrize("chosen", [D(0), D(5), D("2.5"), D("2.25"), D("2.250"), D(10)])
def test_hand_score_inside_the_weight_with_two_places_is_accepted(chosen):
    assert hand_score_refusal(weight=D(10), score=chosen) is None


@pytest.mark.parametrize("chosen", [D("10.01"), D(11), D("-0.01"), D("Infinity"), D("NaN")])
def test_hand_score_outside_the_weight_is_refused_in_words(chosen):
    refusal = hand_score_refusal(weight=D(10), score=chosen)
    assert refusal is not None
    assert str(refusal) == "The score must be between 0 and the row's weight, 10."


def test_hand_score_refusal_quotes_the_weight_as_printed():
    refusal = hand_score_refusal(weight=D("2.50"), score=D(3))
    assert str(refusal) == "The score must be between 0 and the row's weight, 2.5."


def test_hand_score_with_three_places_is_refused():
    refusal = hand_score_refusal(weight=D(10), score=D("2.125"))
    assert str(refusal) == "Enter at most two decimal places."


# --- a deduction row ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "deduction", "expected"),
    [
        (D(10), None, D(0)),
        (D(10), D("1.5"), D("1.5")),
        (D(10), D(10), D(10)),
        (D(10), D("12.5"), D(10)),  # 最高扣10分
        (D(10), D(-2), D(0)),  # never a bonus
        (None, D("12.5"), D("12.5")),
        (None, D(-2), D(0)),
        (None, D("NaN"), D(0)),
    ],
)
def test_deduction_takes_off_at_least_zero_and_at_most_its_cap(maximum, deduction, expected):
    assert deduction_points(maximum=maximum, deduction=deduction) == expected


def test_deduction_refuses_a_negative_cap():
    with pytest.raises(ValueError):
        deduction_points(maximum=D(-1), deduction=D(0))


@pytest.mark.parametrize(
    ("maximum", "deduction"),
    [(D(10), D(0)), (D(10), D("0.5")), (D(10), D(10)), (None, D(0)), (None, D(25))],
)
def test_deduction_inside_its_cap_with_two_places_is_accepted(maximum, deduction):
    assert deduction_refusal(maximum=maximum, deduction=deduction) is None


@pytest.mark.parametrize("deduction", [D("10.5"), D("-0.5"), D("Infinity"), D("NaN")])
def test_deduction_beyond_its_cap_is_refused_in_words(deduction):
    refusal = deduction_refusal(maximum=D(10), deduction=deduction)
    assert str(refusal) == "The deduction must be between 0 and the row's maximum, 10."


@pytest.mark.parametrize("deduction", [D("-0.5"), D("Infinity"), D("NaN")])
def test_uncapped_deduction_below_zero_is_refused_in_words(deduction):
    refusal = deduction_refusal(maximum=None, deduction=deduction)
    assert str(refusal) == "The deduction must be a number of points, 0 or more."


def test_deduction_with_three_places_is_refused():
    refusal = deduction_refusal(maximum=D(10), deduction=D("0.125"))
    assert str(refusal) == "Enter at most two decimal places."


def test_refusals_are_translated_by_the_caller():
    refusals = [
        hand_score_refusal(weight=D(10), score=D(11)),
        hand_score_refusal(weight=D(10), score=D("1.001")),
        deduction_refusal(maximum=D(10), deduction=D(11)),
        deduction_refusal(maximum=None, deduction=D(-1)),
    ]
    with translation.override("zh-hans"):
        words = [gettext(r.message) % r.params for r in refusals if r is not None]
    assert words == [
        "得分须在0到本行分值 10 之间。",
        "最多保留两位小数。",
        "扣分须在0到本行最高扣分 10 之间。",
        "扣分须为不小于0的分数。",
    ]


# --- the sheet ---------------------------------------------------------------------------


def test_sheet_sums_its_groups_and_lists_each_rows_points():
    rows: list[RubricRow] = [
        HandRow("甲", D(60), D(50)),
        DeductionRow("甲", deduction=D(5)),
        HandRow("乙", D(40), D("30.5")),
        DeductionRow(None, maximum=D(10), deduction=D(2)),
    ]
    result = score_sheet(POLICY, rows=rows)
    assert result.row_scores == [D(50), None, D("30.5"), None]
    assert result.row_deductions == [None, D(5), None, D(2)]
    assert result.group_weights == {"甲": D(60), "乙": D(40)}
    assert result.group_scores == {"甲": D(45), "乙": D("30.5")}
    assert result.group_deducted == {"甲": D(5), "乙": D(0)}
    assert result.sheet_deducted == D(2)
    assert result.weight == D(100)
    assert (result.total, result.grade) == (D("73.50"), "中")


def test_deductions_never_take_a_group_below_zero():
    rows: list[RubricRow] = [
        HandRow("甲", D(10), D(3)),
        DeductionRow("甲", deduction=D(2)),
        DeductionRow("甲", deduction=D(4)),
        HandRow("乙", D(10), D(10)),
    ]
    result = score_sheet(POLICY, rows=rows)
    # 3 − 6 stops at 0 for 甲; the rest of the deduction does not spill into 乙.
    assert result.group_scores == {"甲": D(0), "乙": D(10)}
    assert result.group_deducted == {"甲": D(3), "乙": D(0)}
    assert result.row_deductions == [None, D(2), D(4), None]
    assert result.total == D(10)


def test_sheet_deductions_never_take_the_total_below_zero():
    rows: list[RubricRow] = [HandRow("甲", D(10), D(3)), DeductionRow(None, deduction=D(8))]
    result = score_sheet(POLICY, rows=rows)
    assert (result.sheet_deducted, result.total, result.grade) == (D(3), D("0.00"), "差")


def test_sheet_refuses_a_deduction_from_a_group_without_scored_rows():
    # A group of deductions alone would floor them away: a sheet-wide 扣分项 names no group.
    with pytest.raises(ValueError, match="扣分项"):
        score_sheet(POLICY, rows=[HandRow("甲", D(10), D(10)), DeductionRow("扣分项", D(10), D(1))])


def test_unscored_hand_rows_count_zero_in_the_sheet():
    rows = [HandRow("甲", D(50)), HandRow("甲", D(50), D(45))]
    result = score_sheet(POLICY, rows=rows)
    assert result.row_scores == [D(0), D(45)]
    assert (result.total, result.grade) == (D("45.00"), "差")


def test_sheet_total_is_rounded_once_half_up_and_graded_as_shown():
    # 29.995 has a place too many (hand_score_refusal says so), yet the engine computes with
    # what it is given and rounds nothing before the total: 89.995 shows 90.00 and grades 优.
    rows = [HandRow("甲", D(30), D("29.995")), HandRow("甲", D(60), D(60))]
    result = score_sheet(POLICY, rows=rows)
    assert result.exact_total == D("89.995")
    assert (result.total, result.grade) == (D("90.00"), "优")


def test_sheet_grades_by_the_bureau_thresholds():
    policy = ScoringPolicy(grade_thresholds=((D(85), "优秀"), (D(0), "合格")))
    rows = [HandRow("甲", D(100), D(86))]
    assert score_sheet(policy, rows=rows).grade == "优秀"


def test_empty_sheet_scores_zero():
    result = score_sheet(POLICY, rows=[])
    assert (result.weight, result.total, result.grade) == (D(0), D("0.00"), "差")


# --- evaluate: a row scored by hand ------------------------------------------------------


def test_evaluate_scores_a_hand_score_instead_of_the_rows_formula():
    row = RowInput("产出指标", "数量指标", GE, D(50), D(100), D(100), hand_score=D("42.5"))
    result = evaluate(POLICY, executed=D(1), budget=D(1), rows=[row])
    assert result.row_scores == [D("42.5")]
    assert result.total == D("52.50")


def test_evaluate_holds_a_hand_score_to_the_rows_weight():
    rows = [
        RowInput("产出指标", "数量指标", GE, D(50), D(100), D(0), hand_score=D(70)),
        RowInput("效益指标", "社会效益指标", QUALITATIVE, D(30), hand_score=D(-3)),
    ]
    assert evaluate(POLICY, executed=D(1), budget=D(1), rows=rows).row_scores == [D(50), D(0)]


def test_evaluate_leaves_out_a_not_applicable_row_even_with_a_hand_score():
    rows = [
        RowInput("产出指标", "数量指标", GE, D(50), D(1), D(1), hand_score=D(10)),
        RowInput("效益指标", "社会效益指标", GE, D(40), hand_score=D(40), not_applicable=True),
    ]
    result = evaluate(POLICY, executed=D(1), budget=D(1), rows=rows)
    # Execution 10 + the hand score 10 over 10 + 50 applicable points: 33.33.
    assert result.row_scores == [D(10), None]
    assert (result.raw_total, result.applicable_weight, result.total) == (D(20), D(60), D("33.33"))


def test_evaluate_with_a_hand_score_equals_the_qualitative_stand_in():
    given_row = RowInput("产出指标", "数量指标", GE, D(50), D(100), D(30))
    by_hand = evaluate(
        POLICY,
        executed=D(1),
        budget=D(1),
        rows=[RowInput(**{**vars(given_row), "hand_score": D(44)})],
    )
    stand_in = RowInput(
        "产出指标",
        "数量指标",
        QUALITATIVE,
        D(50),
        qualitative_label=ACHIEVED,
        qualitative_score=D(44),
    )
    faked = evaluate(POLICY, executed=D(1), budget=D(1), rows=[stand_in])
    assert (by_hand.total, by_hand.row_scores) == (faked.total, faked.row_scores)


# --- seed 002: 峨边彝族自治县信访局 2023, 部门整体绩效自评打分表 ----------------------------

MANAGEMENT = "部门预算项目绩效管理"  # （70分）
APPLICATION = "绩效结果应用"  # （30分）

# (二级指标, 三级指标, 指标分值, 自评打分) as printed; 计分标准 and 评价方式 are text for callers.
SEED_002_SHEET = [
    (MANAGEMENT, "目标管理", "目标制定", D(10), D(10)),  # 内部审核
    (MANAGEMENT, "目标管理", "目标制定", D(10), D(10)),  # 科学合理、规范完整 (5 × 2分)
    (MANAGEMENT, "目标管理", "目标实现", D(10), D(10)),  # 部门整体支出 偏离度
    (MANAGEMENT, "目标管理", "目标实现", D(10), D(10)),  # 部门预算项目 偏离度
    (MANAGEMENT, "动态调整", "支出控制", D(10), D(10)),
    (MANAGEMENT, "动态调整", "及时处置", D(5), D(5)),
    (MANAGEMENT, "动态调整", "执行进度", D(5), D(3)),  # 6/9/11月 1/2/2分
    (MANAGEMENT, "完成结果", "资金结余率（低效无效率）", D(5), D(5)),
    (MANAGEMENT, "完成结果", "违规记录", D(5), D(5)),  # 每个问题扣0.5分，直至扣完
    (APPLICATION, "内部应用", "预算挂钩", D(10), D(10)),
    (APPLICATION, "信息公开", "自评公开", D(10), D(10)),
    (APPLICATION, "整改反馈", "问题整改", D(5), D(5)),
    (APPLICATION, "整改反馈", "应用反馈", D(5), D(5)),
]


def seed_002_rows(deduction: Decimal | None = None) -> list[RubricRow]:
    """The sheet's rows; the 扣分项 (0.5分/次, 最高扣10分) comes off the total, blank as printed."""
    rows: list[RubricRow] = [
        HandRow(group, weight, score) for group, _, _, weight, score in SEED_002_SHEET
    ]
    rows.append(DeductionRow(None, maximum=D(10), deduction=deduction))
    return rows


def test_seed_002_sheet_scores_the_98_the_department_printed():
    result = score_sheet(POLICY, rows=seed_002_rows())
    assert result.group_weights == {MANAGEMENT: D(70), APPLICATION: D(30)}
    assert result.group_scores == {MANAGEMENT: D(68), APPLICATION: D(30)}
    assert result.row_deductions[-1] == D(0)
    assert (result.weight, result.total, result.grade) == (D(100), D("98.00"), "优")


def test_seed_002_level2_labels_disagree_with_their_rows_but_the_level1_labels_agree():
    # The sheet prints 动态调整（15分） over rows of 10 + 5 + 5 and 信息公开（5分） over a row of
    # 10; with the printed 15 and 5 the level-1 groups would hold 65 and 25, not 70 and 30.
    # The engine adds the rows, so it reaches the 70 / 30 / 100 and the 98 the sheet prints.
    def level2(name: str) -> Decimal:
        return sum((w for _, l2, _, w, _ in SEED_002_SHEET if l2 == name), D(0))

    assert (level2("目标管理"), level2("完成结果"), level2("内部应用")) == (D(40), D(10), D(10))
    assert (level2("动态调整"), level2("信息公开"), level2("整改反馈")) == (D(20), D(10), D(10))


@pytest.mark.parametrize(
    ("times", "total", "grade"),
    [(0, D("98.00"), "优"), (3, D("96.50"), "优"), (16, D("90.00"), "优"), (30, D("88.00"), "良")],
)
def test_seed_002_refusals_to_cooperate_cost_half_a_point_each_up_to_ten(times, total, grade):
    result = score_sheet(POLICY, rows=seed_002_rows(D("0.5") * times))
    assert (result.total, result.grade) == (total, grade)
    assert result.sheet_deducted == min(D("0.5") * times, D(10))


# --- properties --------------------------------------------------------------------------


def points(low: int = -50, high: int = 150) -> st.SearchStrategy[Decimal]:
    """Decimals with up to 2 places, in and out of any row's bounds."""
    return st.decimals(min_value=low, max_value=high, places=2)


weights = st.decimals(min_value=0, max_value=100, places=2)
GROUPS = ("甲", "乙", "丙")


@st.composite
def sheets(draw: st.DrawFn) -> list[RubricRow]:
    """A sheet of hand rows in up to three groups and deductions from them or from the total."""
    hand = draw(
        st.lists(
            st.builds(HandRow, st.sampled_from(GROUPS), weights, st.none() | points()),
            min_size=1,
            max_size=8,
        )
    )
    groups = sorted({row.group for row in hand})
    cuts = draw(
        st.lists(
            st.builds(
                DeductionRow,
                st.none() | st.sampled_from(groups),
                st.none() | weights,
                st.none() | points(),
            ),
            max_size=4,
        )
    )
    return draw(st.permutations([*hand, *cuts]))


@given(weight=weights, chosen=st.none() | points(-1000, 1000))
def test_hand_row_always_scores_within_zero_and_its_weight(weight, chosen):
    assert D(0) <= hand_row_score(weight=weight, score=chosen) <= weight


@given(weight=weights, chosen=st.decimals(min_value=-200, max_value=200, places=3))
def test_hand_score_is_refused_exactly_when_the_engine_would_not_keep_it(weight, chosen):
    refusal = hand_score_refusal(weight=weight, score=chosen)
    kept = hand_row_score(weight=weight, score=chosen) == chosen
    two_places = chosen == chosen.quantize(D("0.01"))
    assert (refusal is None) == (kept and two_places)


@given(maximum=st.none() | weights, deduction=st.decimals(min_value=-50, max_value=150, places=3))
def test_deduction_is_refused_exactly_when_the_engine_would_not_take_it_whole(maximum, deduction):
    refusal = deduction_refusal(maximum=maximum, deduction=deduction)
    whole = deduction_points(maximum=maximum, deduction=deduction) == deduction
    two_places = deduction == deduction.quantize(D("0.01"))
    assert (refusal is None) == (whole and two_places)


@given(rows=sheets())
def test_deductions_never_make_a_group_or_the_total_negative(rows):
    result = score_sheet(POLICY, rows=rows)
    assert all(score >= 0 for score in result.group_scores.values())
    assert all(score <= result.group_weights[g] for g, score in result.group_scores.items())
    assert result.exact_total >= 0
    assert result.exact_total == sum(result.group_scores.values(), D(0)) - result.sheet_deducted


@given(rows=sheets())
def test_total_never_exceeds_the_sum_of_weights(rows):
    result = score_sheet(POLICY, rows=rows)
    assert result.weight == sum((r.weight for r in rows if isinstance(r, HandRow)), D(0))
    assert result.exact_total <= result.weight
    assert result.total <= result.weight


@given(rows=sheets(), data=st.data(), more=st.decimals(min_value=0, max_value=50, places=2))
def test_total_never_falls_when_a_hand_score_rises(rows, data, more):
    hand = [i for i, row in enumerate(rows) if isinstance(row, HandRow)]
    index = data.draw(st.sampled_from(hand))
    row = rows[index]
    assert isinstance(row, HandRow)
    raised = HandRow(row.group, row.weight, (row.score or D(0)) + more)
    before = score_sheet(POLICY, rows=rows).exact_total
    after = score_sheet(POLICY, rows=[*rows[:index], raised, *rows[index + 1 :]]).exact_total
    assert after >= before


@given(rows=sheets(), data=st.data(), more=st.decimals(min_value=0, max_value=50, places=2))
def test_total_never_rises_when_a_deduction_grows(rows, data, more):
    cuts = [i for i, row in enumerate(rows) if isinstance(row, DeductionRow)]
    if not cuts:
        return
    index = data.draw(st.sampled_from(cuts))
    row = rows[index]
    assert isinstance(row, DeductionRow)
    grown = DeductionRow(row.group, row.maximum, (row.deduction or D(0)) + more)
    before = score_sheet(POLICY, rows=rows).exact_total
    after = score_sheet(POLICY, rows=[*rows[:index], grown, *rows[index + 1 :]]).exact_total
    assert after <= before


@given(rows=sheets(), data=st.data())
def test_the_order_of_rows_does_not_change_the_total(rows, data):
    shuffled = data.draw(st.permutations(rows))
    first, second = score_sheet(POLICY, rows=rows), score_sheet(POLICY, rows=shuffled)
    assert (first.group_scores, first.exact_total) == (second.group_scores, second.exact_total)


def test_every_name_of_the_package_is_exported():
    assert sorted(scoring.__all__) == sorted(
        name
        for name in vars(scoring)
        if not name.startswith("_")
        and name not in {"department", "rubric", "rules", "totals", "types"}
    )

"""Tests of the department self-evaluation's figures and computed 打分表 rows, with seed 002."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.indicators.scoring import (
    EQ,
    GE,
    GT,
    LE,
    LT,
    PROGRESS_PARTS,
    PROGRESS_TARGETS,
    QUALITATIVE,
    DeductionRow,
    HandRow,
    RubricRow,
    ScoringPolicy,
    balance_share_score,
    change_rate,
    hand_score_refusal,
    needs_deviation_reason,
    progress_score,
    quantity_goal_score,
    ratio,
    round_score,
    score_sheet,
)

D = Decimal
POLICY = ScoringPolicy()


def places(value: Decimal, digits: int = 12) -> Decimal:
    """Round for comparing a long quotient with its worked value."""
    return value.quantize(D(1).scaleb(-digits))


# --- figures: ratios and the change of "三公经费" ------------------------------------------


def test_budget_execution_rate_of_seed_002_is_spending_over_income_uncapped():
    # 支出合计 308.97万元 ÷ 收入合计 305.97万元 = 1.00980488…: the seed spent more than it took
    # in; the figure shows that as is (the 预算执行率 row caps it, checks.py flags it).
    assert places(ratio(D("308.97"), D("305.97")), 8) == D("1.00980488")


def test_staff_control_rate_of_seed_002_is_staff_over_establishment():
    # 实有人数 4 + 7 = 11 ÷ 编制数 7 + 8 = 15 = 0.7333…
    assert places(ratio(D(11), D(15)), 4) == D("0.7333")


def test_carry_over_rate_is_balance_over_spending():
    # 累计结余 15.45 ÷ 支出合计 309 = 0.05
    assert ratio(D("15.45"), D(309)) == D("0.05")


def test_ratio_of_nothing_spent_is_zero():
    assert ratio(D(0), D(15)) == D(0)


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(None, D(1)), (D(1), None), (D(1), D(0)), (D(1), D(-3)), (D("NaN"), D(1)), (D(1), D("Inf"))],
)
def test_ratio_is_none_without_a_positive_denominator_or_with_a_missing_value(
    numerator, denominator
):
    assert ratio(numerator, denominator) is None


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (D(12), D(15), D("-0.2")),  # (12 − 15) ÷ 15 = −0.2: 三公经费 fell by a fifth
        (D(18), D(15), D("0.2")),  # (18 − 15) ÷ 15 = 0.2
        (D(0), D(15), D(-1)),  # (0 − 15) ÷ 15 = −1: none spent this year
        (D("3.6"), D("3.6"), D(0)),
    ],
)
def test_change_rate_is_the_change_over_last_year(current, previous, expected):
    assert change_rate(current, previous) == expected


@pytest.mark.parametrize(
    ("current", "previous"), [(D(5), D(0)), (None, D(15)), (D(12), None), (D("NaN"), D(1))]
)
def test_change_rate_is_none_without_last_years_amount(current, previous):
    assert change_rate(current, previous) is None


# --- 目标实现: share of 数量指标 on target without overshooting by 30% -----------------------


def test_goal_score_with_seed_like_numbers_counts_hits_and_not_overshoots_or_misses():
    targets = [
        (GE, D(70), D(70)),  # 70 ≤ 70 < 91: achieved
        (GE, D(900), D(961)),  # 900 ≤ 961 < 1170: achieved
        (GE, D(20), D("66.67")),  # 66.67 ≥ 20 × 1.3 = 26: overshoots, not achieved
        (GE, D(11), D(0)),  # 0 < 11: missed
    ]
    # 2 achieved ÷ 4 counted × 10 = 5
    assert quantity_goal_score(D(10), targets) == (D(5), 2, 4)


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "achieved"),
    [
        (GE, D(100), D(100), True),
        (GE, D(100), D("129.99"), True),  # 129.99 < 130
        (GE, D(100), D(130), False),  # 130% of the target is overshooting by 30%
        (GE, D(100), D("99.99"), False),
        (EQ, D(100), D(100), True),
        (EQ, D(100), D(120), True),  # = is read as ≥ with the same overshoot limit
        (EQ, D(100), D(130), False),
        (EQ, D(100), D(99), False),
        (GT, D(100), D(100), False),  # ＞ needs more than the target
        (GT, D(100), D(101), True),
        (GT, D(100), D(130), False),
        (LE, D(5), D(5), True),
        (LE, D(5), D(0), True),  # far under a ceiling is no overshoot
        (LE, D(5), D("5.01"), False),
        (LT, D(5), D(5), False),
        (LT, D(5), D("4.99"), True),
    ],
)
def test_goal_is_achieved_by_its_comparator(comparator, target, actual, achieved):
    # One row: achieved scores the whole 10, missed scores 0.
    expected = (D(10) if achieved else D(0), int(achieved), 1)
    assert quantity_goal_score(D(10), [(comparator, target, actual)]) == expected


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "achieved"),
    [
        (EQ, D(0), D(0), True),  # = 0 (安全事故 = 0): only 0 meets it
        (EQ, D(0), D(1), False),
        (EQ, D(0), D(-1), False),
        (EQ, D(-5), D(-5), True),
        (EQ, D(-5), D(-4), False),
        (GE, D(0), D(0), True),  # ≥ 0: 30% of 0 is no amount, so nothing overshoots it
        (GE, D(0), D(500), True),
        (GE, D(0), D(-1), False),
        (GT, D(0), D(0), False),
        (GT, D(0), D(1), True),
        (GE, D(-10), D(-3), True),
        (GE, D(-10), D(-11), False),
    ],
)
def test_goal_at_or_below_zero_is_never_overshot_and_equals_only_by_a_match(
    comparator, target, actual, achieved
):
    assert quantity_goal_score(D(10), [(comparator, target, actual)])[1] == int(achieved)


@pytest.mark.parametrize(
    ("alias", "actual", "achieved"),
    [(">=", D(100), True), ("≧", D(100), True), ("＝", D(100), True), (">", D(100), False)],
)
def test_goal_comparators_typed_as_aliases_are_understood(alias, actual, achieved):
    assert quantity_goal_score(D(10), [(f" {alias} ", D(100), actual)])[1:] == (int(achieved), 1)


def test_goal_rows_without_numbers_or_with_an_unknown_comparator_are_not_counted():
    targets = [
        (QUALITATIVE, D(1), D(1)),  # 定性: not a 数量指标
        ("", D(10), D(10)),  # blank comparator
        ("约", D(10), D(10)),  # unknown comparator
        (GE, None, D(10)),
        (GE, D(10), None),
        (GE, D("NaN"), D(10)),
        (LE, D(10), D(12)),  # the one row counted: 12 > 10, missed
    ]
    # 0 achieved ÷ 1 counted × 10 = 0
    assert quantity_goal_score(D(10), targets) == (D(0), 0, 1)


def test_goal_score_is_none_when_no_row_counts():
    assert quantity_goal_score(D(10), []) == (None, 0, 0)
    assert quantity_goal_score(D(10), [(QUALITATIVE, None, None)]) == (None, 0, 0)


def test_goal_score_follows_the_bureaus_excess_ratio():
    # 140 < 100 × 1.5 = 150: achieved under a 50% limit, overshooting under the 30% default.
    assert quantity_goal_score(D(10), [(GE, D(100), D(140))], excess_ratio=D("1.5"))[1] == 1
    assert quantity_goal_score(D(10), [(GE, D(100), D(140))])[1] == 0


def test_goal_score_is_unrounded():
    # 1 achieved ÷ 3 counted × 10 = 3.333…
    targets = [(GE, D(1), D(1)), (GE, D(1), D(0)), (GE, D(1), D(0))]
    score, _, _ = quantity_goal_score(D(10), targets)
    assert score is not None
    assert places(score, 6) == D("3.333333")
    assert round_score(score) == D("3.33")


@pytest.mark.parametrize("ratio_", [D("0.9"), D("NaN")])
def test_goal_score_refuses_an_excess_ratio_below_one(ratio_):
    with pytest.raises(ValueError):
        quantity_goal_score(D(10), [], excess_ratio=ratio_)


def test_goal_score_refuses_a_negative_weight():
    with pytest.raises(ValueError):
        quantity_goal_score(D(-1), [])


# --- 资金结余率: share of projects with 结余率 below 0.1 ------------------------------------


def test_seed_002_projects_spent_in_full_score_the_printed_5():
    # 心连心热线 0.89, 阳光信访 1.62, 信访稳定 32 (万元), each spent as budgeted: 结余率 0.
    # 3 below 0.1 ÷ 3 counted × 5 = 5, the 5 the sheet prints.
    projects = [(D("0.89"), D("0.89")), (D("1.62"), D("1.62")), (D(32), D(32))]
    assert balance_share_score(D(5), projects) == (D(5), 3, 3)


def test_balance_share_counts_projects_whose_balance_is_below_the_limit():
    projects = [
        (D(10), D("9.5")),  # (10 − 9.5) ÷ 10 = 0.05 < 0.1: below
        (D(10), D(9)),  # (10 − 9) ÷ 10 = 0.1, not below 0.1
        (D(10), D(8)),  # 0.2: not below
        (D(10), D(12)),  # overspent: 结余率 floored at 0, below
    ]
    # 2 below ÷ 4 counted × 5 = 2.5
    assert balance_share_score(D(5), projects) == (D("2.5"), 2, 4)


def test_balance_share_follows_the_bureaus_limit():
    # 0.2 < 0.25: below under a looser limit.
    assert balance_share_score(D(5), [(D(10), D(8))], limit=D("0.25")) == (D(5), 1, 1)


def test_balance_share_skips_projects_without_a_positive_budget_or_amounts():
    projects = [(None, D(1)), (D(1), None), (D(0), D(0)), (D(-5), D(1)), (D("NaN"), D(1))]
    assert balance_share_score(D(5), projects) == (None, 0, 0)
    # 1 below ÷ 2 counted × 5 = 2.5: the skipped ones do not dilute the counted ones.
    projects += [(D(10), D(10)), (D(10), D(5))]
    assert balance_share_score(D(5), projects) == (D("2.5"), 1, 2)


# --- 执行进度: 6, 9, 11月 spending against 40%, 67.5%, 82.5% ------------------------------


def test_progress_worked_example():
    # 6月: 1 × 0.30 ÷ 0.40 = 0.75; 9月: 0.70 ≥ 0.675, 2 × 1 = 2;
    # 11月: 2 × 0.80 ÷ 0.825 = 1.939393…; total 4.689393…
    score = progress_score(D(5), (D("0.30"), D("0.70"), D("0.80")))
    assert score is not None
    assert places(score) == places(D("0.75") + D(2) + D(2) * D("0.80") / D("0.825"))
    assert places(score, 6) == D("4.689394")
    assert round_score(score) == D("4.69")


def test_progress_reaching_every_target_scores_1_2_and_2_of_5():
    assert progress_score(D(5), PROGRESS_TARGETS) == D(5)
    assert progress_score(D(5), (D("0.40"), D(0), D(0))) == D(1)
    assert progress_score(D(5), (D(0), D("0.675"), D(0))) == D(2)
    assert progress_score(D(5), (D(0), D(0), D("0.825"))) == D(2)


def test_progress_reproduces_seed_002s_printed_3():
    # 6月 reached (1); 9月 0.3375 ÷ 0.675 = 0.5 of 2 (1); 11月 0.4125 ÷ 0.825 = 0.5 of 2 (1).
    assert progress_score(D(5), (D("0.40"), D("0.3375"), D("0.4125"))) == D(3)


def test_progress_above_target_is_no_bonus_and_below_zero_counts_zero():
    # 6月 −0.1 counts 0; 9月 and 11月 above target count their full 2 each: 0 + 2 + 2 = 4.
    assert progress_score(D(5), (D("-0.1"), D("0.9"), D("1.2"))) == D(4)


@pytest.mark.parametrize(
    "rates", [(None, D("0.5"), D("0.9")), (D("0.4"), None, D("0.9")), (D("0.4"), D("0.7"), None)]
)
def test_progress_is_none_when_a_month_is_missing(rates):
    assert progress_score(D(5), rates) is None


def test_progress_follows_a_bureaus_own_months_and_points():
    # Targets 30%, 60%, 90% worth 2, 3 and 5 of 10:
    # 2 × 0.15 ÷ 0.3 = 1; 0.6 reaches 0.6, 3 × 1 = 3; 0.99 ≥ 0.9, 5 × 1 = 5; total 9.
    targets, parts = (D("0.3"), D("0.6"), D("0.9")), (D(2), D(3), D(5))
    score = progress_score(D(10), (D("0.15"), D("0.6"), D("0.99")), targets=targets, parts=parts)
    assert score == D(9)


@pytest.mark.parametrize(
    ("targets", "parts"),
    [
        ((D("0.4"), D("0.675")), PROGRESS_PARTS),  # one target short
        ((D(0), D("0.675"), D("0.825")), PROGRESS_PARTS),  # a target of 0
        (PROGRESS_TARGETS, (D(0), D(0), D(0))),  # no points to share
        (PROGRESS_TARGETS, (D(-1), D(3), D(3))),
    ],
)
def test_progress_refuses_settings_that_cannot_share_the_weight(targets, parts):
    with pytest.raises(ValueError):
        progress_score(D(5), (D(1), D(1), D(1)), targets=targets, parts=parts)


# --- properties --------------------------------------------------------------------------


def amounts(low: int = -1000, high: int = 2000) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=2)


weights = st.decimals(min_value=0, max_value=100, places=2)
signs = st.sampled_from([GE, GT, LE, LT, EQ, QUALITATIVE, ">=", "<", "", "约"])
goals = st.lists(st.tuples(signs, st.none() | amounts(), st.none() | amounts()), max_size=12)
rates = st.none() | st.decimals(min_value=-1, max_value=2, places=4)


@given(weight=weights, targets=goals, excess=st.decimals(min_value=1, max_value=3, places=2))
def test_goal_score_stays_within_zero_and_the_weight(weight, targets, excess):
    score, achieved, counted = quantity_goal_score(weight, targets, excess_ratio=excess)
    assert 0 <= achieved <= counted <= len(targets)
    assert (score is None) == (counted == 0)
    if score is not None:
        assert D(0) <= score <= weight


@given(comparator=st.sampled_from([GE, LE]), target=amounts(), actual=amounts())
def test_goal_is_achieved_exactly_when_no_deviation_reason_is_asked(comparator, target, actual):
    # ≥ and ≤ rows: the 打分表's 'achieved' and the form's 偏差原因 draw the same line.
    achieved = quantity_goal_score(D(10), [(comparator, target, actual)])[1] == 1
    asked = needs_deviation_reason(POLICY, comparator=comparator, target=target, actual=actual)
    assert achieved != asked


@given(weight=weights, budgets=st.lists(st.tuples(st.none() | amounts(), amounts()), max_size=12))
def test_balance_share_stays_within_zero_and_the_weight(weight, budgets):
    score, below, counted = balance_share_score(weight, budgets)
    assert 0 <= below <= counted <= len(budgets)
    assert (score is None) == (counted == 0)
    if score is not None:
        assert D(0) <= score <= weight


@given(weight=weights, months=st.tuples(rates, rates, rates))
def test_progress_stays_within_zero_and_the_weight(weight, months):
    score = progress_score(weight, months)
    assert (score is None) == (None in months)
    if score is not None:
        assert D(0) <= score <= weight


@given(
    weight=weights,
    months=st.tuples(*[st.decimals(min_value=-1, max_value=2, places=4)] * 3),
    more=st.decimals(min_value=0, max_value=1, places=4),
    month=st.integers(min_value=0, max_value=2),
)
def test_progress_never_falls_when_spending_rises(weight, months, more, month):
    raised = tuple(rate + more if i == month else rate for i, rate in enumerate(months))
    assert progress_score(weight, raised) >= progress_score(weight, months)


@given(numerator=amounts(), denominator=amounts())
def test_ratio_is_none_exactly_when_the_denominator_is_not_positive(numerator, denominator):
    assert (ratio(numerator, denominator) is None) == (denominator <= 0)


# --- the 打分表 of seed 002: 峨边彝族自治县信访局 2023 -------------------------------------

MANAGEMENT = "部门预算项目绩效管理"  # （70分）
APPLICATION = "绩效结果应用"  # （30分）

# (三级指标, 指标分值, 自评打分) as printed, per level-1 group.
SEED_002_MANAGEMENT = [
    ("目标制定", D(10), D(10)),
    ("目标制定", D(10), D(10)),
    ("目标实现", D(10), D(10)),
    ("目标实现", D(10), D(10)),
    ("支出控制", D(10), D(10)),
    ("及时处置", D(5), D(5)),
    ("执行进度", D(5), D(3)),
    ("资金结余率（低效无效率）", D(5), D(5)),
    ("违规记录", D(5), D(5)),
]
SEED_002_APPLICATION = [
    ("预算挂钩", D(10), D(10)),
    ("自评公开", D(10), D(10)),
    ("问题整改", D(5), D(5)),
    ("应用反馈", D(5), D(5)),
]


def seed_002_sheet(
    deduction: Decimal | None = None, scores: dict[str, Decimal] | None = None
) -> list[RubricRow]:
    """Seed 002's 13 hand rows and its sheet-wide 扣分项 (最高扣10分); scores overrides by name."""
    scores = scores or {}
    printed = [(MANAGEMENT, SEED_002_MANAGEMENT), (APPLICATION, SEED_002_APPLICATION)]
    rows: list[RubricRow] = [
        HandRow(group, weight, scores.get(name, score))
        for group, group_rows in printed
        for name, weight, score in group_rows
    ]
    rows.append(DeductionRow(group=None, maximum=D(10), deduction=deduction))
    return rows


def test_seed_002_sheet_totals_the_printed_98():
    # 部门预算项目绩效管理: 10 + 10 + 10 + 10 + 10 + 5 + 3 + 5 + 5 = 68 of 70;
    # 绩效结果应用: 10 + 10 + 5 + 5 = 30 of 30; 68 + 30 − 0 = 98, ≥ 90: 优.
    result = score_sheet(POLICY, rows=seed_002_sheet())
    assert result.group_weights == {MANAGEMENT: D(70), APPLICATION: D(30)}
    assert result.group_scores == {MANAGEMENT: D(68), APPLICATION: D(30)}
    assert result.sheet_deducted == D(0)
    assert (result.weight, result.total, result.grade) == (D(100), D("98.00"), "优")


def test_seed_002_sheet_with_a_deduction_of_one_and_a_half():
    # Three refusals to cooperate at 0.5分/次: 98 − 1.5 = 96.50; the groups keep 68 and 30.
    result = score_sheet(POLICY, rows=seed_002_sheet(D("1.5")))
    assert result.group_scores == {MANAGEMENT: D(68), APPLICATION: D(30)}
    assert result.sheet_deducted == D("1.5")
    assert (result.total, result.grade) == (D("96.50"), "优")


def test_seed_002_hand_score_above_its_weight_is_held_to_it_and_refused_at_entry():
    # 执行进度 typed as 7 of 5: the sheet counts 5, so 70 + 30 = 100; the form refuses the 7.
    result = score_sheet(POLICY, rows=seed_002_sheet(scores={"执行进度": D(7)}))
    assert result.row_scores[6] == D(5)
    assert result.group_scores == {MANAGEMENT: D(70), APPLICATION: D(30)}
    assert result.total == D("100.00")
    refusal = hand_score_refusal(weight=D(5), score=D(7))
    assert str(refusal) == "The score must be between 0 and the row's weight, 5."


def test_seed_002_computed_rows_give_the_sheet_its_printed_scores():
    # 执行进度 3 (1 + 1 + 1, above), 目标实现 10 (every 数量指标 on target), 资金结余率 5.
    progress = progress_score(D(5), (D("0.40"), D("0.3375"), D("0.4125")))
    goals, _, _ = quantity_goal_score(D(10), [(GE, D(4216), D(4216)), (GE, D(6), D(6))])
    balance, _, _ = balance_share_score(D(5), [(D("0.89"), D("0.89")), (D(32), D(32))])
    assert progress is not None and goals is not None and balance is not None
    computed = {"执行进度": progress, "目标实现": goals, "资金结余率（低效无效率）": balance}
    result = score_sheet(POLICY, rows=seed_002_sheet(scores=computed))
    assert (result.group_scores[MANAGEMENT], result.total) == (D(68), D("98.00"))

"""Tests of the consistency checks (勾稽) of a department self-evaluation (DESIGN §6, §4, §5)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from apps.core.money import wan_to_yuan
from apps.department_evaluations.bounds import FINANCE_COLUMNS
from apps.department_evaluations.checks import (
    ERROR,
    WARNING,
    Finding,
    check_department,
    summarize,
)
from apps.department_evaluations.data import (
    Amount,
    Context,
    DepartmentData,
    Figure,
    FinanceData,
    IndicatorData,
    ProjectFacts,
    RubricItemData,
    RubricLine,
    RubricOutcome,
    Scores,
    TaskData,
)
from apps.indicators import scoring

D = Decimal
POLICY = scoring.ScoringPolicy()
REASON = "下半年项目延期，资金结转下年使用。"


def wan(text: str) -> Decimal:
    """An amount typed from a printed 万元 figure, in 元."""
    return wan_to_yuan(D(text))


def finance(name: str = "局机关", **amounts: str) -> FinanceData:
    """One 收支情况 row with amounts given in 万元; columns not named stay blank."""
    assert set(amounts) <= set(FINANCE_COLUMNS), set(amounts) - set(FINANCE_COLUMNS)
    return FinanceData(name, {column: wan(value) for column, value in amounts.items()})


def context(**changes: object) -> Context:
    """The bureau's side: the national policy, the score as declared, 万元, 0.01 万元 slack."""
    return replace(Context(policy=POLICY, basis="declared"), **changes)  # type: ignore[arg-type]


def _ratio(top: Amount, bottom: Amount) -> Decimal | None:
    return None if top is None or bottom is None or bottom == 0 else top / bottom


def scores_for(data: DepartmentData, ctx: Context, **changes: object) -> Scores:
    """The figures worked out by hand from data (as compute.py does), with changes."""
    totals: dict[str, Amount] = {}
    for column in FINANCE_COLUMNS:
        typed = [value for row in data.finance if (value := row.get(column)) is not None]
        totals[column] = sum(typed, D(0)) if typed else None
    heads = (data.actual_headcount, data.authorized_headcount)
    last = ctx.last_year_three_public
    change = _ratio(totals["three_public_total"], last)
    values = {
        "execution_rate": _ratio(totals["expense_total"], totals["income_total"]),
        "headcount_rate": None if None in heads else _ratio(D(heads[0]), D(heads[1])),  # type: ignore[arg-type]
        "three_public_change": None if change is None else change - 1,
        "balance_rate": _ratio(totals["balance_accumulated"], totals["expense_total"]),
        "project_execution": _ratio(ctx.projects.executed, totals["expense_project"]),
    }
    figures = {key: Figure(key, key, value, "") for key, value in values.items()}
    built = Scores(
        total_row=totals, figures=figures, rubric={}, indicator_scores=(), total=None, grade=""
    )
    return replace(built, **changes)  # type: ignore[arg-type]


def check(data: DepartmentData, ctx: Context | None = None, **changes: object) -> list[Finding]:
    """Check data in English, the figures worked out by hand unless changes replace them."""
    ctx = ctx or context()
    with translation.override("en"):
        findings = check_department(data, ctx, scores_for(data, ctx, **changes))
    assert all(finding.message.strip() for finding in findings)
    return findings


def where(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(finding.severity, finding.field) for finding in findings]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, where(findings)
    return findings[0]


# Seed 001 (云溪区信访局 2022): its 局机关 row as printed, 三公 合计 1.2 with parts 0.04, 0, 0, 0.
SEED_001_ROW = finance(
    income_total="273.09",
    income_carryover="0",
    income_fiscal="259.16",
    income_fund="0",
    income_special="0",
    income_other="13.93",
    expense_total="273.09",
    expense_basic="140.00",
    expense_personnel="128.80",
    expense_public="11.20",
    expense_project="133.09",
    balance_current="0",
    balance_accumulated="0",
    three_public_total="1.2",
    reception="0.04",
    vehicle_operation="0",
    vehicle_purchase="0",
    overseas="0",
)
SEED_001 = DepartmentData(authorized_headcount=9, actual_headcount=9, finance=(SEED_001_ROW,))
# Seed 002 (峨边县信访局 2023, 附件1): 305.97 received, 308.97 spent, nothing carried over;
# 人员经费 238.11 and 公用经费 33.35 from its 决算 narrative.
SEED_002 = DepartmentData(
    authorized_headcount=15,
    actual_headcount=11,
    finance=(
        finance(
            income_total="305.97",
            income_fiscal="271.46",
            income_fund="34.51",
            expense_total="308.97",
            expense_basic="271.46",
            expense_personnel="238.11",
            expense_public="33.35",
            expense_project="34.51",
            balance_current="0",
            balance_accumulated="0",
        ),
    ),
)
# Its three projects: 0.89 + 1.62 + 32 万元 executed.
SEED_002_PROJECTS = ProjectFacts(count=3, executed=wan("34.51"))
CLEAN_ROW = replace(
    SEED_001_ROW, amounts={**SEED_001_ROW.amounts, "three_public_total": wan("0.04")}
)


def test_seed_001_breaks_only_its_three_public_total():
    found = only(check(SEED_001))
    assert (found.severity, found.field) == (ERROR, "finance-0.three_public_total")
    assert "1.20 万元" in found.message and "0.04 万元" in found.message


def test_seed_002_spends_3_wan_more_than_it_received_reported_twice_not_thrice():
    # Execution rate 308.97 ÷ 305.97 is above 1, but the carry-over error already names the gap.
    findings = check(SEED_002, context(projects=SEED_002_PROJECTS))
    assert where(findings) == [
        (ERROR, "finance-0.expense_total"),
        (ERROR, "finance-0.balance_accumulated"),
    ]
    assert "308.97 万元" in findings[0].message and "305.97 万元" in findings[0].message
    assert "-3.00 万元" in findings[1].message


def test_a_clean_filing_has_no_findings():
    data = replace(SEED_001, finance=(CLEAN_ROW,))
    assert check(data) == []


def test_a_blank_row_is_not_checked():
    assert check(DepartmentData(finance=(FinanceData("二级机构1"),))) == []


# --- 收支情况 identities -----------------------------------------------------------------


@pytest.mark.parametrize(("last", "passes"), [("33.31", True), ("33.30", False)])
def test_each_addend_may_be_off_by_a_hundredth_of_a_wan(last, passes):
    # 3 addends: 0.03 万元 off in all passes, 0.04 fails.
    row = finance(
        income_total="100.00", income_fiscal="33.33", income_fund="33.33", income_other=last
    )
    findings = check(DepartmentData(finance=(row,)))
    assert where(findings) == ([] if passes else [(ERROR, "finance-0.income_total")])


@pytest.mark.parametrize(
    ("total", "parts", "good", "bad"),
    [
        ("income_total", ("income_carryover", "income_fiscal"), "30", "31"),
        ("expense_total", ("expense_project", "expense_other"), "30", "29"),
        ("expense_basic", ("expense_personnel", "expense_public"), "30", "30.5"),
        ("three_public_total", ("reception", "overseas"), "30", "0"),
        ("assets_total", ("assets_in_use", "assets_rented"), "30", "40"),
    ],
)
def test_a_total_is_the_sum_of_its_parts(total, parts, good, bad):
    amounts = {parts[0]: "10", parts[1]: "20"}
    if total == "expense_basic":  # 基本支出 is itself a part of 支出合计
        amounts["expense_total"] = "30"
    assert check(DepartmentData(finance=(finance(**{total: good}, **amounts),))) == []
    findings = check(DepartmentData(finance=(finance(**{total: bad}, **amounts),)))
    assert (ERROR, f"finance-0.{total}") in where(findings)


def test_a_total_typed_without_its_parts_is_checked():
    findings = check(DepartmentData(finance=(finance(three_public_total="0.09"),)))
    assert where(findings) == [(ERROR, "finance-0.three_public_total")]


def test_parts_typed_without_their_total_are_checked():
    findings = check(DepartmentData(finance=(finance(expense_project="34.51"),)))
    assert where(findings) == [(ERROR, "finance-0.expense_total")]


def test_findings_are_given_row_by_row_in_column_order():
    rows = (
        finance(assets_total="1", income_total="1"),
        finance(name="二级机构1", expense_basic="1", expense_total="1", income_total="2"),
    )
    assert where(check(DepartmentData(finance=rows))) == [
        (ERROR, "finance-0.income_total"),
        (ERROR, "finance-0.assets_total"),
        (ERROR, "finance-1.income_total"),
        (ERROR, "finance-1.expense_basic"),
    ]


CARRY = {
    "income_total": "120",
    "income_carryover": "20",
    "income_fiscal": "100",
    "expense_total": "90",
    "expense_project": "90",
}


def test_balances_that_carry_over_pass():
    row = finance(**CARRY, balance_current="10", balance_accumulated="30")
    assert check(DepartmentData(finance=(row,))) == []


def test_an_accumulated_balance_that_is_not_income_less_expense_is_an_error():
    row = finance(**CARRY, balance_accumulated="10")
    found = only(check(DepartmentData(finance=(row,))))
    assert (found.severity, found.field) == (ERROR, "finance-0.balance_accumulated")
    assert "30.00 万元" in found.message


def test_a_current_balance_that_counts_the_carryover_is_an_error():
    row = finance(**CARRY, balance_current="30", balance_accumulated="30")
    found = only(check(DepartmentData(finance=(row,))))
    assert (found.severity, found.field) == (ERROR, "finance-0.balance_current")
    assert "10.00 万元" in found.message


def test_both_balances_are_reported_when_they_are_wrong_in_different_ways():
    row = finance(**CARRY, balance_current="5", balance_accumulated="40")
    assert where(check(DepartmentData(finance=(row,)))) == [
        (ERROR, "finance-0.balance_current"),
        (ERROR, "finance-0.balance_accumulated"),
    ]


# --- figures ------------------------------------------------------------------------------


def test_spending_more_than_received_is_an_error_on_the_total_row():
    row = finance(
        income_total="100", income_fiscal="100", expense_total="101", expense_project="101"
    )
    found = only(check(DepartmentData(finance=(row,))))
    assert (found.severity, found.field) == (ERROR, "finance-total.expense_total")
    assert "101.00%" in found.message


def test_spending_more_than_received_is_reported_even_with_a_negative_balance_typed():
    row = finance(
        income_total="100",
        income_fiscal="100",
        expense_total="101",
        expense_project="101",
        balance_accumulated="-1",
    )
    assert where(check(DepartmentData(finance=(row,)))) == [(ERROR, "finance-total.expense_total")]


def test_spending_all_that_was_received_passes():
    row = finance(
        income_total="100", income_fiscal="100", expense_total="100", expense_project="100"
    )
    assert check(DepartmentData(finance=(row,))) == []


def test_more_staff_than_the_establishment_asks_for_an_explanation():
    found = only(check(replace(SEED_001, finance=(CLEAN_ROW,), actual_headcount=10)))
    assert (found.severity, found.field) == (WARNING, "actual_headcount")
    assert check(replace(SEED_001, finance=(CLEAN_ROW,), actual_headcount=8)) == []


@pytest.mark.parametrize(
    ("last", "notes", "warned"),
    [
        ("0.05", "", True),  # 0.04 against 0.05: −20%
        ("0.036", "", True),  # +11.1%
        ("0.0364", "", False),  # +9.9%
        ("0.05", "公务接待减少，厉行节约。", False),
        ("0.05", "无", True),
    ],
)
def test_three_public_change_of_ten_percent_asks_for_a_note(last, notes, warned):
    data = replace(SEED_001, finance=(CLEAN_ROW,), notes=notes)
    findings = check(data, context(last_year_three_public=wan(last)))
    expected = [(WARNING, "finance-total.three_public_total")] if warned else []
    assert where(findings) == expected


@pytest.mark.parametrize(("executed", "passes"), [("133.10", True), ("133.11", False)])
def test_projects_cannot_execute_more_than_the_project_expense(executed, passes):
    ctx = context(projects=ProjectFacts(count=1, executed=wan(executed)))
    findings = check(replace(SEED_001, finance=(CLEAN_ROW,)), ctx)
    if passes:
        assert findings == []
    else:
        found = only(findings)
        assert (found.severity, found.field) == (ERROR, "finance-total.expense_project")
        assert "133.11 万元" in found.message and "133.09 万元" in found.message


# --- tasks --------------------------------------------------------------------------------

TASK = TaskData(
    name="信访维稳",
    approved_total=wan("40"),
    approved_fiscal=wan("30"),
    approved_other=wan("10"),
    actual=wan("40"),
)


def tasks(*rows: TaskData) -> DepartmentData:
    return DepartmentData(tasks=rows)


def test_a_fully_spent_task_passes():
    assert check(tasks(TASK)) == []


def test_a_task_approved_total_is_fiscal_plus_other():
    findings = check(tasks(TASK, replace(TASK, approved_other=wan("11"))))
    assert where(findings) == [(ERROR, "tasks-1.approved_total")]


def test_a_task_spending_more_than_approved_is_an_error():
    assert where(check(tasks(replace(TASK, actual=wan("40.01"))))) == [(ERROR, "tasks-0.actual")]


def test_a_task_below_full_execution_needs_its_reason():
    low = replace(TASK, actual=wan("30"))
    found = only(check(tasks(low)))
    assert (found.severity, found.field) == (WARNING, "tasks-0.low_reason")
    assert "75.00%" in found.message
    assert check(tasks(replace(low, low_reason=REASON))) == []
    assert where(check(tasks(replace(low, low_reason="无。")))) == [(WARNING, "tasks-0.low_reason")]


# --- indicators ---------------------------------------------------------------------------


def indicator(**changes: object) -> IndicatorData:
    row = IndicatorData(
        category_id=1,
        level1="产出指标",
        level2="数量指标",
        name="办理信访件数",
        comparator="≥",
        target_text="900",
        unit="件",
        actual_text="961",
        weight=D(90),
    )
    return replace(row, **changes)  # type: ignore[arg-type]


SCORED = context(basis="indicators")


def test_indicators_that_add_up_with_execution_to_100_pass():
    assert check(DepartmentData(indicators=(indicator(),)), SCORED) == []


def test_an_indicator_without_weight_is_an_error_when_the_indicators_give_the_score():
    rows = (indicator(weight=D(50)), indicator(weight=None), indicator(weight=D(40)))
    findings = check(DepartmentData(indicators=rows), SCORED)
    assert where(findings) == [(ERROR, "indicators-1.weight")]
    assert check(DepartmentData(indicators=rows)) == []  # basis "declared": no weights


def test_weights_not_adding_up_to_100_are_reported_beside_the_first_weight():
    rows = (indicator(weight=D(50)), indicator(weight=D(30)))
    found = only(check(DepartmentData(indicators=rows), SCORED))
    assert (found.severity, found.field) == (ERROR, "indicators-0.weight")
    assert "90.00" in found.message


def test_no_indicators_when_they_give_the_score_is_reported_beside_the_score():
    assert where(check(DepartmentData(), SCORED)) == [(ERROR, "declared_score")]


@pytest.mark.parametrize("basis", ["indicators", "declared", "rubric"])
@pytest.mark.parametrize(
    ("changes", "warned"),
    [
        ({"actual_text": "850"}, True),  # missed
        ({"actual_text": "1170"}, True),  # 130% of the target: set too low
        ({"actual_text": "1169"}, False),
        ({"actual_text": "850", "deviation_reason": REASON}, False),
        ({"actual_text": "850", "deviation_reason": "无"}, True),
        ({"comparator": "", "target_text": "≥900件", "actual_text": "850"}, True),
        ({"comparator": "≤", "actual_text": "901"}, True),
        ({"comparator": "", "actual_text": "850"}, False),  # no comparator: nothing to miss
        ({"comparator": "定性", "qualitative_label": scoring.PARTIAL}, True),
        ({"comparator": "定性", "qualitative_label": scoring.ACHIEVED}, False),
    ],
)
def test_a_missed_or_overshot_target_needs_a_deviation_reason(basis, changes, warned):
    findings = check(DepartmentData(indicators=(indicator(**changes),)), context(basis=basis))
    assert where(findings) == ([(WARNING, "indicators-0.deviation_reason")] if warned else [])


# --- 打分表 ---------------------------------------------------------------------------------

HAND = RubricItemData(1, "部门预算项目绩效管理", "预算执行", "预算执行率", D(10))
COMPUTED = RubricItemData(2, "部门预算项目绩效管理", "产出", "数量指标完成率", D(5))
DEDUCTION = RubricItemData(3, "扣分项", "", "违规扣分", D(10), is_deduction=True)
SHEET = context(basis="rubric", rubric=(HAND, COMPUTED, DEDUCTION))


def sheet(*lines: RubricLine) -> list[Finding]:
    """Check a 打分表 filing whose computed row gives 5 ("3/3 achieved")."""
    computed = D(5)
    typed = {line.item_id: line.score for line in lines}
    outcomes = {
        1: RubricOutcome(1, None, "", typed.get(1)),
        2: RubricOutcome(2, computed, "3/3", computed),
        3: RubricOutcome(3, None, "", typed.get(3)),
    }
    return check(DepartmentData(rubric=lines), SHEET, rubric=outcomes)


def test_a_scored_sheet_passes():
    assert sheet(RubricLine(1, D(9)), RubricLine(2, D(5))) == []


def test_a_hand_row_not_scored_counts_0_and_warns():
    assert where(sheet(RubricLine(2, D(5)))) == [(WARNING, "rubric-1.score")]


def test_a_typed_score_that_differs_from_the_computed_one_is_flagged_naming_both():
    found = only(sheet(RubricLine(1, D(9)), RubricLine(2, D(4))))
    assert (found.severity, found.field) == (WARNING, "rubric-2.score")
    assert "4.00" in found.message and "5.00" in found.message
    assert sheet(RubricLine(1, D(9)), RubricLine(2, D("4.995"))) == []


def test_a_score_above_the_row_points_is_an_error():
    findings = sheet(RubricLine(1, D(11)), RubricLine(2, D(5)), RubricLine(3, D(12)))
    assert where(findings) == [(ERROR, "rubric-1.score"), (ERROR, "rubric-3.score")]


# --- 综合得分 and 评价等次 ------------------------------------------------------------------


def test_a_declared_score_differing_from_the_sheet_total_is_an_error_naming_both():
    data = DepartmentData(declared_score=D(98), declared_grade="优")
    found = only(check(data, context(basis="rubric"), total=D("96.50"), grade="优"))
    assert (found.severity, found.field) == (ERROR, "declared_score")
    assert "98.00" in found.message and "96.50" in found.message and "打分表" in found.message
    assert check(data, context(basis="rubric"), total=D("98.004"), grade="优") == []


def test_a_declared_grade_differing_from_the_computed_grade_is_an_error():
    data = DepartmentData(declared_score=D(88), declared_grade="优")
    findings = check(data, context(basis="rubric"), total=D(88), grade="良")
    assert where(findings) == [(ERROR, "declared_grade")]
    assert "良" in findings[0].message


def test_without_a_computed_score_the_grade_must_be_that_of_the_declared_score():
    assert check(DepartmentData(declared_score=D(90), declared_grade="优")) == []
    found = only(check(DepartmentData(declared_score=D("89.99"), declared_grade="优")))
    assert (found.severity, found.field) == (ERROR, "declared_grade")


def test_summarize_counts_errors_and_warnings():
    findings = check(replace(SEED_001, actual_headcount=10))
    assert summarize(findings) == (1, 1)
    assert where(findings) == [
        (WARNING, "actual_headcount"),
        (ERROR, "finance-0.three_public_total"),
    ]


def test_findings_follow_the_print_order_of_the_form():
    data = DepartmentData(
        actual_headcount=10,
        authorized_headcount=9,
        finance=(finance(income_total="1"),),
        tasks=(replace(TASK, actual=wan("41")),),
        indicators=(indicator(actual_text="1", weight=D(10)),),
        rubric=(RubricLine(1, D(11)),),
        declared_score=D(50),
        declared_grade="优",
    )
    ctx = context(basis="indicators", rubric=(HAND,))
    found = check(data, ctx, total=D(60), grade="中")
    assert [field for _severity, field in where(found)] == [
        "actual_headcount",
        "finance-0.income_total",
        "tasks-0.actual",
        "indicators-0.weight",
        "indicators-0.deviation_reason",
        "rubric-1.score",
        "declared_score",
        "declared_grade",
    ]

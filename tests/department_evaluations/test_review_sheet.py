"""The department kind's review sheet read from a revision's cells alone: rows, totals, table.

Seed 002's 打分表 (峨边彝族自治县信访局, 2023): 13 rows scored by hand and a sheet-wide 扣分项;
the department's printed 自评打分 add up to 98.
"""

from decimal import Decimal
from types import SimpleNamespace

from django.template.loader import render_to_string

from apps.department_evaluations.data import DepartmentData
from apps.department_evaluations.review import DepartmentReviewSheet
from apps.filings.snapshots import CellChange
from apps.indicators import scoring
from apps.reviews.sheets import score_refusal

ENGINE = scoring.ScoringPolicy()
L1, L2 = "部门预算项目绩效管理", "绩效结果应用"
# (item id, 一级, 二级, 三级, 分值, 自评打分, computation); the 扣分项 is left blank, as printed.
SEED_002 = (
    (101, L1, "目标管理", "目标制定", "10", "10", ""),
    (102, L1, "目标管理", "目标制定", "10", "10", ""),
    (103, L1, "目标管理", "目标实现", "10", "10", "department_goals"),
    (104, L1, "目标管理", "目标实现", "10", "10", "project_goals"),
    (105, L1, "动态调整", "支出控制", "10", "10", ""),
    (106, L1, "动态调整", "及时处置", "5", "5", ""),
    (107, L1, "动态调整", "执行进度", "5", "3", "execution_progress"),
    (108, L1, "完成结果", "资金结余率（低效无效率）", "5", "5", "project_balance"),
    (109, L1, "完成结果", "违规记录", "5", "5", ""),
    (110, L2, "内部应用", "预算挂钩", "10", "10", ""),
    (111, L2, "信息公开", "自评公开", "10", "10", ""),
    (112, L2, "整改反馈", "问题整改", "5", "5", ""),
    (113, L2, "整改反馈", "应用反馈", "5", "5", ""),
    (114, "扣分项", "", "", "10", "", ""),
)
PROJECT_GOALS = 104  # 目标实现 of the department's projects
PROGRESS = 107  # 执行进度
DEDUCTION = 114


def seed_002_cells(*, basis: str = "rubric", **extra: str) -> dict[str, str]:
    """A revision's cells of seed 002's 打分表, nothing computed by the system."""
    cells = {"summary.basis": basis, "summary.executed": "", "summary.budget": ""}
    for position, (item, level1, level2, level3, weight, score, computation) in enumerate(SEED_002):
        base = f"rubric.{item}"
        cells |= {
            f"{base}.position": str(position),
            f"{base}.level1": level1,
            f"{base}.level2": level2,
            f"{base}.level3": level3,
            f"{base}.weight": weight,
            f"{base}.deduction": "1" if level1 == "扣分项" else "",
            f"{base}.computation": computation,
            f"{base}.standard": f"{level3 or level1}的计分标准",
            f"{base}.score": score,
            f"{base}.computed": "",
            f"{base}.note": "",
        }
    return cells | extra


def indicator_cells(row_id: int, position: int, **values: str) -> dict[str, str]:
    fields = {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "",
        "comparator": "",
        "target_text": "",
        "unit": "",
        "actual_text": "",
        "weight": "",
        "qualitative_label": "",
        "qualitative_score": "",
        "deviation_reason": "",
        "score": "",
    } | values
    cells = {f"indicator.{row_id}.{name}": value for name, value in fields.items()}
    return cells | {f"indicator.{row_id}.position": str(position)}


def table_of(sheet: DepartmentReviewSheet, scores=None, *, typed=None, changes=()):
    totals = sheet.totals(ENGINE, scores or {}, {})
    return sheet.table(
        filing=None,
        totals=totals,
        amount_unit="万元",
        typed_scores=typed or {},
        comments={},
        errors={},
        changes=list(changes),
        decisions={},
    )


def rendered(table) -> str:
    filing = SimpleNamespace(
        department=SimpleNamespace(name="峨边彝族自治县信访局"),
        fiscal_year=SimpleNamespace(year=2023),
    )
    return render_to_string(
        "department_evaluations/_review_sheet.html",
        {"table": table, "filing": filing, "policy": ENGINE, "revision": None},
    )


def test_rows_are_the_rubric_in_print_order_then_the_indicator_rows():
    cells = seed_002_cells() | indicator_cells(5, 0, name="接待群众来访", weight="20")
    cells |= indicator_cells(6, 1, name="信访事项办结率")  # no 分值: an unscored form

    sheet = DepartmentReviewSheet(cells)

    keys = [row.key for row in sheet.rows]
    assert keys == [f"rubric:{item[0]}" for item in SEED_002] + ["row:5", "row:6"]
    assert sheet.row("rubric:101").name == "目标制定"
    assert sheet.row("rubric:114").name == "扣分项"
    assert sheet.row(f"rubric:{PROGRESS}").weight == Decimal(5)
    assert sheet.row("row:5").weight == Decimal(20)
    assert sheet.row("row:6").weight == Decimal(0)


def test_seed_002_totals_98_and_the_reviewers_score_replaces_the_filers():
    sheet = DepartmentReviewSheet(seed_002_cells())

    filed = sheet.totals(ENGINE, {}, {})
    reviewed = sheet.totals(ENGINE, {f"rubric:{PROGRESS}": Decimal(2)}, {})

    assert (filed.department.total, filed.department.grade) == (Decimal("98.00"), "优")
    assert filed.review.total == Decimal("98.00")
    assert reviewed.department.total == Decimal("98.00")
    assert (reviewed.review.total, reviewed.review.grade) == (Decimal("97.00"), "优")
    assert reviewed.department_scores[f"rubric:{PROGRESS}"] == Decimal(3)
    assert reviewed.review_scores[f"rubric:{PROGRESS}"] == Decimal(2)
    assert reviewed.review.group_subtotals == {L1: Decimal(67), L2: Decimal(30)}


def test_a_reviewers_deduction_comes_off_the_sheets_total():
    sheet = DepartmentReviewSheet(seed_002_cells())

    totals = sheet.totals(
        ENGINE, {f"rubric:{PROGRESS}": Decimal(2), f"rubric:{DEDUCTION}": Decimal(1)}, {}
    )

    assert totals.review.total == Decimal("96.00")
    assert totals.review_scores[f"rubric:{DEDUCTION}"] == Decimal(1)
    assert totals.department_scores[f"rubric:{DEDUCTION}"] == Decimal(0)


def test_a_filers_score_unlike_the_systems_value_is_flagged_beside_it():
    sheet = DepartmentReviewSheet(seed_002_cells(**{f"rubric.{PROJECT_GOALS}.computed": "6.67"}))

    table = table_of(sheet)
    html = rendered(table)

    flagged = [view for view in table.rubric if view.mismatch]
    assert [view.entry.item.item_id for view in flagged] == [PROJECT_GOALS]
    assert (flagged[0].filed, flagged[0].computed) == ("10.00", "6.67")
    assert "6.67" in flagged[0].mismatch and "10.00" in flagged[0].mismatch
    assert table.mismatch_count == 1
    assert html.count("与系统计算值不符") == 1
    assert f'name="rubric-{PROJECT_GOALS}-score"' in html


def test_a_filers_score_equal_to_the_systems_value_is_not_flagged():
    cells = seed_002_cells(
        **{f"rubric.{PROJECT_GOALS}.computed": "10", f"rubric.{PROGRESS}.computed": "3.004"}
    )

    table = table_of(DepartmentReviewSheet(cells))

    assert table.mismatch_count == 0
    assert "与系统计算值不符" not in rendered(table)


def test_the_table_prints_subtotals_the_total_and_marks_a_changed_score():
    sheet = DepartmentReviewSheet(seed_002_cells())
    change = CellChange(f"rubric.{PROGRESS}.score", "打分表 · 执行进度 · 自评打分", "5", "3")

    table = table_of(
        sheet,
        {f"rubric:{PROGRESS}": Decimal(2)},
        typed={f"rubric:{PROGRESS}": "2"},
        changes=[change],
    )
    html = rendered(table)

    assert table.subtotals == [(L1, "70", "68.00", "67.00"), (L2, "30", "30.00", "30.00")]
    assert (table.department_total, table.review_total) == ("98.00", "97.00")
    progress = next(view for view in table.rubric if view.entry.item.item_id == PROGRESS)
    assert (
        progress.review.changed == {"score": "Before: 5"} or "5" in progress.review.changed["score"]
    )
    assert progress.review.review_score == "2"
    assert table.rubric[0].level1 == f"{L1}（70分）" and table.rubric[0].spans == (9, 4, 2)
    assert table.rubric[-1].entry.item.is_deduction and table.rubric[-1].level1 == "扣分项（10分）"
    assert 'data-out="review_total"' in html and "97.00" in html


def test_indicators_basis_scores_the_rows_and_execution_with_the_engine():
    cells = seed_002_cells(
        basis="indicators", **{"summary.executed": "90", "summary.budget": "100"}
    )
    cells |= indicator_cells(
        5, 0, name="接待群众来访", comparator="≥", target_text="100", unit="人次",
        actual_text="90", weight="50",
    )  # fmt: skip
    cells |= indicator_cells(
        6, 1, level1="效益指标", level2="社会效益指标", name="群众满意度", comparator="≥",
        target_text="95%", actual_text="98%", weight="40",
    )  # fmt: skip
    sheet = DepartmentReviewSheet(cells)

    totals = sheet.totals(ENGINE, {"row:5": Decimal(40), "rubric:101": Decimal(0)}, {})

    expected = scoring.evaluate(
        ENGINE,
        executed=Decimal(90),
        budget=Decimal(100),
        rows=[
            scoring.RowInput("产出指标", "数量指标", "≥", Decimal(50), Decimal(100), Decimal(90)),
            scoring.RowInput(
                "效益指标", "社会效益指标", "≥", Decimal(40), Decimal(95), Decimal(98)
            ),
        ],
    )
    assert totals.department.total == expected.total == Decimal("94.00")  # 9 + 45 + 40
    assert totals.review.total == Decimal("89.00")  # the reviewer's 40 for row 5; 打分表 aside
    assert totals.department_scores["row:5"] == Decimal(45)
    table = table_of(sheet)
    assert table.total_in == "indicators" and table.execution_rate == "90.00%"
    assert table.indicators[0].target == "≥100人次" and table.indicators[0].actual == "90人次"


def test_an_unscored_indicator_row_takes_a_comment_only():
    cells = seed_002_cells(basis="declared") | indicator_cells(6, 0, name="信访事项办结率")

    html = rendered(table_of(DepartmentReviewSheet(cells)))

    assert 'name="row-6-comment"' in html and 'name="row-6-score"' not in html


def test_declared_basis_gives_the_stated_score_on_both_sides():
    cells = seed_002_cells(
        basis="declared", **{"general.declared_score": "88.5", "general.declared_grade": "良"}
    )
    sheet = DepartmentReviewSheet(cells)

    totals = sheet.totals(ENGINE, {f"rubric:{PROGRESS}": Decimal(0)}, {})

    assert (totals.department.total, totals.department.grade) == (Decimal("88.50"), "良")
    assert (totals.review.total, totals.review.grade) == (Decimal("88.50"), "良")
    assert totals.review_scores[f"rubric:{PROGRESS}"] == Decimal(0)
    assert table_of(sheet).total_in == "summary"
    assert totals.scored


def test_a_department_stating_no_score_leaves_the_review_without_a_total():
    sheet = DepartmentReviewSheet(seed_002_cells(basis="declared"))

    assert not sheet.totals(ENGINE, {}, {}).scored  # the review keeps no 0.00 of its own


def test_a_review_score_above_a_rubric_rows_weight_is_refused():
    sheet = DepartmentReviewSheet(seed_002_cells())

    assert score_refusal(sheet.row(f"rubric:{PROGRESS}"), Decimal(6))
    assert score_refusal(sheet.row(f"rubric:{DEDUCTION}"), Decimal("10.5"))
    assert not score_refusal(sheet.row(f"rubric:{PROGRESS}"), Decimal(5))
    assert not score_refusal(sheet.row(f"rubric:{DEDUCTION}"), Decimal(10))


def test_a_saved_filings_cells_give_the_sheet_its_rows_and_the_saved_total(world):
    from apps.department_evaluations.data import RubricLine
    from apps.department_evaluations.services import department_create, department_save
    from apps.filings import kinds
    from apps.filings.selectors import policy_of
    from apps.indicators.models import Framework, Rubric
    from apps.indicators.services import scoring_policy_ensure

    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis = "rubric"
    policy.rubric = Rubric.objects.get(bureau=None, name="部门整体绩效自评打分表", version=1)
    policy.save()
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    items = list(policy.rubric.items.order_by("position"))
    typed = [Decimal(row[5]) if row[5] else None for row in SEED_002]
    data = DepartmentData(
        rubric=tuple(RubricLine(item.pk, score) for item, score in zip(items, typed, strict=True))
    )
    filing = department_save(filing=filing, by=None, base_version=filing.version, data=data).filing

    sheet = DepartmentReviewSheet(kinds.kind_of("department").cells(filing))
    progress = f"rubric:{items[6].pk}"
    totals = sheet.totals(policy_of(filing).to_engine(), {progress: Decimal(2)}, {})

    assert [row.key for row in sheet.rows] == [f"rubric:{item.pk}" for item in items]
    assert sheet.row(progress).name == "执行进度"
    assert totals.department.total == filing.total_score == Decimal("98.00")
    assert (totals.review.total, totals.review.grade) == (Decimal("97.00"), "优")


def test_a_saved_score_unlike_the_computed_one_counts_the_computed_and_is_flagged(world):
    """A 资金结余率 stated as 5 where the projects give 0: the total counts 0, the row says so."""
    from apps.department_evaluations.data import RubricLine
    from apps.department_evaluations.services import department_create, department_save
    from apps.filings import kinds
    from apps.filings.selectors import policy_of
    from apps.indicators.models import Framework, Rubric
    from apps.indicators.services import scoring_policy_ensure
    from apps.project_evaluations.models import FundingLine
    from tests.project_evaluations.builders import valid_filing

    valid_filing(world.project_a1, by=world.filer_a1)
    # The project spent half its budget: its 结余率 is 0.5, not under 0.1.
    line = FundingLine.objects.get(
        evaluation__filing__project=world.project_a1, source=FundingLine.Source.TOTAL
    )
    line.executed = line.adjusted / 2
    line.save()
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis = "rubric"
    policy.rubric = Rubric.objects.get(bureau=None, name="部门整体绩效自评打分表", version=1)
    policy.save()
    filing = department_create(department=world.dept_a1, fiscal_year=world.year_a, by=None)
    items = list(policy.rubric.items.order_by("position"))
    typed = [Decimal(row[5]) if row[5] else None for row in SEED_002]
    data = DepartmentData(
        rubric=tuple(RubricLine(item.pk, score) for item, score in zip(items, typed, strict=True))
    )
    filing = department_save(filing=filing, by=None, base_version=filing.version, data=data).filing
    balance = items[7]
    assert balance.computation == "project_balance"

    cells = kinds.kind_of("department").cells(filing)
    assert (cells[f"rubric.{balance.pk}.score"], cells[f"rubric.{balance.pk}.computed"]) == (
        "5",
        "0",
    )
    sheet = DepartmentReviewSheet(cells)
    totals = sheet.totals(policy_of(filing).to_engine(), {}, {})
    assert totals.department.total == filing.total_score == Decimal("93.00")  # 98 − 5
    table = table_of(sheet)
    flagged = [view.entry.item.item_id for view in table.rubric if view.mismatch]
    assert flagged == [balance.pk]

"""The demo department self-evaluations: seeds 000–003 entered as printed, checked by the rules."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from apps.budgets.demo import demo_load
from apps.department_evaluations import kind, selectors
from apps.department_evaluations.demo import (
    DemoDepartmentsResult,
    demo_departments_load,
)
from apps.department_evaluations.models import FinanceRow, KeyTask, RubricScore
from apps.department_evaluations.services import department_save
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators.models import Framework, Rubric, ScoringPolicy
from apps.project_evaluations.demo import demo_evaluations_load
from apps.project_evaluations.models import FundingLine

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)

LISHUI = "丽水市信访局"
YUNXI = "岳阳市云溪区信访局"
EBIAN = "峨边彝族自治县信访局"
YUXI = "玉溪市信访局"

# What each seed's filing shows: the declared score and grade (basis "declared": 丽水's
# 基本情况表 and 玉溪's 公开11 print neither, 云溪 96 优), or the 打分表 total (峨边: the
# printed 98).
TOTALS = {
    LISHUI: (None, ""),
    YUNXI: (Decimal("96.00"), "优"),
    EBIAN: (Decimal("98.00"), "优"),
    YUXI: (None, ""),
}

# Each bureau's layout: the form its seed prints.
LAYOUTS = {"331100": "lishui", "430603": "yunxi", "511132": "ebian", "530400": "yuxi"}

# The findings the printed figures of each layout's form raise, worked out by hand (see each
# seed module); each is on a cell its layout shows:
# - 丽水: every printed identity holds, no 结余 or 三公 is printed: none.
# - 云溪: 三公经费合计 1.2 万元 against 公务接待费 0.04 and 0 for the others.
# - 峨边 (附件1 二): 支出 308.97 ≠ 271.46 + 34.51; 308.97 spent of 305.97 received, with no
#   balance (预算执行率 above 100%).
# - 玉溪 (公开11): none; its 三公 is in 公开09, another table.
FINDINGS = {
    LISHUI: set(),
    YUNXI: {("error", "finance-0.three_public_total")},
    EBIAN: {
        ("error", "finance-0.expense_total"),
        ("error", "finance-total.expense_total"),
    },
    YUXI: set(),
}

EBIAN_SHEET = ["10", "10", "10", "10", "10", "5", "3", "5", "5", "10", "10", "5", "5", None]


@pytest.fixture
def loaded() -> DemoDepartmentsResult:
    demo_load(today=TODAY)
    demo_evaluations_load()
    return demo_departments_load()


def _filing(department: str) -> Filing:
    return Filing.objects.select_related("fiscal_year__bureau").get(
        kind="department", department__name=department
    )


def _finance(department: str) -> FinanceRow:
    return FinanceRow.objects.get(evaluation__filing__department__name=department)


def _state() -> dict[str, tuple]:
    return {
        f.department.name: (
            f.version,
            f.updated_at,
            FilingSnapshot.objects.filter(filing=f).count(),
            list(
                RubricScore.objects.filter(evaluation__filing=f).values_list("score", "updated_at")
            ),
        )
        for f in Filing.objects.filter(kind="department").select_related("department")
    }


def test_loading_creates_one_department_filing_per_seed(loaded):
    filings = Filing.objects.filter(kind="department")

    assert sorted(f.department.name for f in filings) == sorted(TOTALS)
    assert {(f.department.name, f.fiscal_year.year) for f in filings} == {
        (LISHUI, 2019),
        (YUNXI, 2022),
        (EBIAN, 2023),
        (YUXI, 2021),
    }
    assert all(f.status == Filing.Status.DRAFT and f.project_id is None for f in filings)
    assert [d.department for d in loaded.departments] == [LISHUI, YUNXI, EBIAN, YUXI]


def test_each_filing_shows_its_printed_total_and_grade(loaded):
    shown = {d: (_filing(d).total_score, _filing(d).grade) for d in TOTALS}

    assert shown == TOTALS
    assert {d.department: (d.total, d.grade) for d in loaded.departments} == TOTALS


def test_each_filing_raises_exactly_the_findings_its_printed_figures_break(loaded):
    for department, expected in FINDINGS.items():
        filing = _filing(department)

        _fresh, _data, _context, computed = kind.loaded(filing)

        found = {(finding.severity, finding.field) for finding in computed.findings}
        assert found == expected, department
        errors = sum(severity == "error" for severity, _field in found)
        assert (filing.error_count, filing.warning_count) == (errors, len(found) - errors)
        demo = next(d for d in loaded.departments if d.department == department)
        assert {(f.severity, f.field) for f in demo.findings} == expected


def test_printed_amounts_are_stored_unchanged_in_yuan(loaded):
    ebian, yunxi, lishui, yuxi = (_finance(d) for d in (EBIAN, YUNXI, LISHUI, YUXI))

    # 峨边: 支出 308.97 as 附件1 prints it, though 271.46 + 34.51 is 305.97; no 三公 on its form.
    assert ebian.expense_total == Decimal("3089700.00")
    assert (ebian.expense_basic, ebian.expense_project) == (Decimal("2714600"), Decimal("345100"))
    assert (ebian.three_public_total, ebian.reception) == (None, None)
    assert ebian.income_carryover is None
    assert yunxi.three_public_total == Decimal("12000.00")
    assert yunxi.reception == Decimal("400.00")
    assert lishui.income_total == Decimal("12462500.00")
    assert lishui.balance_accumulated is None
    # 玉溪's 公开11 prints no 收支 (its row stays blank), and its 重点工作任务 in 万元.
    assert yuxi.name == YUXI and yuxi.income_total is None and yuxi.income_fiscal is None
    assert list(
        KeyTask.objects.filter(evaluation__filing__department__name=YUXI).values_list(
            "approved_total", "actual"
        )
    ) == [
        (Decimal("1000000.00"), Decimal("1000000.00")),
        (Decimal("800000.00"), Decimal("800000.00")),
        (Decimal("200000.00"), Decimal("200000.00")),
    ]


def test_each_policy_takes_the_basis_unit_and_layout_of_its_print(loaded):
    policies = {
        p.fiscal_year.bureau.region_code: p
        for p in ScoringPolicy.objects.filter(framework=Framework.DEPARTMENT).select_related(
            "fiscal_year__bureau", "rubric"
        )
    }

    assert {code: p.layout for code, p in policies.items()} == LAYOUTS
    assert {code: (p.department_basis, p.amount_unit) for code, p in policies.items()} == {
        "331100": ("declared", "万元"),
        "430603": ("declared", "万元"),
        "511132": ("rubric", "万元"),
        "530400": ("declared", "元"),
    }
    rubric = policies["511132"].rubric
    assert rubric.bureau.region_code == "511132"
    assert rubric.based_on == Rubric.objects.get(bureau=None, name="部门整体绩效自评打分表")
    assert all(p.rubric_id is None for code, p in policies.items() if code != "511132")


def test_ebian_scoring_sheet_holds_the_printed_scores_and_totals_98(loaded):
    filing = _filing(EBIAN)
    policy = ScoringPolicy.objects.get(fiscal_year=filing.fiscal_year, framework="department")

    _fresh, data, context, computed = kind.loaded(filing)

    assert filing.department_evaluation.rubric == policy.rubric
    assert [str(line.score) if line.score is not None else None for line in data.rubric] == [
        str(Decimal(s).quantize(Decimal("0.01"))) if s else None for s in EBIAN_SHEET
    ]
    assert [item.item_id for item in context.rubric] == [line.item_id for line in data.rubric]
    assert data.rubric[3].note == "部门自评范围为部门所有纳入绩效目标管理的部门预算项目"
    assert (computed.scores.sheet.total, computed.scores.sheet.grade) == (Decimal("98.00"), "优")
    assert data.declared_score == 98


def test_loading_twice_changes_nothing(loaded):
    before = _state()

    second = demo_departments_load()

    assert loaded.changed
    assert not second.changed
    assert _state() == before
    assert [(d.version, d.total, d.grade) for d in second.departments] == [
        (d.version, d.total, d.grade) for d in loaded.departments
    ]


def test_reloading_restores_an_edited_cell_with_one_save(loaded):
    row = _finance(EBIAN)
    FinanceRow.objects.filter(pk=row.pk).update(expense_total=Decimal("3059700.00"))
    version = _filing(EBIAN).version

    result = demo_departments_load()

    assert result.updated[Filing] == 1
    assert _filing(EBIAN).version == version + 1
    assert FinanceRow.objects.get(pk=row.pk).expense_total == Decimal("3089700.00")


def test_a_printed_score_is_kept_and_the_computed_one_counts_and_is_flagged(loaded):
    # Given a project underspent by more than 10%: 资金结余率 computes 2 of 3 projects × 5.
    FundingLine.objects.filter(
        evaluation__filing__project__name="信访稳定经费", source=FundingLine.Source.TOTAL
    ).update(executed=Decimal("200000.00"))
    filing = _filing(EBIAN)
    printed = selectors.data_of(selectors.evaluation_of(selectors.with_detail(filing)))
    saved = department_save(filing=filing, by=None, base_version=filing.version, data=printed)
    balance = printed.rubric[7].item_id

    # The printed 5 stays what the department stated; the total counts the computed 3.33.
    assert RubricScore.objects.get(evaluation__filing=filing, item_id=balance).score == 5
    assert (saved.filing.total_score, saved.filing.grade) == (Decimal("96.33"), "优")
    _fresh, _data, _context, computed = kind.loaded(saved.filing)
    fields = {(f.severity, f.field) for f in computed.findings}
    assert ("warning", f"rubric-{balance}.score") in fields  # 5 is not what the standard gives
    assert ("error", "declared_score") in fields  # 98 is no longer the 打分表's total


def test_command_loads_and_prints_each_department_filing():
    out = StringIO()

    call_command("load_demo", stdout=out)

    lines = out.getvalue().splitlines()
    assert Filing.objects.filter(kind="department").count() == 4
    ebian = next(line for line in lines if line.startswith(f"{EBIAN} 2023"))
    assert "98.00" in ebian and "优" in ebian
    yunxi = next(line for line in lines if line.startswith(f"{YUNXI} 2022"))
    assert "96.00" in yunxi

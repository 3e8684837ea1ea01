"""Saving through the service: the bureau's policy decides the scores; writes are all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.services import ConflictError, evaluation_create, evaluation_save


def _categories(bureau):
    project_tree = IndicatorCategory.objects.filter(
        bureau=bureau, framework=Framework.PROJECT, level=2
    )
    return {c.name: c.pk for c in project_tree}


def _data(bureau, *rows: RowData) -> EvaluationData:
    return EvaluationData(
        funding=(
            FundingData("total", Decimal(100000), Decimal(100000), Decimal(100000)),
            FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(100000)),
        ),
        rows=rows,
    )


@pytest.fixture
def filing(world) -> Filing:
    return evaluation_create(project=world.project_a1, by=world.filer_a1)


def test_reverse_row_follows_the_bureaus_formula(world, filing):
    cost = _categories(world.bureau_a)["成本指标"]
    row = RowData(
        category_id=cost,
        name="培训费标准",
        comparator="≤",
        target_text="200",
        unit="元/人",
        actual_text="250",
        weight=Decimal(10),
        deviation_reason="超标",
    )

    saved = evaluation_save(filing=filing, by=None, base_version=1, data=_data(world.bureau_a, row))
    # National form note: 10 × 200 ÷ 250 = 8.
    assert IndicatorRow.objects.get(evaluation__filing=filing).score == Decimal("8.0000")

    policy = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.reverse_formula = ScoringPolicy.ReverseFormula.LINEAR
    policy.save()
    evaluation_save(
        filing=filing, by=None, base_version=saved.filing.version, data=_data(world.bureau_a, row)
    )
    # The vendor's linear rule: 10 × (1 − 50 ÷ 200) = 7.5.
    assert IndicatorRow.objects.get(evaluation__filing=filing).score == Decimal("7.5000")


def test_a_proposed_not_applicable_row_counts_by_its_values(world, filing):
    c = _categories(world.bureau_a)
    rows = (
        RowData(
            category_id=c["数量指标"],
            name="接待",
            comparator="≥",
            target_text="100",
            actual_text="100",
            unit="件",
            weight=Decimal(50),
        ),
        RowData(
            category_id=c["社会效益指标"],
            name="效益",
            comparator="≥",
            target_text="100",
            actual_text="50",
            unit="%",
            weight=Decimal(30),
            deviation_reason="原因",
        ),
        RowData(
            category_id=c["服务对象满意度指标"],
            name="满意度",
            comparator="≥",
            target_text="95",
            unit="%",
            weight=Decimal(10),
            not_applicable=True,
        ),
    )
    result = evaluation_save(
        filing=filing, by=None, base_version=1, data=_data(world.bureau_a, *rows)
    )
    # Only a reviewer's acceptance leaves it out: 10 + 50 + 15 + 0 (no actual) = 75, not 83.33.
    assert result.filing.total_score == Decimal("75.00")
    assert result.filing.grade == "中"
    assert IndicatorRow.objects.get(name="满意度").score == Decimal(0)


def test_stale_save_is_refused_and_changes_nothing(world, filing):
    c = _categories(world.bureau_a)
    first = _data(world.bureau_a, RowData(category_id=c["数量指标"], name="甲"))
    evaluation_save(filing=filing, by=world.filer_a1, base_version=1, data=first)

    with pytest.raises(ConflictError) as error:
        evaluation_save(
            filing=filing,
            by=world.filer_a1,
            base_version=1,
            data=_data(world.bureau_a, RowData(category_id=c["数量指标"], name="乙")),
        )

    report = error.value.extra["changes"]
    assert any(change.new == "甲" for change in report.changes)
    assert list(
        IndicatorRow.objects.filter(evaluation__filing=filing).values_list("name", flat=True)
    ) == ["甲"]
    assert FilingSnapshot.objects.filter(filing=filing).count() == 2


def test_row_of_another_bureaus_taxonomy_is_refused_atomically(world, filing):
    foreign = IndicatorCategory.objects.create(
        bureau=world.bureau_b, framework=Framework.PROJECT, level=1, name="产出指标"
    )
    foreign2 = IndicatorCategory.objects.create(
        bureau=world.bureau_b,
        framework=Framework.PROJECT,
        level=2,
        parent=foreign,
        name="数量指标",
    )
    before = list(
        IndicatorRow.objects.filter(evaluation__filing=filing).values_list("pk", flat=True)
    )

    with pytest.raises(ApplicationError):
        evaluation_save(
            filing=filing,
            by=None,
            base_version=1,
            data=_data(world.bureau_a, RowData(category_id=foreign2.pk, name="越界")),
        )

    filing.refresh_from_db()
    assert filing.version == 1
    assert (
        list(IndicatorRow.objects.filter(evaluation__filing=filing).values_list("pk", flat=True))
        == before
    )


def test_admin_edits_own_bureaus_policy_only(client, world, filing):
    policy_a = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    evaluation_create(project=world.project_b1, by=None)
    policy_b = ScoringPolicy.objects.get(fiscal_year=world.year_b, framework=Framework.PROJECT)
    client.force_login(world.admin_a)

    page = client.get(reverse("admin:indicators_scoringpolicy_changelist")).content.decode()
    assert reverse("admin:indicators_scoringpolicy_change", args=[policy_a.pk]) in page
    assert reverse("admin:indicators_scoringpolicy_change", args=[policy_b.pk]) not in page
    response = client.get(reverse("admin:indicators_scoringpolicy_change", args=[policy_b.pk]))
    assert response.status_code in (302, 403, 404)

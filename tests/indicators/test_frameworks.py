"""Indicator frameworks: a bureau keeps a project tree and a department tree side by side, each
with its own library and its own scoring policy per year; the project form sees only its own."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.filings.history import filing_timeline
from apps.filings.models import Filing
from apps.indicators.models import (
    Framework,
    IndicatorCategory,
    LibraryIndicator,
    PolicyGroupWeight,
    ScoringPolicy,
)
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.selectors import policy_of
from apps.project_evaluations.services import categories_for, evaluation_create, evaluation_save
from tests.project_evaluations.test_form import _post_data, _url

PROJECT, DEPARTMENT = Framework.PROJECT, Framework.DEPARTMENT


def _level2(bureau, framework: Framework, name: str = "数量指标") -> IndicatorCategory:
    return IndicatorCategory.objects.get(
        bureau=bureau, framework=framework, level=2, name=name, parent__name="产出指标"
    )


@pytest.fixture
def both_trees(world) -> None:
    """Bureau A has the standard tree in both frameworks, and one library entry in each."""
    for framework in (PROJECT, DEPARTMENT):
        taxonomy_ensure_standard(bureau=world.bureau_a, framework=framework)
    LibraryIndicator.objects.create(
        category=_level2(world.bureau_a, PROJECT), name="项目库·信访件办结数", comparator="≥"
    )
    LibraryIndicator.objects.create(
        category=_level2(world.bureau_a, DEPARTMENT), name="部门库·在职人员控制率", comparator="≤"
    )


def test_a_bureau_keeps_a_project_tree_and_a_department_tree_side_by_side(world, both_trees):
    level1 = IndicatorCategory.objects.filter(bureau=world.bureau_a, level=1, name="产出指标")

    assert sorted(level1.values_list("framework", flat=True)) == ["department", "project"]
    for framework in (PROJECT, DEPARTMENT):
        tree = IndicatorCategory.objects.filter(bureau=world.bureau_a, framework=framework)
        assert tree.filter(level=1).count() == 3 and tree.filter(level=2).count() == 9
        # Every level-2 indicator hangs under a level-1 indicator of its own framework.
        assert not tree.filter(level=2).exclude(parent__framework=framework).exists()


def test_ensuring_the_standard_tree_again_adds_nothing_to_either_framework(world, both_trees):
    before = IndicatorCategory.objects.count()

    project_level2 = taxonomy_ensure_standard(bureau=world.bureau_a, framework=PROJECT)

    assert IndicatorCategory.objects.count() == before
    assert {c.framework for c in project_level2} == {"project"}


def test_a_level1_name_is_unique_within_a_framework(world, both_trees):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorCategory.objects.create(
            bureau=world.bureau_a, framework=DEPARTMENT, level=1, name="产出指标"
        )


def test_a_level2_indicator_cannot_hang_under_another_frameworks_level1(world, both_trees):
    department_output = IndicatorCategory.objects.get(
        bureau=world.bureau_a, framework=DEPARTMENT, level=1, name="产出指标"
    )
    stray = IndicatorCategory(
        bureau=world.bureau_a, framework=PROJECT, level=2, parent=department_output, name="新指标"
    )

    with pytest.raises(ValidationError) as refused:
        stray.full_clean()

    assert "parent" in refused.value.message_dict


def test_one_policy_per_year_and_framework(world):
    project = scoring_policy_ensure(fiscal_year=world.year_a, framework=PROJECT)
    department = scoring_policy_ensure(fiscal_year=world.year_a, framework=DEPARTMENT)

    assert project.pk != department.pk
    assert scoring_policy_ensure(fiscal_year=world.year_a, framework=PROJECT) == project
    # Each policy weighs the level-1 groups of its own framework.
    for policy in (project, department):
        weights = PolicyGroupWeight.objects.filter(policy=policy).select_related("category")
        assert {g.category.framework for g in weights} == {policy.framework}
        assert sum(g.weight for g in weights) == Decimal(90)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringPolicy.objects.create(fiscal_year=world.year_a, framework=DEPARTMENT)


def test_a_group_weight_of_another_frameworks_level1_is_refused(world, both_trees):
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=PROJECT)
    department_output = IndicatorCategory.objects.get(
        bureau=world.bureau_a, framework=DEPARTMENT, level=1, name="产出指标"
    )
    weight = PolicyGroupWeight(policy=policy, category=department_output, weight=Decimal(50))

    with pytest.raises(ValidationError) as refused:
        weight.full_clean(exclude=["policy"])

    assert "category" in refused.value.message_dict


def test_the_project_evaluation_scores_with_the_project_policy(world):
    department = scoring_policy_ensure(fiscal_year=world.year_a, framework=DEPARTMENT)
    department.amount_unit = ScoringPolicy.AmountUnit.YUAN
    department.execution_weight = Decimal(20)
    department.save()

    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)

    assert policy_of(filing).framework == PROJECT
    assert policy_of(world.project_a1).framework == PROJECT
    assert policy_of(filing).amount_unit == ScoringPolicy.AmountUnit.WAN
    assert policy_of(filing, framework=DEPARTMENT) == department
    assert {c.framework for c in categories_for(world.bureau_a.pk).values()} == {"project"}
    # The history shows the project form's amounts in the project policy's unit, 万元.
    amounts = [
        change.new
        for entry in filing_timeline(filing)
        for change in entry.changes
        if change.key.startswith("funding.")
    ]
    assert amounts and all(amount.endswith(" 万元") for amount in amounts)


def _data(*rows: RowData) -> EvaluationData:
    funding = (
        FundingData("total", Decimal(100000), Decimal(100000), Decimal(100000)),
        FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(100000)),
    )
    return EvaluationData(funding=funding, rows=rows)


def test_the_save_service_refuses_a_row_of_the_department_tree(world, both_trees):
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    stray = _level2(world.bureau_a, DEPARTMENT)

    with pytest.raises(ApplicationError):
        evaluation_save(
            filing=filing,
            by=None,
            base_version=filing.version,
            data=_data(RowData(category_id=stray.pk, name="部门指标")),
        )

    assert not IndicatorRow.objects.filter(name="部门指标").exists()


def test_the_project_form_refuses_a_department_category_id_in_a_row(client, world, both_trees):
    client.force_login(world.filer_a1)
    client.post(_url(world.project_a1, "project_evaluation_start"), {"start": "blank"})
    filing = Filing.objects.get(project=world.project_a1)
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["rows-0-category"] = str(_level2(world.bureau_a, DEPARTMENT).pk)
    data["rows-0-name"] = "部门指标"

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    filing.refresh_from_db()
    assert filing.version == 1
    assert not IndicatorRow.objects.filter(name="部门指标").exists()


def test_the_project_form_offers_only_the_project_library(client, world, both_trees):
    client.force_login(world.filer_a1)

    start = client.get(_url(world.project_a1)).content.decode()
    found = client.get(_url(world.project_a1, "project_evaluation_library"), {"q": "库"})

    assert "项目库·信访件办结数" in start and "部门库·在职人员控制率" not in start
    assert [r["name"] for r in found.json()["results"]] == ["项目库·信访件办结数"]


def test_starting_from_the_department_library_takes_nothing(client, world, both_trees):
    item = LibraryIndicator.objects.get(category__framework=DEPARTMENT)
    client.force_login(world.filer_a1)

    client.post(
        _url(world.project_a1, "project_evaluation_start"), {"start": "library", "library": item.pk}
    )

    assert not Filing.objects.filter(project=world.project_a1).exists()


def test_the_admin_filters_categories_by_framework(client, world, both_trees):
    client.force_login(world.admin_a)
    url = reverse("admin:indicators_indicatorcategory_changelist")

    page = client.get(url, {"framework__exact": "department", "level__exact": "1"})

    assert page.status_code == 200
    listed = page.context["cl"].result_list
    assert {c.framework for c in listed} == {"department"} and len(listed) == 3
    assert "部门整体支出" in page.content.decode()


def test_the_admin_names_the_framework_of_each_category_choice(client, world, both_trees):
    client.force_login(world.admin_a)

    page = client.get(reverse("admin:indicators_libraryindicator_add")).content.decode()

    assert "项目支出：产出指标 › 数量指标" in page
    assert "部门整体支出：产出指标 › 数量指标" in page


MIGRATION_BEFORE = [("indicators", "0002_policy_not_applicable_and_low_execution")]
MIGRATION_AFTER = [("indicators", "0003_frameworks")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_existing_rows_in_the_project_framework_and_goes_back(world):
    executor = MigrationExecutor(connection)
    executor.migrate(MIGRATION_BEFORE)
    old = executor.loader.project_state(MIGRATION_BEFORE).apps
    category = old.get_model("indicators", "IndicatorCategory").objects.create(
        bureau_id=world.bureau_a.pk, level=1, name="产出指标"
    )
    policy = old.get_model("indicators", "ScoringPolicy").objects.create(
        fiscal_year_id=world.year_a.pk
    )

    executor = MigrationExecutor(connection)
    executor.migrate(MIGRATION_AFTER)
    # The models as that migration left them (later ones add columns the table lacks here).
    after = executor.loader.project_state(MIGRATION_AFTER).apps
    categories = after.get_model("indicators", "IndicatorCategory").objects
    policies = after.get_model("indicators", "ScoringPolicy").objects
    assert categories.get(pk=category.pk).framework == PROJECT
    assert policies.get(pk=policy.pk).framework == PROJECT
    # A department tree and policy beside them, which the old schema cannot hold.
    categories.create(bureau_id=world.bureau_a.pk, framework=DEPARTMENT, level=1, name="产出指标")
    policies.create(fiscal_year_id=world.year_a.pk, framework=DEPARTMENT)

    executor = MigrationExecutor(connection)
    executor.migrate(MIGRATION_BEFORE)
    old = executor.loader.project_state(MIGRATION_BEFORE).apps
    assert list(old.get_model("indicators", "IndicatorCategory").objects.values_list("pk")) == [
        (category.pk,)
    ]
    assert old.get_model("indicators", "ScoringPolicy").objects.count() == 1

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

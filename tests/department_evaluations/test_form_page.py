"""The department self-evaluation's page: start, show, save, keep, refuse, and its queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.department_evaluations.models import DepartmentEvaluation, FinanceRow
from apps.filings.models import Filing
from tests import factories

pytestmark = pytest.mark.django_db


def _start(client, world) -> Filing:
    client.force_login(world.filer_a1)
    url = reverse("department_evaluations:department_start", args=[world.dept_a1.pk])
    response = client.post(url)
    assert response.status_code == 302
    return Filing.objects.get(kind="department", department=world.dept_a1)


def _post(filing: Filing, **cells) -> dict:
    """The page's post for the saved filing with its one 收支 row, changed by cells."""
    row = FinanceRow.objects.get(evaluation__filing=filing)
    data = {
        "version": str(filing.version),
        "finance-TOTAL": "1",
        "finance-0-id": str(row.pk),
        "finance-0-unit": str(row.unit_id or ""),
        "finance-0-name": row.name,
        **{
            f"{name}-TOTAL": "0"
            for name in ("goals", "tasks", "indicators", "outputs", "evaluators")
        },
    }
    data.update(cells)
    return data


def test_a_filer_starts_and_saves_the_department_filing(client, world):
    filing = _start(client, world)
    assert filing.version == 1
    page = client.get(reverse("filings:page", args=[filing.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "年度部门整体支出绩效评价自评报告" in html and "局机关及二级机构汇总" in html
    post = _post(
        filing,
        **{
            "finance-0-income_total": "273.09",
            "finance-0-income_fiscal": "259.16",
            "finance-0-income_other": "13.93",
            "finance-0-expense_total": "273.09",
            "finance-0-expense_basic": "140",
            "finance-0-expense_personnel": "128.8",
            "finance-0-expense_public": "11.2",
            "finance-0-expense_project": "133.09",
            "finance-0-three_public_total": "1.2",
            "finance-0-reception": "0.04",
            "actual_headcount": "9",
            "authorized_headcount": "9",
            "declared_score": "96",
            "declared_grade": "优",
        },
    )
    response = client.post(reverse("filings:page", args=[filing.pk]), post)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = FinanceRow.objects.get(evaluation__filing=filing)
    assert row.income_total == Decimal("2730900.00")
    evaluation = DepartmentEvaluation.objects.get(filing=filing)
    assert evaluation.declared_score == Decimal(96) and evaluation.actual_headcount == 9
    filing.refresh_from_db()
    assert filing.version == 2 and filing.error_count >= 1  # 三公 1.2 ≠ 0.04
    html = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    assert 'value="273.09"' in html


def _grow(world, n: int) -> Filing:
    """A department filing with n units' rows, n indicator rows, n 打分表 rows, n projects."""
    from apps.department_evaluations import selectors
    from apps.department_evaluations.services import department_create, department_save
    from apps.indicators.models import Framework, IndicatorCategory, Rubric, RubricItem
    from apps.indicators.services import scoring_policy_ensure
    from tests.project_evaluations.builders import valid_filing

    department = factories.DepartmentFactory(bureau=world.bureau_a, name=f"丙局{n}")
    for i in range(n):
        factories.DepartmentFactory(
            bureau=world.bureau_a, parent=department, name=f"丙局{n}单位{i}"
        )
        project = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        valid_filing(project, by=world.filer_a1)
    rubric = Rubric.objects.create(bureau=world.bureau_a, name=f"打分表{n}")
    for i in range(n):
        RubricItem.objects.create(
            rubric=rubric,
            position=i,
            level1="部门预算项目绩效管理",
            level3=f"行{i}",
            weight=5,
            computation="project_goals" if i == 0 else "",
        )
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.department_basis, policy.rubric = "rubric", rubric
    policy.save()
    filing = department_create(department=department, fiscal_year=world.year_a, by=None)
    evaluation = selectors.data_of(
        selectors.evaluation_of(selectors.with_detail(Filing.objects.get(pk=filing.pk)))
    )
    from dataclasses import replace

    from apps.department_evaluations.data import FinanceData, IndicatorData

    category = IndicatorCategory.objects.get(
        bureau=world.bureau_a, framework=Framework.DEPARTMENT, name="数量指标"
    )
    data = replace(
        evaluation,
        finance=evaluation.finance
        + tuple(
            FinanceData(name=unit.name, unit_id=unit.pk, amounts={"income_total": Decimal(100)})
            for unit in department.units.all()
        ),
        indicators=tuple(
            IndicatorData(
                category_id=category.pk,
                level1="产出指标",
                level2="数量指标",
                name=f"指标{i}",
                comparator="≥",
                target_text="10",
                actual_text="11",
            )
            for i in range(n)
        ),
    )
    return department_save(filing=filing, by=None, base_version=filing.version, data=data).filing


def test_the_page_reads_a_fixed_number_of_queries_whatever_the_rows(client, world):
    counts = []
    for n in (1, 6):
        filing = _grow(world, n)
        membership_user = factories.filer_of(filing.department)
        client.force_login(membership_user)
        url = reverse("filings:page", args=[filing.pk])
        client.get(url)  # warm the session and the policy
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('name="finance-') > n  # every unit's row is on the page
        assert f"行{n - 1}" in html and f"指标{n - 1}" in html
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_page_shows_each_cell_as_saved_and_a_save_keeps_it(client, world):
    filing = _grow(world, 2)
    client.force_login(factories.filer_of(filing.department))
    from apps.department_evaluations.models import DepartmentIndicator

    DepartmentIndicator.objects.filter(evaluation__filing=filing).update(unit="%")
    html = client.get(reverse("filings:page", args=[filing.pk])).content.decode()
    assert 'name="indicators-0-unit" value="%"' in html
    from tests.department_evaluations.posts import department_body

    filing.refresh_from_db()
    body = department_body(filing)
    assert body["indicators-0-unit"] == "%"
    assert body["finance-1-unit"] == str(filing.department.units.order_by("pk").first().pk)
    response = client.post(reverse("filings:page", args=[filing.pk]), body)
    assert response.status_code == 302
    units = set(
        DepartmentIndicator.objects.filter(evaluation__filing=filing).values_list("unit", flat=True)
    )
    assert units == {"%"}

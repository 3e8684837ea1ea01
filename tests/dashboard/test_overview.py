"""The dashboard counted in the database: the same numbers as the formulas, a page at a time,
and the same queries for 3 departments as for 60."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.dashboard import aggregation as agg
from apps.dashboard.overview import PAGE_SIZE, overview_of
from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from tests import factories

from .builders import STATUS_CYCLE, filing_of, review_of

URL = reverse("dashboard:index")
S = Filing.Status


def _weight(world, weight: str) -> None:
    policy, _created = ScoringPolicy.objects.get_or_create(
        fiscal_year=world.year_a, framework=Framework.PROJECT
    )
    policy.execution_weight = Decimal(weight)
    policy.save()


def _project(world):
    return factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)


def _expected(filings, weight: Decimal) -> tuple[int, list[int], list[int]]:
    """Warnings and both histograms by the Python formulas (aggregation.py), filing by filing."""
    scored = [f for f in filings if agg.filing_state(f.status) in agg.SCORED_STATES]
    warnings = 0
    for f in scored:
        check = agg.share_check(total=f.total_score, rate=f.execution_rate, execution_weight=weight)
        warnings += bool(check and check.warning)
    own = agg.score_histogram(f.total_score for f in scored)
    review = agg.score_histogram(f.review_score for f in scored)
    return warnings, own, review


@pytest.mark.parametrize("weight", ["20", "10", "0", "100"])
def test_counts_in_the_database_match_the_formulas(world, weight):
    # On the edge: weight 20, rate 80 %: 16 points; 84.00 is a share of exactly 85 %, 5 points
    # above the rate (no warning); 84.01 is just above. Rates above 100 % and of 0 too.
    edges = [("84.00", "0.8000"), ("84.01", "0.8000"), ("100.00", "1.2000"), ("5.00", "0.0000")]
    rng = random.Random(weight)
    values = edges + [
        (f"{rng.randint(0, 10000) / 100:.2f}", f"{rng.randint(0, 13000) / 10000:.4f}")
        for _n in range(40)
    ]
    _weight(world, weight)
    for n, (total, rate) in enumerate(values):
        filing = filing_of(
            _project(world), STATUS_CYCLE[n % len(STATUS_CYCLE)], total=total, rate=rate
        )
        if n % 2:
            review_of(filing, world.reviewer_a, total=f"{rng.randint(0, 10000) / 100:.2f}")
    filing_of(_project(world), S.SUBMITTED)  # no score yet: counted, never binned

    overview = overview_of(fiscal_year=world.year_a, pages={})

    filings = list(Filing.objects.filter(fiscal_year=world.year_a))
    warnings, own, review = _expected(filings, Decimal(weight))
    assert overview.warning_count == warnings
    assert [row[1] for row in overview.histogram_rows] == own
    assert [row[2] for row in overview.histogram_rows] == review
    assert overview.items_count == len(filings) + 2  # and the world's two unfiled projects
    assert overview.scored_count == sum(
        agg.filing_state(f.status) in agg.SCORED_STATES for f in filings
    )
    bubbles = overview.chart_data()["scatter"]
    assert sum(p["n"] for p in bubbles["warning"]) == warnings
    assert sum(p["n"] for p in bubbles["normal"] + bubbles["warning"]) == sum(own)


def test_the_warning_edge_is_exact(world):
    _weight(world, "20")
    filing_of(_project(world), S.SUBMITTED, total="84.00", rate="0.8000")  # exactly 5 points
    assert overview_of(fiscal_year=world.year_a, pages={}).warning_count == 0
    filing_of(_project(world), S.SUBMITTED, total="84.01", rate="0.8000")  # 5.0125 points
    assert overview_of(fiscal_year=world.year_a, pages={}).warning_count == 1


def _departments(world, count: int, start: int = 0) -> None:
    """Departments, each with a filed project in some state and one nobody has started."""
    for n in range(start, start + count):
        department = factories.DepartmentFactory(
            bureau=world.bureau_a, name=f"甲县第{n:03d}局", budget_code=f"8{n:05d}"
        )
        project = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        status = STATUS_CYCLE[n % len(STATUS_CYCLE)]
        filing = filing_of(project, status, total=f"{50 + n % 50}.25", rate="0.9000")
        if status != S.DRAFT:
            review_of(filing, world.reviewer_a, total=f"{55 + n % 40}.00")
        factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        if n % 4 == 0:  # and some departments that have not started at all
            factories.ProjectFactory(
                department=factories.DepartmentFactory(
                    bureau=world.bureau_a, name=f"甲县未报{n:03d}", budget_code=f"9{n:05d}"
                ),
                fiscal_year=world.year_a,
            )


def test_the_page_costs_the_same_queries_for_3_60_and_150_departments(client, world):
    client.force_login(world.reviewer_a)
    sizes, queries, html = (3, 57, 90), [], []
    start = 0
    client.get(URL)
    for size in sizes:
        _departments(world, size, start=start)
        start += size
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        queries.append(len(captured.captured_queries))
        html.append(len(response.content))

    assert queries == [16, 16, 16]  # the year counted again after each change
    overview = response.context["dashboard"]
    assert overview.department_count == 2 + 150 + 38
    assert len(overview.departments) == PAGE_SIZE
    assert len(overview.scored) == PAGE_SIZE and overview.scored_count > 2 * PAGE_SIZE
    assert len(overview.not_started) == overview.not_started_count == 38 + 2
    # Past a page of rows, the page hardly grows with the year (only the list of departments
    # not started, 17 rows at 60 departments and 40 at 150, is short of a page).
    assert html[2] < 1.1 * html[1] and html[2] < 300_000


def test_each_list_turns_its_own_pages(client, world):
    _departments(world, 60)
    client.force_login(world.reviewer_a)

    first = client.get(URL).context["dashboard"]
    second = client.get(URL, {"page": 2, "scores": 2}).context["dashboard"]

    shown = [row.department.pk for row in first.departments + second.departments]
    assert len(shown) == len(set(shown)) == first.department_count == 2 + 60 + 15
    assert second.department_page.number == 2 and second.not_started_page.number == 1
    firsts = {item.filing_id for item in first.scored}
    assert not firsts & {item.filing_id for item in second.scored}
    page = client.get(URL, {"page": 2}).content.decode()
    # Another list's pager keeps this list's page.
    assert 'href="?page=2&amp;scores=2#jx-scores"' in page
    assert 'href="?page=1#jx-departments"' in page


def test_a_department_with_nothing_says_so_in_chinese(client, world):
    factories.DepartmentFactory(bureau=world.bureau_a, name="甲县空白局", budget_code="000001")
    client.force_login(world.reviewer_a)
    page = client.get(URL).content.decode()
    assert "暂无项目，也未开始自评。" in page

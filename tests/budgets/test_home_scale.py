"""The bureau's home lists its departments a page at a time, counted for that page only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.budgets.selectors import OVERVIEW_PAGE_SIZE
from apps.filings.models import Filing
from tests import factories
from tests.dashboard.builders import filing_of

HOME = reverse("home")


def _departments(world, count: int, start: int) -> None:
    for n in range(start, start + count):
        department = factories.DepartmentFactory(
            bureau=world.bureau_a, name=f"甲县第{n:03d}局", budget_code=f"6{n:05d}"
        )
        filed = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        filing_of(filed, Filing.Status.RETURNED)
        factories.ProjectFactory(department=department, fiscal_year=world.year_a)


def test_the_home_costs_the_same_queries_for_3_and_80_departments(client, world):
    client.force_login(world.reviewer_a)
    _departments(world, 3, 0)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    _departments(world, 77, 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)

    assert len(many.captured_queries) == len(few.captured_queries)
    overview = response.context["overview"]
    assert overview.paginator.count == 2 + 80 and len(overview) == OVERVIEW_PAGE_SIZE
    first = next(d for d in overview if d.budget_code == "600000")
    assert (first.project_count, first.not_started_count, first.returned_count) == (1 + 1, 1, 1)


def test_the_second_page_lists_the_rest(client, world):
    _departments(world, 60, 0)
    client.force_login(world.reviewer_a)
    first = client.get(HOME).context["overview"]
    second = client.get(HOME, {"page": 2}).context["overview"]
    shown = [d.pk for d in list(first) + list(second)]
    assert len(shown) == len(set(shown)) == 62
    page = client.get(HOME, {"page": 2}).content.decode()
    assert 'href="?page=1"' in page and "甲县第059局" in page and "甲县第000局" not in page

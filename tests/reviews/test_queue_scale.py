"""The queue of a city: thousands of departments are not listed in its filter, its order and
scores come from indexed columns, and a page costs the same queries whatever the year holds."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.filings.models import Filing, FilingEvent
from apps.reviews.views.queue_page import QUEUE_PAGE_SIZE
from tests import factories
from tests.dashboard.builders import filing_of, review_of

QUEUE = reverse("reviews:queue")
S = Filing.Status


def _submitted(world, count: int, start: int = 0) -> list[Filing]:
    """Submitted filings of new departments, each reaching the bureau a minute after the last."""
    filings = []
    base = timezone.now() - datetime.timedelta(days=10)
    for n in range(start, start + count):
        department = factories.DepartmentFactory(
            bureau=world.bureau_a, name=f"甲县第{n:03d}局", budget_code=f"7{n:05d}"
        )
        project = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        filing = filing_of(project, S.SUBMITTED, total="88.00", rate="0.9000", grade="良")
        event = FilingEvent.objects.create(
            filing=filing,
            actor=world.filer_a1,
            action="submit",
            from_status=S.DRAFT,
            to_status=S.SUBMITTED,
        )
        FilingEvent.objects.filter(pk=event.pk).update(
            created_at=base + datetime.timedelta(minutes=n)
        )
        event.refresh_from_db()
        event.save()  # the derived submitted_at follows the event's time
        review_of(filing, world.reviewer_a, total=f"{70 + n % 20}.00")
        filings.append(filing)
    return filings


def test_a_page_costs_the_same_queries_for_3_and_120_filings_and_departments(client, world):
    client.force_login(world.reviewer_a)
    _submitted(world, 3)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        small = client.get(QUEUE)

    filings = _submitted(world, 117, start=3)
    with CaptureQueriesContext(connection) as many:
        large = client.get(QUEUE)

    assert len(many.captured_queries) == len(few.captured_queries) == 10
    page = large.context["page"]
    assert page.paginator.count == 120 and len(page) == QUEUE_PAGE_SIZE
    # The oldest submission first, each with its own review score.
    assert page[0].department.budget_code == "700000"
    assert [f.submitted_at for f in page] == sorted(f.submitted_at for f in page)
    assert page[1].review_score == 71
    # No department is listed in the filter unless chosen: the page does not grow with them.
    assert large.content.decode().count("<option") == small.content.decode().count("<option")
    assert filings[-1].department.name not in small.content.decode()


def test_a_department_is_chosen_from_its_row_and_found_by_budget_code(client, world):
    filings = _submitted(world, 4)
    client.force_login(world.reviewer_a)
    chosen = filings[2].department
    page = client.get(QUEUE).content.decode()
    link = f'href="?fiscal_year={world.year_a.pk}&amp;department={chosen.pk}"'
    assert link in page

    response = client.get(QUEUE, {"fiscal_year": world.year_a.pk, "department": chosen.pk})

    assert [f.pk for f in response.context["page"]] == [filings[2].pk]
    html = response.content.decode()
    assert f'<option value="{chosen.pk}" selected>{chosen.name}</option>' in html
    assert filings[1].department.name not in html
    found = client.get(QUEUE, {"q": "700003"}).context["page"]
    assert [f.pk for f in found] == [filings[3].pk]


def test_another_bureaus_department_is_not_a_choice(client, world):
    _submitted(world, 2)
    client.force_login(world.reviewer_a)
    response = client.get(QUEUE, {"department": world.dept_b1.pk})
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert world.dept_b1.name not in response.content.decode()


def test_the_rows_written_in_python_are_in_chinese(client, world):
    _submitted(world, 1)
    client.force_login(world.reviewer_a)
    page = client.get(QUEUE).content.decode()
    assert "data-unassigned>未分配</span>" in page
    assert "只看该部门" in page and "勾选" in page

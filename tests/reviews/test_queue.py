"""The review queue: the reviewer's bureau only, each filter, search, bulk approval, queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.filings.models import Filing
from apps.reviews.models import ReviewerAssignment
from apps.reviews.selectors import QueueFilters, review_queue
from apps.reviews.services import review_decide, review_save
from tests import factories
from tests.stand_in_kinds import DEPARTMENT

from .conftest import row_keys, submitted_filing

QUEUE = reverse("reviews:queue")


def _pks(user, **filters) -> set[int]:
    return {f.pk for f in review_queue(user=user, filters=QueueFilters(**filters))}


def _review(filing, reviewer, score_of_first_row):
    return review_save(
        revision=filing.revisions.get(),
        reviewer=reviewer,
        row_scores={row_keys(filing)["接待群众来访"]: score_of_first_row},
        row_comments={},
        comment="",
    )


@pytest.fixture
def filings(world, department_kind):
    """Bureau A: a1 submitted (97.5 优), a2 in review (reviewed 84 → 良 after 6 off), a1's
    second project approved, a 2024 filing, and a department self-evaluation; bureau B: b1."""
    a1 = submitted_filing(world)
    a2 = submitted_filing(world, world.project_a2)
    _review(a2, world.reviewer_a, Decimal(14))  # 97.5 − 16 = 81.5, 良
    approved = submitted_filing(
        world, factories.ProjectFactory(department=world.dept_a1, name="档案数字化")
    )
    review_decide(filing=approved, reviewer=world.reviewer_a, decision="approve")
    year_2024 = factories.FiscalYearFactory(bureau=world.bureau_a, year=2024)
    later = submitted_filing(
        world, factories.ProjectFactory(department=world.dept_a2, fiscal_year=year_2024)
    )
    year_2024.status = year_2024.Status.CLOSED  # so the header still opens on 2023
    year_2024.save()
    department = Filing.objects.create(
        kind=department_kind,
        department=world.dept_a2,
        fiscal_year=world.year_a,
        status=Filing.Status.SUBMITTED,
        total_score=Decimal("72.00"),
        grade="中",
    )
    b1 = submitted_filing(world, world.project_b1)
    return {
        "a1": a1.pk,
        "a2": a2.pk,
        "approved": approved.pk,
        "later": later.pk,
        "department": department.pk,
        "b1": b1.pk,
    }


def test_queue_shows_only_the_reviewers_bureau_and_by_default_what_awaits_review(world, filings):
    f = filings
    assert _pks(world.reviewer_a) == {f["a1"], f["a2"], f["later"], f["department"]}
    assert _pks(world.reviewer_b) == {f["b1"]}
    assert _pks(world.admin_a, statuses=()) == {
        f["a1"],
        f["a2"],
        f["approved"],
        f["later"],
        f["department"],
    }


def test_queue_filters_by_fiscal_year(world, filings):
    assert _pks(world.reviewer_a, fiscal_year=world.year_a.pk) == {
        filings["a1"],
        filings["a2"],
        filings["department"],
    }


def test_queue_filters_by_department(world, filings):
    assert _pks(world.reviewer_a, department=world.dept_a2.pk) == {
        filings["a2"],
        filings["later"],
        filings["department"],
    }


def test_queue_filters_by_kind(world, filings):
    assert _pks(world.reviewer_a, kind=DEPARTMENT) == {filings["department"]}


def test_queue_filters_by_status(world, filings):
    assert _pks(world.reviewer_a, statuses=(Filing.Status.IN_REVIEW,)) == {filings["a2"]}
    assert _pks(world.reviewer_a, statuses=(Filing.Status.APPROVED,)) == {filings["approved"]}


def test_queue_filters_by_self_grade_and_review_grade(world, filings):
    assert _pks(world.reviewer_a, grade="中") == {filings["department"]}
    assert _pks(world.reviewer_a, review_grade="良") == {filings["a2"]}


def test_queue_filters_by_self_score_range(world, filings):
    assert _pks(world.reviewer_a, self_score_min=Decimal(60), self_score_max=Decimal(80)) == {
        filings["department"]
    }
    assert _pks(world.reviewer_a, self_score_min=Decimal("97.5")) == {
        filings["a1"],
        filings["a2"],
        filings["later"],
    }


def test_queue_filters_by_review_score_range(world, filings):
    assert _pks(world.reviewer_a, review_score_min=Decimal(80), review_score_max=Decimal(82)) == {
        filings["a2"]
    }
    assert _pks(world.reviewer_a, review_score_max=Decimal(80)) == set()


def test_queue_filters_by_assigned_reviewer(world, filings):
    other = factories.reviewer_of(world.bureau_a)
    ReviewerAssignment.objects.create(filing_id=filings["a1"], reviewer=other)
    ReviewerAssignment.objects.create(filing_id=filings["later"], reviewer=world.reviewer_a)

    assert _pks(world.reviewer_a, reviewer=other.pk) == {filings["a1"]}
    assert _pks(world.reviewer_a, unassigned=True) == {filings["a2"], filings["department"]}


def test_queue_searches_department_and_project_names(world, filings):
    assert _pks(world.reviewer_a, q="司法") == {
        filings["a2"],
        filings["later"],
        filings["department"],
    }
    assert _pks(world.reviewer_a, q="档案", statuses=()) == {filings["approved"]}
    assert _pks(world.reviewer_a, q="信访 档案", statuses=()) == {filings["approved"]}


def test_queue_page_reads_its_filters_from_the_query_string(client, world, filings):
    client.force_login(world.reviewer_a)
    other = factories.reviewer_of(world.bureau_a)
    ReviewerAssignment.objects.create(filing_id=filings["a1"], reviewer=world.reviewer_a)
    ReviewerAssignment.objects.create(filing_id=filings["a2"], reviewer=other)

    def listed(**query) -> set[int]:
        response = client.get(QUEUE, query)
        assert response.status_code == 200
        return {f.pk for f in response.context["page"]}

    # Without a year, the year chosen in the header (the open 2023) applies.
    assert listed() == {filings["a1"], filings["a2"], filings["department"]}
    assert listed(fiscal_year="any") == {
        filings["a1"],
        filings["a2"],
        filings["later"],
        filings["department"],
    }
    assert listed(status="any", q="档案") == {filings["approved"]}
    assert listed(reviewer="me") == {filings["a1"]}
    assert listed(reviewer=str(other.pk)) == {filings["a2"]}
    assert listed(reviewer="none") == {filings["department"]}
    assert listed(department=str(world.dept_a2.pk), kind="project") == {filings["a2"]}
    assert listed(kind=DEPARTMENT) == {filings["department"]}  # a kind registered later
    assert listed(grade="中") == {filings["department"]}
    assert listed(review_min="80", review_max="85", review_grade="良") == {filings["a2"]}
    assert listed(self_min="50", self_max="80") == {filings["department"]}
    page = client.get(QUEUE).content.decode()
    assert "甲县司法局" in page and "乙县信访局" not in page
    # Each filing's kind by its label; a filing without a project is named by its kind.
    assert '<td class="small">项目自评</td>' in page
    # The department self-evaluation's label, as the page's language gives it.
    label = "部门整体支出绩效自评"
    assert f'<td class="small">{label}</td>' in page and f">{label}</a>" in page
    assert "81.50 良" in page and "97.50 优" in page  # review and self scores, two decimals


def test_queue_refuses_people_who_do_not_review(client, world):
    for user in (world.filer_a1, world.head_a1):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403


def test_bulk_approve_from_the_queue(client, world, filings):
    client.force_login(world.reviewer_a)

    response = client.post(
        reverse("reviews:bulk_approve"),
        {"filing": [filings["a1"], filings["a2"], filings["approved"], filings["b1"]]},
        follow=True,
    )

    assert response.status_code == 200
    statuses = dict(Filing.objects.values_list("pk", "status"))
    assert statuses[filings["a1"]] == statuses[filings["a2"]] == "approved"
    # Bureau B's filing is out of reach: not approved, not even mentioned.
    assert statuses[filings["b1"]] == "submitted"
    page = response.content.decode()
    assert "档案数字化" in page  # refused: already approved, with the reason
    assert client.get(reverse("reviews:bulk_approve")).status_code == 405


def _many(world, count: int) -> None:
    """Submitted filings, each reviewed and assigned, to make N+1 queries visible."""
    existing = Filing.objects.count()
    for index in range(existing, count):
        project = factories.ProjectFactory(department=world.dept_a1, name=f"批量项目{index}")
        filing = submitted_filing(world, project)
        _review(filing, world.reviewer_a, Decimal(20))
        ReviewerAssignment.objects.create(filing=filing, reviewer=world.reviewer_a)


def test_queue_queries_do_not_grow_with_the_number_of_filings(
    client, world, django_assert_num_queries
):
    client.force_login(world.reviewer_a)
    _many(world, 3)
    client.get(QUEUE)  # sessions, fiscal years and the like settle on the first request
    with CaptureQueriesContext(connection) as few:
        response = client.get(QUEUE)
    assert len(response.context["page"]) == 3
    with CaptureQueriesContext(connection) as few_selector:
        rows = list(review_queue(user=world.reviewer_a, filters=QueueFilters()))
        assert all(r.assignments.all() for r in rows)

    _many(world, 30)

    with django_assert_num_queries(len(few)):
        response = client.get(QUEUE)
    assert len(response.context["page"]) == 30
    with django_assert_num_queries(len(few_selector)):
        rows = list(review_queue(user=world.reviewer_a, filters=QueueFilters()))
        assert len(rows) == 30 and all(r.assignments.all() for r in rows)
    assert len(few_selector) == 2  # the filings, then their assignments with reviewers

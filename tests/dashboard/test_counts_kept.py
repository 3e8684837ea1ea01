"""The year's counts are kept between requests, and every change to what they count from is
seen on the next request."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.dashboard import aggregation as agg
from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from tests import factories

from .builders import filing_of, review_of

URL = reverse("dashboard:index")
S = Filing.Status


@pytest.fixture
def seen(client, world):
    client.force_login(world.reviewer_a)

    def dashboard():
        return client.get(URL).context["dashboard"]

    return dashboard


def test_an_unchanged_year_is_not_counted_again(client, world, seen):
    filing_of(world.project_a1, S.SUBMITTED, total="85.00", rate="0.9000")
    with CaptureQueriesContext(connection) as counted:
        first = seen()
    with CaptureQueriesContext(connection) as kept:
        second = seen()
    Filing.objects.get(project=world.project_a1).save()  # any save moves the stamp
    with CaptureQueriesContext(connection) as again:
        third = seen()
    # Counting the year takes four queries: the groups, the unfiled projects, the departments
    # not started and all of them; the stamp one.
    assert len(counted.captured_queries) == len(again.captured_queries) == 16
    assert len(kept.captured_queries) == 12
    assert first.tally == second.tally == third.tally


def test_a_saved_score_is_seen(world, seen):
    filing = filing_of(world.project_a1, S.SUBMITTED, total="85.00", rate="0.9000")
    assert seen().histogram_rows[3][1] == 1  # 80–90
    filing.total_score = Decimal("95.00")
    filing.save()
    assert seen().histogram_rows[4][1] == 1  # 90–100


def test_a_review_is_seen(world, seen):
    filing = filing_of(world.project_a1, S.IN_REVIEW, total="85.00", rate="0.9000")
    assert [row[2] for row in seen().histogram_rows] == [0, 0, 0, 0, 0]
    review = review_of(filing, world.reviewer_a, total="72.00")
    assert seen().histogram_rows[2][2] == 1  # 70–80
    review.delete()
    assert [row[2] for row in seen().histogram_rows] == [0, 0, 0, 0, 0]


def test_a_status_change_and_a_removal_are_seen(world, seen):
    filing = filing_of(world.project_a1, S.DRAFT)
    assert seen().tally.states[agg.DRAFT] == 1
    filing.status = S.SUBMITTED
    filing.save()
    assert seen().tally.states[agg.SUBMITTED] == 1
    filing.delete()
    assert seen().tally.states[agg.SUBMITTED] == 0


def test_new_projects_and_departments_are_seen(world, seen):
    before = seen()
    factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    after_project = seen()
    assert after_project.tally.states[agg.NOT_STARTED] == before.tally.states[agg.NOT_STARTED] + 1
    factories.DepartmentFactory(bureau=world.bureau_a, name="甲县新设局")
    assert seen().not_started_count == before.not_started_count + 1


def test_a_new_execution_weight_is_seen(world, seen):
    # Score 93, rate 90 %: with weight 10 the share is 93.33 % (3.33 points above the rate, no
    # warning); with weight 60 it is (93 − 54) ÷ 40 = 97.5 % (7.5 points above: a warning).
    filing_of(world.project_a1, S.SUBMITTED, total="93.00", rate="0.9000")
    policy, _created = ScoringPolicy.objects.get_or_create(
        fiscal_year=world.year_a, framework=Framework.PROJECT
    )
    policy.execution_weight = Decimal(10)
    policy.save()
    assert seen().warning_count == 0
    policy.execution_weight = Decimal(60)
    policy.save()
    assert seen().warning_count == 1


def test_removed_projects_and_departments_are_seen(world, seen):
    project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    department = factories.DepartmentFactory(bureau=world.bureau_a, name="甲县将撤局")
    # Others changed since: the removed rows are not the latest, so only the removal says so.
    world.project_a1.save()
    world.dept_a1.save()
    before = seen()
    project.delete()
    after_project = seen()
    assert after_project.tally.states[agg.NOT_STARTED] == before.tally.states[agg.NOT_STARTED] - 1
    department.delete()
    assert seen().not_started_count == before.not_started_count - 1

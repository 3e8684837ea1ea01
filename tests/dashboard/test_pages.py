"""The bureau's dashboard page: who may see it, what it shows, and how many queries it costs."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import DepartmentMembership
from apps.dashboard import aggregation as agg
from apps.dashboard.selectors import dashboard_of
from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.project_evaluations.services import evaluation_create
from tests import factories

from .builders import department_filing_of, filing_of, populate, review_of

URL = reverse("dashboard:index")
S = Filing.Status


def _bureau_b_staff_working_in_a(world, who: str):
    """Bureau B staff who also file for a department of A, with A's year picked."""
    user = getattr(world, who)
    DepartmentMembership.objects.create(
        user=user, department=world.dept_a1, role=DepartmentMembership.Role.FILER
    )
    return user


@pytest.mark.parametrize("who", ["filer_a1", "head_a1", "filer_a2"])
def test_department_staff_are_refused(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("who", ["reviewer_b", "admin_b"])
def test_bureau_b_staff_are_refused_bureau_a_year(client, world, who):
    user = _bureau_b_staff_working_in_a(world, who)
    client.force_login(user)
    switched = client.post(reverse("budgets:switch_year"), {"fiscal_year": world.year_a.pk})
    assert switched.status_code == 302

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("who", ["reviewer_b", "admin_b"])
def test_bureau_b_staff_see_only_bureau_b(client, world, who):
    client.force_login(getattr(world, who))
    page = client.get(URL).content.decode()
    assert world.dept_b1.name in page
    assert world.dept_a1.name not in page and world.project_a1.name not in page


@pytest.mark.parametrize("who", ["reviewer_a", "admin_a"])
def test_bureau_a_reviewers_and_admins_see_the_dashboard(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert world.dept_a1.name in page and world.dept_a2.name in page
    assert world.dept_b1.name not in page


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_user_without_fiscal_year_is_refused(client, db):
    bureau = factories.FinanceBureauFactory()
    client.force_login(factories.reviewer_of(bureau))
    assert client.get(URL).status_code == 403


def test_department_rows_list_each_filing_with_its_state(client, world):
    world.dept_a1.contact_person = "张三"
    world.dept_a1.save()
    second = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    third = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    filing_of(second, S.RETURNED)
    filing_of(third, S.PUBLISHED)
    department_filing_of(world.dept_a1, world.year_a, S.IN_REVIEW)
    # A2 has a project but no filing: it has not started.
    client.force_login(world.reviewer_a)

    response = client.get(URL)

    dashboard = response.context["dashboard"]
    a1, a2 = dashboard.departments
    assert a1.department == world.dept_a1
    assert [(item.name, item.state) for item in a1.items] == [
        ("部门整体支出绩效自评", agg.SUBMITTED),
        (world.project_a1.name, agg.NOT_STARTED),
        (second.name, agg.RETURNED),
        (third.name, agg.PASSED),
    ]
    assert a1.counts == {"not_started": 1, "draft": 0, "submitted": 1, "returned": 1, "passed": 1}
    assert a1.started and not a2.started
    assert [row.department for row in dashboard.not_started] == [world.dept_a2]
    page = response.content.decode()
    assert "未开始" in page and "已提交" in page
    assert page.count('data-state="returned"') == 1
    # Each department's row names it, with its budget code, linked to its page.
    row = page.split(f'<tr data-department="{world.dept_a1.pk}">')[1].split("</tr>")[0]
    assert f"<td>{world.dept_a1.budget_code}</td>" in row
    link = reverse("budgets:department_detail", args=[world.dept_a1.pk])
    assert f'<a href="{link}">{world.dept_a1.name}</a>' in row


def test_an_evaluation_started_by_the_filer_shows_as_draft(client, world):
    evaluation_create(project=world.project_a1, by=world.filer_a1)
    client.force_login(world.reviewer_a)

    dashboard = client.get(URL).context["dashboard"]

    a1 = dashboard.departments[0]
    assert [item.state for item in a1.items] == [agg.DRAFT]
    assert "草稿" in a1.items[0].state_label
    assert [row.department for row in dashboard.not_started] == [world.dept_a2]


def test_days_left_to_the_deadline(client, world):
    client.force_login(world.reviewer_a)
    page = client.get(URL).content.decode()
    assert f'data-days-left="{world.year_a.days_left()}"' in page
    assert "剩余 20 天" in page


def test_closed_window_shows_days_since_closing(client, world):
    world.year_a.filing_opens = datetime.date.today() - datetime.timedelta(days=30)
    world.year_a.filing_closes = datetime.date.today() - datetime.timedelta(days=3)
    world.year_a.save()
    client.force_login(world.reviewer_a)

    page = client.get(URL).content.decode()

    assert 'data-days-left="-3"' in page and "已截止 3 天" in page


def test_a_score_given_to_an_earlier_revision_is_not_shown(client, world):
    filing = filing_of(world.project_a1, S.IN_REVIEW, total="80.00", rate="0.5000", grade="良")
    review_of(filing, world.reviewer_a, total="70.00", decision="returned", number=1)
    review_of(filing, world.reviewer_a, total=None, number=2)  # resubmitted, not scored yet
    client.force_login(world.reviewer_a)

    dashboard = client.get(URL).context["dashboard"]

    [item] = dashboard.scored
    assert item.review_score is None


def test_scores_warning_and_gap_use_the_years_policy(client, world):
    policy, _created = ScoringPolicy.objects.get_or_create(
        fiscal_year=world.year_a, framework=Framework.PROJECT
    )
    policy.execution_weight = Decimal(20)
    policy.save()
    # Weight 20, rate 50 %: 10 points; share (80 − 10) ÷ 80 = 87.5 %, 37.5 points above.
    filing = filing_of(world.project_a1, S.IN_REVIEW, total="80.00", rate="0.5000", grade="良")
    review_of(filing, world.reviewer_a, total="70.00", decision="returned", number=1)
    review_of(filing, world.admin_a, total="72.50", number=2)
    review_of(filing, world.reviewer_a, total=None, number=2)
    filing_of(world.project_a2, S.DRAFT, total="99.00", rate="0.1000")
    client.force_login(world.reviewer_a)

    response = client.get(URL)

    dashboard = response.context["dashboard"]
    # The draft is left out of the scores.
    [item] = dashboard.scored
    assert item.review_score == Decimal("72.50")
    assert item.gap == Decimal("-7.50")
    assert item.share_percent == Decimal("87.50")
    assert item.excess_points == Decimal("37.50")
    assert item.warning
    assert dashboard.warning_count == 1
    assert dashboard.histogram_rows[2] == ("70–80", 0, 1)
    assert dashboard.histogram_rows[3] == ("80–90", 1, 0)
    charts = response.context["chart_data"]
    # One bubble: execution rate 50–60 %, score 80–90, one filing with a warning.
    assert charts["scatter"]["warning"] == [{"x": 55, "y": 85, "n": 1}]
    assert charts["scatter"]["normal"] == []
    assert charts["states"]["counts"] == [0, 1, 1, 0, 0]
    page = response.content.decode()
    assert "data-warning" in page and "-7.50" in page
    assert 'id="jx-dashboard-data"' in page


def test_page_loads_vendored_chartjs_and_no_cdn(client, world):
    client.force_login(world.reviewer_a)
    page = client.get(URL).content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_dashboard_queries_do_not_grow_with_filings(client, world, django_assert_num_queries):
    client.force_login(world.reviewer_a)
    populate(world, 3)
    client.get(URL)  # warm up what does not depend on the data
    cache.clear()  # and count the year again, as after any change
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200

    populate(world, 27, start=3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL)

    # 30 filings, 30 projects nobody started, and the two the world starts with.
    assert response.context["dashboard"].items_count == 30 + 30 + 2


def test_the_excel_lists_make_four_queries(world, django_assert_num_queries):
    populate(world, 10)
    with django_assert_num_queries(4):
        dashboard = dashboard_of(fiscal_year=world.year_a)
        [row.filings_text for row in dashboard.departments]
        [item.warning for item in dashboard.scored]

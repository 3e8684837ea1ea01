"""Home page per role, the year switcher, and the department page."""

import datetime

import pytest
from django.urls import reverse

from tests import factories


def test_filer_home_lists_own_projects_only(client, world):
    client.force_login(world.filer_a1)
    page = client.get(reverse("home")).content.decode()
    assert world.dept_a1.name in page
    assert world.project_a1.name in page
    assert world.project_a2.name not in page
    assert world.project_b1.name not in page
    assert "2023" in page


def test_reviewer_home_lists_bureau_departments_with_state(client, world):
    client.force_login(world.reviewer_a)
    page = client.get(reverse("home")).content.decode()
    assert world.dept_a1.name in page and world.dept_a2.name in page
    assert world.dept_b1.name not in page
    assert "未开始" in page
    assert reverse("admin:organizations_department_changelist") not in page


def test_bureau_admin_home_links_to_management(client, world):
    client.force_login(world.admin_a)
    page = client.get(reverse("home")).content.decode()
    for name in ("budgets_fiscalyear", "organizations_department", "accounts_user"):
        assert reverse(f"admin:{name}_changelist") in page
    assert "管理用户" in page


def test_header_shows_bureau_name(client, world):
    client.force_login(world.filer_b1)
    assert world.bureau_b.name in client.get(reverse("home")).content.decode()


def test_year_switcher_changes_the_projects_shown(client, world):
    earlier = factories.FiscalYearFactory(
        bureau=world.bureau_a,
        year=2022,
        status="closed",
        filing_opens=datetime.date(2023, 1, 1),
        filing_closes=datetime.date(2023, 3, 31),
    )
    old_project = factories.ProjectFactory(department=world.dept_a1, fiscal_year=earlier)
    client.force_login(world.filer_a1)
    assert old_project.name not in client.get(reverse("home")).content.decode()

    response = client.post(
        reverse("budgets:switch_year"), {"fiscal_year": earlier.pk, "next": reverse("home")}
    )

    assert response.status_code == 302 and response["Location"] == reverse("home")
    page = client.get(reverse("home")).content.decode()
    assert old_project.name in page
    assert world.project_a1.name not in page


def test_year_switcher_refuses_another_bureaus_year(client, world):
    client.force_login(world.filer_a1)
    response = client.post(reverse("budgets:switch_year"), {"fiscal_year": world.year_b.pk})
    assert response.status_code == 403
    assert world.project_b1.name not in client.get(reverse("home")).content.decode()


def test_year_switcher_ignores_offsite_next(client, world):
    client.force_login(world.filer_a1)
    response = client.post(
        reverse("budgets:switch_year"),
        {"fiscal_year": world.year_a.pk, "next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("home")


def test_department_page_shows_budget_in_wan_yuan(client, world):
    client.force_login(world.filer_a1)
    page = client.get(reverse("budgets:department_detail", args=[world.dept_a1.pk]))
    assert "32.00" in page.content.decode()  # 320,000.00 元


@pytest.mark.django_db
def test_login_page_is_chinese(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "登录" in page and "密码" in page


def test_login_with_wrong_password_says_so_in_chinese(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": world.filer_a1.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_password_change(client, world):
    client.force_login(world.filer_a1)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "a-new-long-password-42",
            "new_password2": "a-new-long-password-42",
        },
    )
    assert response.status_code == 302
    world.filer_a1.refresh_from_db()
    assert world.filer_a1.check_password("a-new-long-password-42")


def test_home_query_count_does_not_grow_with_departments(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.reviewer_a)
    client.get(reverse("home"))
    for _ in range(30):
        department = factories.DepartmentFactory(bureau=world.bureau_a)
        factories.ProjectFactory(department=department, fiscal_year=world.year_a)
    with django_assert_max_num_queries(12):
        client.get(reverse("home"))


def test_reviewer_home_counts_filings_per_state(client, world):
    from apps.filings.workflow import filing_transition
    from tests.project_evaluations.builders import valid_filing

    second = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    client.force_login(world.reviewer_a)

    page = client.get(reverse("home")).content.decode()

    row = page[page.index(world.dept_a1.name) :]
    row = row[: row.index("</tr>")]
    assert "已提交 1" in row and "未开始 1" in row
    assert second.name not in row

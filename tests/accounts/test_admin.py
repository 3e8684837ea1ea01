"""Bureau administrators manage their own bureau's data in the admin, and nothing else."""

from decimal import Decimal

from django.urls import reverse

from apps.accounts.models import BureauMembership
from apps.budgets.models import Project
from tests import factories


def test_filer_cannot_enter_admin(client, world):
    client.force_login(world.filer_a1)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_reviewer_cannot_manage_departments(client, world):
    client.force_login(world.reviewer_a)
    response = client.get(reverse("admin:organizations_department_changelist"))
    assert response.status_code == 302


def test_admin_changelist_shows_own_bureau_only(client, world):
    client.force_login(world.admin_a)
    page = client.get(reverse("admin:organizations_department_changelist")).content.decode()
    assert world.dept_a1.name in page and world.dept_a2.name in page
    assert world.dept_b1.name not in page
    assert "部门" in page  # Chinese labels


def test_admin_cannot_open_another_bureaus_department(client, world):
    client.force_login(world.admin_a)
    url = reverse("admin:organizations_department_change", args=[world.dept_b1.pk])
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    response = client.post(url, {"name": "被篡改"})
    world.dept_b1.refresh_from_db()
    assert world.dept_b1.name == "乙县信访局"


def test_admin_cannot_see_another_bureaus_users(client, world):
    client.force_login(world.admin_a)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert world.filer_a1.username in page
    assert world.filer_b1.username not in page
    response = client.get(reverse("admin:accounts_user_change", args=[world.filer_b1.pk]))
    assert response.status_code in (302, 403, 404)


def test_admin_cannot_file_a_project_under_another_bureaus_department(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        reverse("admin:budgets_project_add"),
        {
            "department": world.dept_b1.pk,
            "fiscal_year": world.year_a.pk,
            "name": "越权项目",
            "code": "X-1",
            "competent_department": "x",
            "implementing_unit": "x",
            "initial_budget": "1",
            "adjusted_budget": "1",
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not Project.objects.filter(name="越权项目").exists()


def test_admin_adds_project_in_own_bureau(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        reverse("admin:budgets_project_add"),
        {
            "department": world.dept_a1.pk,
            "fiscal_year": world.year_a.pk,
            "name": "新增项目",
            "code": "A-9",
            "competent_department": world.dept_a1.name,
            "implementing_unit": world.dept_a1.name,
            "initial_budget": "10000.00",
            "adjusted_budget": "12000.50",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(name="新增项目")
    assert project.adjusted_budget == Decimal("12000.50")


def test_admin_search_and_filter_departments(client, world):
    client.force_login(world.admin_a)
    url = reverse("admin:organizations_department_changelist")
    page = client.get(url, {"q": "司法"}).content.decode()
    assert world.dept_a2.name in page and world.dept_a1.name not in page


def test_granting_bureau_admin_gives_admin_site_access(client, world):
    user = factories.UserFactory()
    assert not user.is_staff
    client.force_login(world.admin_a)
    # Through the membership admin, as a bureau administrator would.
    client.post(
        reverse("admin:accounts_bureaumembership_add"),
        {"user": user.pk, "bureau": world.bureau_a.pk, "role": BureauMembership.Role.ADMIN},
    )
    user.refresh_from_db()
    assert user.is_staff


def test_bureau_admin_cannot_make_a_superuser(client, world):
    client.force_login(world.admin_a)
    url = reverse("admin:accounts_user_change", args=[world.filer_a1.pk])
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page

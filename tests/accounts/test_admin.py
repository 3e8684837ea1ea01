"""Bureau administrators manage their own bureau's data in the admin, and nothing else."""

from decimal import Decimal

from django.urls import reverse

from apps.accounts.models import BureauMembership, DepartmentMembership, User
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
    user = factories.filer_of(world.dept_a2)
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


def _membership_forms(*departments, bureau_roles=()) -> dict:
    """The user page's two membership inlines, holding new rows only."""
    data = {
        "department_memberships-TOTAL_FORMS": len(departments),
        "department_memberships-INITIAL_FORMS": 0,
        "bureau_memberships-TOTAL_FORMS": len(bureau_roles),
        "bureau_memberships-INITIAL_FORMS": 0,
    }
    for i, department in enumerate(departments):
        data[f"department_memberships-{i}-department"] = department.pk
        data[f"department_memberships-{i}-role"] = DepartmentMembership.Role.FILER
    for i, (bureau, role) in enumerate(bureau_roles):
        data[f"bureau_memberships-{i}-bureau"] = bureau.pk
        data[f"bureau_memberships-{i}-role"] = role
    return data


def _new_user(**extra) -> dict:
    return {
        "username": "xinren",
        "full_name": "新同事",
        "phone": "",
        "usable_password": "true",
        "password1": "Xinren-pass-2023",
        "password2": "Xinren-pass-2023",
        **extra,
    }


def test_bureau_admin_adds_a_user_with_a_role_in_their_bureau(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        reverse("admin:accounts_user_add"), _new_user(**_membership_forms(world.dept_a1))
    )
    assert response.status_code == 302
    user = User.objects.get(username="xinren")
    assert user.department_memberships.get().department == world.dept_a1
    assert client.get(reverse("admin:accounts_user_change", args=[user.pk])).status_code == 200


def test_bureau_admin_cannot_add_a_user_without_a_role_in_their_bureau(client, world):
    """A user with no membership would belong to no bureau and be out of every admin's reach."""
    client.force_login(world.admin_a)
    for memberships in (_membership_forms(), _membership_forms(world.dept_b1)):
        response = client.post(reverse("admin:accounts_user_add"), _new_user(**memberships))
        assert response.status_code == 200
    other_bureau = _membership_forms(bureau_roles=[(world.bureau_b, "reviewer")])
    response = client.post(reverse("admin:accounts_user_add"), _new_user(**other_bureau))
    assert response.status_code == 200
    assert not User.objects.filter(username="xinren").exists()


def test_user_page_lets_the_bureau_admin_change_the_users_memberships(client, world):
    """The inlines are asked about the user (their parent), whom the user admin has checked."""
    client.force_login(world.admin_a)
    page = client.get(reverse("admin:accounts_user_change", args=[world.filer_a1.pk]))
    assert 'name="department_memberships-0-department"' in page.content.decode()


def test_bureau_admin_cannot_move_their_user_into_another_bureau(client, world):
    membership = world.filer_a1.department_memberships.get()
    client.force_login(world.admin_a)
    data = {
        "username": world.filer_a1.username,
        "full_name": world.filer_a1.full_name,
        "phone": "",
        "email": "",
        "is_active": "on",
        **_membership_forms(world.dept_a1, world.dept_b1),
        "department_memberships-INITIAL_FORMS": 1,
        "department_memberships-0-id": membership.pk,
        "department_memberships-0-user": world.filer_a1.pk,
    }
    response = client.post(reverse("admin:accounts_user_change", args=[world.filer_a1.pk]), data)
    assert response.status_code == 200
    assert not world.filer_a1.department_memberships.filter(department=world.dept_b1).exists()


def test_users_of_two_bureaus_and_users_of_none_are_out_of_reach(client, world):
    straddler = factories.filer_of(world.dept_a1)
    DepartmentMembership.objects.create(
        user=straddler, department=world.dept_b1, role=DepartmentMembership.Role.HEAD
    )
    nobody = factories.UserFactory()
    client.force_login(world.admin_a)
    for user in (straddler, nobody):
        url = reverse("admin:accounts_user_change", args=[user.pk])
        assert client.get(url).status_code in (302, 403, 404)
    admins = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert world.admin_a.username in admins and world.reviewer_a.username in admins

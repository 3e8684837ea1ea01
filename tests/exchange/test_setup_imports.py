"""Bulk set-up through the admin: departments with their units, projects, users.

Each import is previewed (a dry run that writes nothing), then confirmed; one bad row refuses
the whole sheet, naming its sheet, row and column; a bureau administrator imports into their
own bureau only; users never carry a password in or out.
"""

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from apps.accounts.models import DepartmentMembership, User
from apps.accounts.resources import UserResource
from apps.budgets.models import Project
from apps.budgets.resources import ProjectResource
from apps.exchange.imports import CheckedXLSX, dataset_of_upload, problems_of
from apps.exchange.reading import Problem
from apps.organizations.models import Department
from apps.organizations.resources import DepartmentResource

DEPARTMENT_HEADINGS = [
    "预算编码",
    "单位名称",
    "上级单位预算编码",
    "单位性质",
    "联系人",
    "联系电话",
    "编制人数",
]
PROJECT_HEADINGS = [
    "部门预算编码",
    "项目编码",
    "项目名称",
    "主管部门",
    "实施单位",
    "年初预算数（元）",
    "全年预算数（元）",
]
USER_HEADINGS = ["用户名", "姓名", "手机号码", "电子邮箱", "是否启用", "所属部门预算编码", "角色"]


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def xlsx(headings: Sequence[Any], rows: Sequence[Sequence[Any]], title: str = "预算单位") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "sheet.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, CheckedXLSX.CONTENT_TYPE)


def place(sheet: str, row: int, column: int, heading: str) -> str:
    """Where a problem is, worded as the user reads it (工作表“…”第 N 行 X 列（…）)."""
    return Problem("", sheet, row, column, heading).place


def assert_places(problems: list[str], places: list[str]) -> None:
    """One problem per place, in order, each message starting with its place."""
    assert len(problems) == len(places), problems
    for problem, where in zip(problems, places, strict=True):
        assert problem.startswith(where), (problem, where)


def admin_import(client, model: str, scope, content: bytes):
    """The first step: upload and preview (a dry run)."""
    return client.post(
        reverse(f"admin:{model}_import"),
        {"scope": scope.pk, "format": "0", "import_file": upload(content)},
    )


def admin_confirm(client, model: str, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:{model}_process_import"), data)


def admin_export(client, model: str) -> bytes:
    response = client.post(reverse(f"admin:{model}_export"), {"format": "0", "resource": "0"})
    assert response.status_code == 200
    assert response["Content-Type"] == CheckedXLSX.CONTENT_TYPE
    return response.content


def form_errors(response) -> list[str]:
    return [
        message for messages in response.context["form"].errors.values() for message in messages
    ]


def result_problems(response) -> list[str]:
    return problems_of(response.context["result"])


def units_sheet(world) -> bytes:
    """A new department with two units; the first unit's row comes before its parent's."""
    return xlsx(
        DEPARTMENT_HEADINGS,
        [
            ["990001", "甲县教育服务中心", "990", "事业单位", "李四", "0571-1", 12],
            ["990", "甲县教育局", "", "行政单位", "张三", "0571-2", 30],
            ["990002", "甲县教研室", "990", "事业单位", "", "", None],
            [world.dept_a1.budget_code, "甲县信访局（改）", "", "行政单位", "王五", "", 9],
        ],
    )


# Departments ------------------------------------------------------------------------------


def test_departments_preview_writes_nothing_and_confirm_writes_the_units(client, world):
    client.force_login(world.admin_a)

    preview = admin_import(client, "organizations_department", world.bureau_a, units_sheet(world))

    assert preview.status_code == 200
    assert result_problems(preview) == []
    result = preview.context["result"]
    assert (result.totals["new"], result.totals["update"]) == (3, 1)
    assert "甲县教研室" in preview.content.decode()
    assert not Department.objects.filter(budget_code__startswith="990").exists()
    world.dept_a1.refresh_from_db()
    assert world.dept_a1.name == "甲县信访局"

    done = admin_confirm(client, "organizations_department", preview)

    assert done.status_code == 302
    parent = Department.objects.get(bureau=world.bureau_a, budget_code="990")
    assert parent.nature == Department.Nature.ADMINISTRATIVE and parent.authorized_headcount == 30
    units = Department.objects.filter(parent=parent).order_by("budget_code")
    assert [(u.budget_code, u.nature, u.bureau_id) for u in units] == [
        ("990001", Department.Nature.PUBLIC_INSTITUTION, world.bureau_a.pk),
        ("990002", Department.Nature.PUBLIC_INSTITUTION, world.bureau_a.pk),
    ]
    assert units[1].authorized_headcount == 0
    world.dept_a1.refresh_from_db()
    assert (world.dept_a1.name, world.dept_a1.contact_person) == ("甲县信访局（改）", "王五")


def test_a_confirm_that_fails_now_writes_nothing_and_says_why(client, world):
    client.force_login(world.admin_a)
    preview = admin_import(client, "organizations_department", world.bureau_a, units_sheet(world))
    assert result_problems(preview) == []
    # Between the preview and the confirm, someone gives another department the same name.
    Department.objects.create(bureau=world.bureau_a, budget_code="999", name="甲县教育局")

    done = admin_confirm(client, "organizations_department", preview)

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:organizations_department_import")
    said = [str(message) for message in get_messages(done.wsgi_request)]
    # The name taken on row 3; then its units, whose parent could not be saved.
    assert said[0].startswith(Problem("", "预算单位", 3).place) and "甲县教育局" not in said[0]
    assert_places(
        said[1:],
        [place("预算单位", 2, 3, "上级单位预算编码"), place("预算单位", 4, 3, "上级单位预算编码")],
    )
    assert not Department.objects.filter(budget_code__startswith="990").exists()
    world.dept_a1.refresh_from_db()
    assert world.dept_a1.name == "甲县信访局"


def test_departments_export_then_import_changes_nothing(client, world):
    client.force_login(world.admin_a)
    admin_confirm(
        client,
        "organizations_department",
        admin_import(client, "organizations_department", world.bureau_a, units_sheet(world)),
    )
    before = list(Department.objects.order_by("pk").values())

    exported = admin_export(client, "organizations_department")

    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == DEPARTMENT_HEADINGS
    assert world.dept_b1.name not in {cell.value for row in sheet.iter_rows() for cell in row}
    preview = admin_import(client, "organizations_department", world.bureau_a, exported)
    result = preview.context["result"]
    assert result_problems(preview) == []
    assert result.totals["skip"] == Department.objects.filter(bureau=world.bureau_a).count() == 5
    assert (result.totals["new"], result.totals["update"]) == (0, 0)
    admin_confirm(client, "organizations_department", preview)
    after = list(Department.objects.order_by("pk").values())
    assert [{k: v for k, v in row.items() if k != "updated_at"} for row in after] == [
        {k: v for k, v in row.items() if k != "updated_at"} for row in before
    ]


def test_one_bad_row_refuses_the_sheet_naming_its_row_and_column(client, world):
    client.force_login(world.admin_a)
    content = xlsx(
        DEPARTMENT_HEADINGS,
        [
            ["991", "甲县文旅局", "", "行政单位", "", "", 3],
            ["992", "甲县体育局", "", "国有企业", "", "", 3],
        ],
    )

    preview = admin_import(client, "organizations_department", world.bureau_a, content)

    problems = result_problems(preview)
    assert len(problems) == 1
    assert problems[0].startswith(place("预算单位", 3, 4, "单位性质"))
    assert "国有企业" in problems[0] and "事业单位" in problems[0]
    assert "confirm_form" not in preview.context
    assert not Department.objects.filter(budget_code__in=["991", "992"]).exists()


def test_a_code_of_another_bureau_makes_a_department_here_and_leaves_that_one(client, world):
    client.force_login(world.admin_a)
    code = world.dept_b1.budget_code = "770001"
    world.dept_b1.save()
    content = xlsx(DEPARTMENT_HEADINGS, [[code, "甲县新单位", "", "行政单位", "", "", 1]])

    admin_confirm(
        client,
        "organizations_department",
        admin_import(client, "organizations_department", world.bureau_a, content),
    )

    world.dept_b1.refresh_from_db()
    assert (world.dept_b1.name, world.dept_b1.bureau_id) == ("乙县信访局", world.bureau_b.pk)
    assert Department.objects.get(bureau=world.bureau_a, budget_code=code).name == "甲县新单位"


def test_a_parent_of_another_bureau_is_not_found(world):
    content = xlsx(
        DEPARTMENT_HEADINGS, [["993", "甲县单位", world.dept_b1.budget_code, "事业单位", "", "", 1]]
    )
    resource = DepartmentResource(scope=world.bureau_a, user=world.admin_a)

    result = resource.import_data(dataset_of_upload(content))

    problems = problems_of(result)
    assert len(problems) == 1 and problems[0].startswith(
        place("预算单位", 2, 3, "上级单位预算编码")
    )
    assert not Department.objects.filter(budget_code="993").exists()


def test_units_that_would_be_their_own_parent_are_refused(world):
    content = xlsx(
        DEPARTMENT_HEADINGS,
        [["994", "甲", "995", "行政单位", "", "", 1], ["995", "乙", "994", "行政单位", "", "", 1]],
    )

    result = DepartmentResource(scope=world.bureau_a).import_data(dataset_of_upload(content))

    assert_places(
        problems_of(result),
        [place("预算单位", 2, 3, "上级单位预算编码"), place("预算单位", 3, 3, "上级单位预算编码")],
    )
    assert not Department.objects.filter(budget_code__in=["994", "995"]).exists()


def test_a_bureau_admin_cannot_import_into_another_bureau(client, world):
    client.force_login(world.admin_a)
    content = xlsx(DEPARTMENT_HEADINGS, [["996", "乙县新单位", "", "行政单位", "", "", 1]])

    refused = admin_import(client, "organizations_department", world.bureau_b, content)

    assert refused.status_code == 200
    assert "scope" in refused.context["form"].errors
    assert "confirm_form" not in refused.context
    # Nor by changing the bureau between the preview and the confirm step.
    preview = admin_import(client, "organizations_department", world.bureau_a, content)
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["scope"] = world.bureau_b.pk
    client.post(reverse("admin:organizations_department_process_import"), data)
    assert not Department.objects.filter(budget_code="996").exists()


def test_people_who_do_not_administer_a_bureau_cannot_import(client, world):
    for user in (world.reviewer_a, world.filer_a1):
        user.is_staff = True  # even with staff status
        user.save()
        client.force_login(user)
        response = client.get(reverse("admin:organizations_department_import"))
        assert response.status_code in (302, 403)


# Projects ---------------------------------------------------------------------------------


def test_projects_import_into_the_chosen_year_with_amounts_in_yuan(client, world):
    client.force_login(world.admin_a)
    code = world.dept_a1.budget_code
    content = xlsx(
        PROJECT_HEADINGS,
        [
            [code, "XM-01", "信访积案化解", "甲县信访局", "甲县信访局", 120000, 135000.5],
            [world.dept_a2.budget_code, world.project_a2.code, "改名", "甲县司法局", "本级", 0, 1],
        ],
        title="项目",
    )

    preview = admin_import(client, "budgets_project", world.year_a, content)

    assert result_problems(preview) == []
    assert not Project.objects.filter(code="XM-01").exists()
    admin_confirm(client, "budgets_project", preview)
    project = Project.objects.get(code="XM-01")
    assert (project.department, project.fiscal_year) == (world.dept_a1, world.year_a)
    assert project.initial_budget == Decimal("120000.00")
    assert project.adjusted_budget == Decimal("135000.50")
    world.project_a2.refresh_from_db()
    assert (world.project_a2.name, world.project_a2.adjusted_budget) == ("改名", Decimal(1))


def test_projects_cannot_name_a_department_or_a_year_of_another_bureau(client, world):
    client.force_login(world.admin_a)
    world.dept_b1.budget_code = "880001"  # a code no department of bureau A has
    world.dept_b1.save()
    content = xlsx(
        PROJECT_HEADINGS, [["880001", "XM-02", "外局项目", "乙县", "乙县", 1, 1]], title="项目"
    )

    preview = admin_import(client, "budgets_project", world.year_a, content)
    assert_places(result_problems(preview), [place("项目", 2, 1, "部门预算编码")])
    assert "本局没有预算编码为 880001 的部门。请先导入该部门，或改正编码。" in "".join(
        result_problems(preview)
    )
    refused = admin_import(client, "budgets_project", world.year_b, content)
    assert "scope" in refused.context["form"].errors
    assert not Project.objects.filter(code="XM-02").exists()


def test_projects_export_then_import_changes_nothing(client, world):
    client.force_login(world.admin_a)

    exported = admin_export(client, "budgets_project")

    resource = ProjectResource(scope=world.year_a, user=world.admin_a)
    result = resource.import_data(dataset_of_upload(exported))
    assert problems_of(result) == []
    assert (result.totals["skip"], result.totals["new"], result.totals["update"]) == (2, 0, 0)
    rows = list(load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(PROJECT_HEADINGS)
    assert {row[1] for row in rows[1:]} == {world.project_a1.code, world.project_a2.code}


# Users ------------------------------------------------------------------------------------


def test_users_import_with_memberships_and_without_a_password(client, world):
    client.force_login(world.admin_a)
    a1, a2 = world.dept_a1.budget_code, world.dept_a2.budget_code
    content = xlsx(
        [*USER_HEADINGS, "密码"],
        [
            ["li.si", "李四", "13800000000", "li@example.cn", "是", f"{a1}、{a2}", "填报人"],
            ["wang.wu", "王五", "", "", "否", a1, "部门负责人", "secret-123"],
        ],
        title="用户",
    )

    admin_confirm(
        client, "accounts_user", admin_import(client, "accounts_user", world.bureau_a, content)
    )

    li, wang = User.objects.get(username="li.si"), User.objects.get(username="wang.wu")
    assert not li.has_usable_password() and not wang.has_usable_password()
    assert not wang.check_password("secret-123")
    assert (li.full_name, li.phone, li.is_active, wang.is_active) == (
        "李四",
        "13800000000",
        True,
        False,
    )
    assert not (li.is_staff or li.is_superuser)
    assert set(li.department_memberships.values_list("department__budget_code", "role")) == {
        (a1, DepartmentMembership.Role.FILER),
        (a2, DepartmentMembership.Role.FILER),
    }
    assert list(wang.department_memberships.values_list("role", flat=True)) == ["head"]


def test_users_export_has_no_password_and_imports_back_unchanged(client, world):
    client.force_login(world.admin_a)
    hashes = {user.password for user in User.objects.all()}

    exported = admin_export(client, "accounts_user")

    rows = list(load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(USER_HEADINGS)
    cells = {str(value) for row in rows for value in row}
    assert not cells & hashes
    assert world.filer_b1.username not in cells
    result = UserResource(scope=world.bureau_a, user=world.admin_a).import_data(
        dataset_of_upload(exported)
    )
    assert problems_of(result) == []
    assert result.totals["skip"] == len(rows) - 1 and result.totals["new"] == 0
    assert {user.password for user in User.objects.all()} == hashes


def test_users_import_cannot_take_over_or_reach_another_bureau(client, world):
    client.force_login(world.admin_a)
    superuser = User.objects.create_superuser("root", password="x-very-secret-1")
    content = xlsx(
        USER_HEADINGS,
        [
            [world.filer_b1.username, "夺取", "", "", "是", world.dept_a1.budget_code, "填报人"],
            ["root", "夺取", "", "", "是", world.dept_a1.budget_code, "填报人"],
            ["new.one", "新人", "", "", "是", world.dept_b1.budget_code, "填报人"],
        ],
        title="用户",
    )

    preview = admin_import(client, "accounts_user", world.bureau_a, content)

    assert_places(
        result_problems(preview),
        [
            place("用户", 2, 1, "用户名"),
            place("用户", 3, 1, "用户名"),
            place("用户", 4, 6, "所属部门预算编码"),
        ],
    )
    world.filer_b1.refresh_from_db()
    superuser.refresh_from_db()
    assert world.filer_b1.full_name != "夺取" and superuser.full_name != "夺取"
    assert not User.objects.filter(username="new.one").exists()
    assert not world.filer_b1.department_memberships.filter(department=world.dept_a1).exists()


def test_a_sheet_exported_in_english_imports_in_chinese(client, world):
    client.force_login(world.admin_a)
    with translation.override("en"):
        exported = admin_export(client, "organizations_department")
    rows = list(load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(DEPARTMENT_HEADINGS) and rows[1][3] == "行政单位"

    result = DepartmentResource(scope=world.bureau_a).import_data(dataset_of_upload(exported))

    assert problems_of(result) == [] and result.totals["skip"] == 2


def test_a_superuser_chooses_the_bureau_to_import_into(client, world):
    client.force_login(User.objects.create_superuser("root", password="x-very-secret-1"))
    content = xlsx(DEPARTMENT_HEADINGS, [["997", "乙县新单位", "", "行政单位", "", "", 1]])

    page = client.get(reverse("admin:organizations_department_import"))
    assert set(page.context["form"].fields["scope"].queryset) == {world.bureau_a, world.bureau_b}
    admin_confirm(
        client,
        "organizations_department",
        admin_import(client, "organizations_department", world.bureau_b, content),
    )

    assert Department.objects.get(budget_code="997").bureau == world.bureau_b

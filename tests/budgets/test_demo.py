"""The demo loader: seed figures as printed, accounts that work, and idempotent re-runs."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.budgets.demo import DEMO_MODELS, DEMO_PASSWORD, demo_load
from apps.budgets.models import FiscalYear, Project
from apps.organizations.models import Department, FinanceBureau

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


def _projects(department: str, year: int) -> dict[str, tuple[Decimal, Decimal]]:
    return {
        p.name: (p.initial_budget, p.adjusted_budget)
        for p in Project.objects.filter(department__name=department, fiscal_year__year=year)
    }


def _snapshot() -> dict:
    return {
        model._meta.label: sorted(
            # User has no updated_at; its password hash changes whenever it is set again.
            (row.pk, getattr(row, "updated_at", None) or getattr(row, "password", None))
            for row in model._default_manager.all()
        )
        for model in DEMO_MODELS
    }


def test_loading_twice_creates_and_changes_nothing():
    first = demo_load(today=TODAY)
    before = _snapshot()

    second = demo_load(today=TODAY)

    assert first.changed
    assert not second.changed
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0
    assert _snapshot() == before


def test_loading_creates_each_object_once():
    demo_load(today=TODAY)
    demo_load(today=TODAY)

    assert FinanceBureau.objects.count() == 5
    assert Department.objects.count() == 8
    assert FiscalYear.objects.count() == 5
    assert Project.objects.count() == 22
    assert User.objects.count() == 22
    assert DepartmentMembership.objects.count() == 11
    assert BureauMembership.objects.count() == 10


def test_first_load_counts_what_it_created():
    result = demo_load(today=TODAY)

    assert result.created[Project] == 22
    assert result.created[User] == 22
    assert result.created[DepartmentMembership] == 11
    assert result.created[BureauMembership] == 10
    assert sum(result.updated.values()) == 0


def test_bureaus_have_their_region_codes_and_levels():
    demo_load(today=TODAY)

    assert dict(FinanceBureau.objects.values_list("name", "region_code")) == {
        "丽水市财政局": "331100",
        "岳阳市云溪区财政局": "430603",
        "峨边彝族自治县财政局": "511132",
        "玉溪市财政局": "530400",
        "如皋市财政局": "320682",
    }
    assert FinanceBureau.objects.get(region_code="331100").level == FinanceBureau.Level.CITY
    assert FinanceBureau.objects.get(region_code="320682").level == FinanceBureau.Level.COUNTY


def test_ebian_2023_has_the_three_projects_of_seed_002_in_yuan():
    demo_load(today=TODAY)

    assert _projects("峨边彝族自治县信访局", 2023) == {
        "信访稳定经费": (Decimal("320000.00"), Decimal("320000.00")),
        "心连心热线服务平台维护和通信费": (Decimal("8900.00"), Decimal("8900.00")),
        "阳光信访、领导视频接访网络服务租赁费": (Decimal("16200.00"), Decimal("16200.00")),
    }
    project = Project.objects.get(code="511132-2023-01")
    assert project.competent_department == "峨边彝族自治县信访局"
    assert project.implementing_unit == "峨边彝族自治县信访局"


def test_ebian_2023_is_open_for_filing_today_and_other_years_are_closed():
    demo_load(today=TODAY)

    ebian = FiscalYear.objects.get(bureau__region_code="511132")
    assert ebian.year == 2023
    assert ebian.is_filing_open(TODAY)
    lishui = FiscalYear.objects.get(bureau__region_code="331100")
    assert lishui.status == FiscalYear.Status.CLOSED
    assert (lishui.filing_opens, lishui.filing_closes) == (date(2020, 1, 15), date(2020, 3, 31))


def test_yuxi_2021_has_two_projects_in_yuan_as_printed():
    demo_load(today=TODAY)

    assert _projects("玉溪市信访局", 2021) == {
        "信访事项专项救助资金经费": (Decimal("200000.00"), Decimal("200000.00")),
        "“互联网+政务服务热线”项目经费": (Decimal("800000.00"), Decimal("800000.00")),
    }


def test_rugao_2020_has_the_seven_projects_of_seed_004():
    demo_load(today=TODAY)

    projects = _projects("如皋市信访局", 2020)
    assert len(projects) == 7
    assert projects["领导接访费用"] == (Decimal("50000.00"), Decimal("50000.00"))
    assert projects["处理越访、突发事件及办信"] == (Decimal("29700.00"), Decimal("29700.00"))
    assert projects["信访救助专项资金"] == (Decimal("1000000.00"), Decimal("1000000.00"))


def test_lishui_and_yunxi_projects_and_departments_come_from_their_seeds():
    demo_load(today=TODAY)

    assert _projects("丽水市信访局", 2019)["12345中心经费"][1] == Decimal("3670000.00")
    yunxi = Department.objects.get(name="岳阳市云溪区信访局")
    assert yunxi.budget_code == "127"
    assert (yunxi.contact_person, yunxi.contact_phone) == ("刘奇", "8415041")
    assert yunxi.authorized_headcount == 9
    assert len(_projects("岳阳市云溪区信访局", 2022)) == 6


def test_subordinate_units_hang_under_their_department():
    demo_load(today=TODAY)

    unit = Department.objects.get(name="峨边彝族自治县群众工作中心")
    assert unit.parent is not None
    assert unit.parent.name == "峨边彝族自治县信访局"
    assert unit.nature == Department.Nature.PUBLIC_INSTITUTION
    assert unit.authorized_headcount == 8
    assert Department.objects.get(
        name="岳阳市云溪区人民接待来访中心"
    ).parent == Department.objects.get(name="岳阳市云溪区信访局")


@pytest.mark.parametrize("prefix", ["ebian", "yuxi", "rugao", "lishui", "yunxi"])
def test_each_bureau_has_a_filer_head_reviewer_and_admin(prefix):
    demo_load(today=TODAY)

    filer = User.objects.get(username=f"{prefix}_filer")
    head = User.objects.get(username=f"{prefix}_head")
    reviewer = User.objects.get(username=f"{prefix}_reviewer")
    admin = User.objects.get(username=f"{prefix}_admin")
    department = filer.department_memberships.get().department
    assert department.name.endswith("信访局")
    assert filer.department_memberships.get().role == DepartmentMembership.Role.FILER
    assert head.department_memberships.get().department == department
    assert head.department_memberships.get().role == DepartmentMembership.Role.HEAD
    assert reviewer.bureau_memberships.get().bureau == department.bureau
    assert reviewer.bureau_memberships.get().role == BureauMembership.Role.REVIEWER
    assert admin.bureau_memberships.get().role == BureauMembership.Role.ADMIN
    assert admin.is_staff
    assert not (filer.is_staff or head.is_staff or reviewer.is_staff)


def test_second_ebian_filer_files_only_for_the_other_department():
    demo_load(today=TODAY)

    filer2 = User.objects.get(username="ebian_filer2")
    memberships = list(filer2.department_memberships.all())
    assert [(m.department.name, m.role) for m in memberships] == [
        ("峨边彝族自治县司法局", DepartmentMembership.Role.FILER)
    ]
    assert memberships[0].department.bureau.region_code == "511132"


def test_superuser_admin_is_staff():
    demo_load(today=TODAY)

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_demo_filer_can_log_in_with_the_demo_password(client):
    demo_load(today=TODAY)

    assert client.login(username="ebian_filer", password="jixiao-demo")


def test_reloading_makes_a_changed_password_work_again(client):
    demo_load(today=TODAY)
    user = User.objects.get(username="ebian_filer")
    user.set_password("something-else")
    user.save()

    result = demo_load(today=TODAY)

    assert result.updated[User] == 1
    assert client.login(username="ebian_filer", password=DEMO_PASSWORD)


def test_reloading_restores_an_edited_budget_and_counts_it():
    demo_load(today=TODAY)
    Project.objects.filter(code="511132-2023-01").update(adjusted_budget=Decimal("1.00"))

    result = demo_load(today=TODAY)

    assert result.updated[Project] == 1
    assert Project.objects.get(code="511132-2023-01").adjusted_budget == Decimal("320000.00")


def test_reloading_on_a_later_day_moves_only_the_open_window():
    demo_load(today=TODAY)

    result = demo_load(today=date(2024, 6, 2))

    assert result.updated[FiscalYear] == 1
    assert sum(result.updated.values()) == 1


def test_command_prints_the_accounts_and_the_password():
    out = StringIO()

    call_command("load_demo", stdout=out)

    output = out.getvalue()
    assert DEMO_PASSWORD in output
    for username in ("admin", "ebian_filer", "ebian_filer2", "yuxi_reviewer", "rugao_admin"):
        assert username in output
    assert "峨边彝族自治县信访局" in output

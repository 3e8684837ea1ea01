"""Factories for the test suite's data, with Chinese fake values."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.budgets.models import FiscalYear, Project
from apps.organizations.models import Department, FinanceBureau

factory.Faker._DEFAULT_LOCALE = "zh_CN"

PASSWORD = "test-password-123"


class FinanceBureauFactory(DjangoModelFactory):
    class Meta:
        model = FinanceBureau

    name = factory.Sequence(lambda n: f"测试{n}县财政局")
    region_code = factory.Sequence(lambda n: f"{510000 + n:06d}")
    level = FinanceBureau.Level.COUNTY


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    bureau = factory.SubFactory(FinanceBureauFactory)
    name = factory.Sequence(lambda n: f"测试部门{n}")
    budget_code = factory.Sequence(lambda n: f"{100000 + n}")
    contact_person = factory.Faker("name")
    contact_phone = factory.Faker("phone_number")
    authorized_headcount = 8


class FiscalYearFactory(DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ("bureau", "year")

    bureau = factory.SubFactory(FinanceBureauFactory)
    year = 2023
    status = FiscalYear.Status.OPEN
    filing_opens = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    filing_closes = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=20)
    )


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    department = factory.SubFactory(DepartmentFactory)
    fiscal_year = factory.LazyAttribute(lambda o: FiscalYearFactory(bureau=o.department.bureau))
    name = factory.Sequence(lambda n: f"测试项目{n}")
    code = factory.Sequence(lambda n: f"P{n:04d}")
    competent_department = factory.LazyAttribute(lambda o: o.department.name)
    implementing_unit = factory.LazyAttribute(lambda o: o.department.name)
    initial_budget = Decimal("320000.00")
    adjusted_budget = Decimal("320000.00")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def filer_of(department: Department, **kwargs) -> User:
    """A user who files for the department."""
    user = UserFactory(**kwargs)
    DepartmentMembership.objects.create(
        user=user, department=department, role=DepartmentMembership.Role.FILER
    )
    return user


def head_of(department: Department, **kwargs) -> User:
    """A user who heads the department."""
    user = UserFactory(**kwargs)
    DepartmentMembership.objects.create(
        user=user, department=department, role=DepartmentMembership.Role.HEAD
    )
    return user


def reviewer_of(bureau: FinanceBureau, **kwargs) -> User:
    """A user who reviews for the bureau."""
    user = UserFactory(**kwargs)
    BureauMembership.objects.create(user=user, bureau=bureau, role=BureauMembership.Role.REVIEWER)
    return user


def admin_of(bureau: FinanceBureau, **kwargs) -> User:
    """A user who administers the bureau (and so may use the admin site)."""
    user = UserFactory(is_staff=True, **kwargs)
    BureauMembership.objects.create(user=user, bureau=bureau, role=BureauMembership.Role.ADMIN)
    return user

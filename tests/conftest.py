"""Shared fixtures: two bureaus, each with departments, a year, projects and people."""

from dataclasses import dataclass

import hypothesis
import pytest

from apps.accounts.models import User
from apps.budgets.models import FiscalYear, Project
from apps.organizations.models import Department, FinanceBureau
from tests import factories

# Hypothesis checks properties, not speed: a slow example on a busy CI machine is no failure.
hypothesis.settings.register_profile("jixiao", deadline=None)
hypothesis.settings.load_profile("jixiao")

# Fixtures shared across the suite: a stand-in department kind (tests/stand_in_kinds.py).
pytest_plugins = ["tests.stand_in_kinds"]


@dataclass
class World:
    """Two bureaus; bureau A has departments A1 and A2, bureau B has B1."""

    bureau_a: FinanceBureau
    bureau_b: FinanceBureau
    dept_a1: Department
    dept_a2: Department
    dept_b1: Department
    year_a: FiscalYear
    year_b: FiscalYear
    project_a1: Project
    project_a2: Project
    project_b1: Project
    filer_a1: User
    head_a1: User
    filer_a2: User
    filer_b1: User
    reviewer_a: User
    reviewer_b: User
    admin_a: User
    admin_b: User


@pytest.fixture
def world(db) -> World:
    bureau_a = factories.FinanceBureauFactory(name="甲县财政局")
    bureau_b = factories.FinanceBureauFactory(name="乙县财政局")
    dept_a1 = factories.DepartmentFactory(bureau=bureau_a, name="甲县信访局")
    dept_a2 = factories.DepartmentFactory(bureau=bureau_a, name="甲县司法局")
    dept_b1 = factories.DepartmentFactory(bureau=bureau_b, name="乙县信访局")
    year_a = factories.FiscalYearFactory(bureau=bureau_a, year=2023)
    year_b = factories.FiscalYearFactory(bureau=bureau_b, year=2023)
    return World(
        bureau_a=bureau_a,
        bureau_b=bureau_b,
        dept_a1=dept_a1,
        dept_a2=dept_a2,
        dept_b1=dept_b1,
        year_a=year_a,
        year_b=year_b,
        project_a1=factories.ProjectFactory(department=dept_a1, fiscal_year=year_a),
        project_a2=factories.ProjectFactory(department=dept_a2, fiscal_year=year_a),
        project_b1=factories.ProjectFactory(department=dept_b1, fiscal_year=year_b),
        filer_a1=factories.filer_of(dept_a1),
        head_a1=factories.head_of(dept_a1),
        filer_a2=factories.filer_of(dept_a2),
        filer_b1=factories.filer_of(dept_b1),
        reviewer_a=factories.reviewer_of(bureau_a),
        reviewer_b=factories.reviewer_of(bureau_b),
        admin_a=factories.admin_of(bureau_a),
        admin_b=factories.admin_of(bureau_b),
    )


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded evidence goes to a fresh folder per test, never into var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test counted is not another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

"""Filings in a chosen state with chosen scores, made directly: the dashboard only reads them."""

from decimal import Decimal

from apps.accounts.models import User
from apps.budgets.models import Project
from apps.filings.models import Filing, FilingRevision
from apps.organizations.models import Department
from apps.reviews.models import Review
from tests import factories


def filing_of(
    project: Project,
    status: str = Filing.Status.DRAFT,
    *,
    total: str | None = None,
    rate: str | None = None,
    grade: str = "",
) -> Filing:
    """A project filing with its scores as the last save left them."""
    return Filing.objects.create(
        kind="project",
        department=project.department,
        fiscal_year=project.fiscal_year,
        project=project,
        status=status,
        total_score=Decimal(total) if total is not None else None,
        execution_rate=Decimal(rate) if rate is not None else None,
        grade=grade,
    )


def department_filing_of(department: Department, year, status: str = Filing.Status.DRAFT):
    """The department's own (整体) self-evaluation."""
    return Filing.objects.create(
        kind="department", department=department, fiscal_year=year, status=status
    )


def review_of(
    filing: Filing,
    reviewer: User,
    *,
    total: str | None,
    number: int = 1,
    decision: str = Review.Decision.PENDING,
) -> Review:
    """A review of the filing's revision `number` (created if needed) with the given total."""
    revision, _created = FilingRevision.objects.get_or_create(
        filing=filing,
        number=number,
        defaults={"cells": {}, "total_score": filing.total_score, "grade": filing.grade},
    )
    return Review.objects.create(
        revision=revision,
        filing=filing,
        reviewer=reviewer,
        decision=decision,
        total_score=Decimal(total) if total is not None else None,
    )


STATUS_CYCLE = [
    Filing.Status.DRAFT,
    Filing.Status.SUBMITTED,
    Filing.Status.IN_REVIEW,
    Filing.Status.RETURNED,
    Filing.Status.APPROVED,
    Filing.Status.PUBLISHED,
    Filing.Status.HEAD_REVIEW,
]


def populate(world, count: int, *, start: int = 0) -> None:
    """`count` more filings in bureau A, over new departments too, most of them reviewed."""
    for n in range(start, start + count):
        department = (
            world.dept_a1
            if n % 3 == 0
            else factories.DepartmentFactory(bureau=world.bureau_a, name=f"甲县第{n}局")
        )
        project = factories.ProjectFactory(department=department, fiscal_year=world.year_a)
        status = STATUS_CYCLE[n % len(STATUS_CYCLE)]
        filing = filing_of(project, status, total=f"{60 + n % 40}.50", rate="0.8500", grade="中")
        if status != Filing.Status.DRAFT:
            review_of(filing, world.reviewer_a, total=f"{55 + n % 40}.00")
        # And a project nobody has started, so unfiled projects grow too.
        factories.ProjectFactory(department=department, fiscal_year=world.year_a)

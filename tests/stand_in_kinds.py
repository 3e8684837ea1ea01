"""A department-level kind for tests of lists, until the department self-evaluation exists."""

import pytest

from apps.filings import kinds

DEPARTMENT = "department"


class DepartmentStandIn(kinds.FilingKind):
    """Filed once by the department itself, as the department self-evaluation will be."""

    key = DEPARTMENT
    label = "部门整体自评"

    def display_name(self, filing) -> str:
        return str(self.label)


@pytest.fixture
def department_kind():
    kinds.register(DepartmentStandIn())
    yield DEPARTMENT
    kinds.unregister(DEPARTMENT)

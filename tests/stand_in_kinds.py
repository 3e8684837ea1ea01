"""The department kind for tests of lists: the registered one (apps.department_evaluations)."""

import pytest

from apps.filings import kinds

DEPARTMENT = "department"


@pytest.fixture
def department_kind():
    """The key of the department self-evaluation's kind, registered by its app."""
    kinds.kind_of(DEPARTMENT)  # fails loudly if the app no longer registers it
    return DEPARTMENT

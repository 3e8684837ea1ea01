import pytest


@pytest.fixture(autouse=True)
def _department_kind(department_kind):
    """The dashboard lists department filings: their kind is registered for every test."""
    return department_kind

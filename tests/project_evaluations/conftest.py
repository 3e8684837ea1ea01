"""Fixtures of the project self-evaluation tests."""

import pytest
from django.urls import reverse

from apps.filings.models import Filing


@pytest.fixture
def started(client, world) -> Filing:
    """Project A1's evaluation started blank, with the filer logged in."""
    client.force_login(world.filer_a1)
    url = reverse("project_evaluations:project_evaluation_start", args=[world.project_a1.pk])
    response = client.post(url, {"start": "blank"})
    assert response.status_code == 302
    return Filing.objects.get(project=world.project_a1)

"""The builders handed to tests/test_scoped_posts.py do change something for A2's filer."""

from types import SimpleNamespace

import pytest

from apps.department_evaluations.models import FinanceRow
from apps.final_accounts.models import Disclosure

from . import scoped


@pytest.mark.parametrize("who", ["filer_a2", "head_a1", "reviewer_a"])
def test_upload_body_stores_for_the_filer_only(client, world, who):
    scene = SimpleNamespace(world=world)
    body = scoped.upload_body(scene, client)
    client.force_login(getattr(world, who))
    response = client.post(scoped.upload_url(scene), body)
    assert Disclosure.objects.exists() == (who == "filer_a2")
    assert response.status_code == (302 if who == "filer_a2" else 403)


@pytest.mark.parametrize("who", ["filer_a2", "reviewer_a", "admin_a"])
def test_confirm_body_fills_the_row_for_the_filer_only(client, world, who):
    scene = SimpleNamespace(world=world)
    body = scoped.confirm_body(scene, client)
    client.force_login(getattr(world, who))
    response = client.post(scoped.confirm_url(scene), body)
    filled = FinanceRow.objects.filter(unit=world.dept_a2, income_total__isnull=False).exists()
    assert filled == (who == "filer_a2")
    assert response.status_code == (302 if who == "filer_a2" else 403)

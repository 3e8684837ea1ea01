"""In a browser: the vendored Chart.js draws the three charts, with nothing from the network."""

import pytest

from apps.filings.models import Filing
from tests import factories
from tests.dashboard.builders import filing_of, review_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_charts_are_drawn_from_local_files(live_server, page, world):
    filing = filing_of(world.project_a1, Filing.Status.IN_REVIEW, total="90.00", rate="0.8000")
    review_of(filing, world.reviewer_a, total="82.50")
    filing_of(world.project_a2, Filing.Status.APPROVED, total="75.00", rate="0.9500")
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(world.reviewer_a.username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")
    page.goto(f"{live_server.url}/dashboard/")

    assert page.evaluate("typeof window.Chart") == "function"
    for canvas in ("jx-chart-states", "jx-chart-histogram", "jx-chart-scatter"):
        assert page.evaluate(f"!!Chart.getChart('{canvas}')"), canvas
    assert page.evaluate("Chart.getChart('jx-chart-scatter').data.datasets[1].data.length") == 1
    assert not errors
    assert all(url.startswith(live_server.url) for url in requested)

"""In a browser: the Chinese login page, assets only from the server, the demo filer's home."""

from urllib.parse import urlparse

import pytest

from apps.budgets.demo import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_demo_filer_logs_in_and_sees_2023_and_three_projects(live_server, page):
    demo_load()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", name="登录预算绩效自评系统").is_visible()
    assert page.get_by_label("用户名").is_visible()
    # Bootstrap's stylesheet loaded and applied: the button is styled, not browser default.
    assert page.locator("button.btn-danger").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    ) not in ("", "rgba(0, 0, 0, 0)", "rgb(239, 239, 239)")

    page.get_by_label("用户名").fill("ebian_filer")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")

    section = page.locator("section[data-department]").filter(has_text="峨边彝族自治县信访局")
    assert section.count() == 1
    assert page.locator("#jx-year option:checked").inner_text().startswith("2023")
    rows = section.locator("tbody tr")
    assert rows.count() == 3
    names = " ".join(rows.all_inner_texts())
    for name in ("信访稳定经费", "心连心热线", "阳光信访"):
        assert name in names

    server = urlparse(live_server.url).netloc
    foreign = [url for url in requested if urlparse(url).netloc != server]
    assert foreign == [], f"assets loaded from elsewhere: {foreign}"
    assert any(url.endswith("bootstrap.min.css") for url in requested)
    assert any(url.endswith("htmx.min.js") for url in requested)

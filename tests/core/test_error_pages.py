"""Errors answer with Chinese pages in the site's look, never a traceback or English default."""

import pytest
from django.test import override_settings
from django.urls import reverse


def assert_chinese_page(response, status: int, *phrases: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    assert "/static/css/app.css" in page  # the site's own look
    for phrase in phrases:
        assert phrase in page, phrase
    assert "Traceback" not in page and "Not Found" not in page and "Forbidden" not in page
    return page


def test_404_page_is_chinese_in_the_layout(client, world):
    client.force_login(world.filer_a1)

    response = client.get("/no-such-page/")

    assert_chinese_page(response, 404, "页面不存在", "返回首页")


def test_404_page_for_visitors_not_logged_in(client):
    assert_chinese_page(client.get("/no-such-page/"), 404, "页面不存在")


def test_403_page_is_chinese_and_says_why(client, world):
    client.force_login(world.filer_a2)
    url = reverse("budgets:project_detail", kwargs={"project_pk": world.project_a1.pk})

    response = client.get(url)

    assert_chinese_page(response, 403, "无权访问")


def test_400_page_is_chinese(client):
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="evil.example.org")

    assert_chinese_page(response, 400, "请求有误")


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_500_page_is_chinese_without_the_error(client, world):
    client.force_login(world.filer_a1)
    client.raise_request_exception = False

    response = client.get("/test-only/fail/")

    page = assert_chinese_page(response, 500, "服务器出错")
    assert "secret internal detail" not in page
    assert "RuntimeError" not in page


@pytest.mark.parametrize("name", ["400.html", "403.html", "404.html", "500.html"])
def test_error_templates_exist(name):
    from django.template.loader import get_template

    assert get_template(name)


def test_csrf_failure_page_is_chinese(world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})

    assert_chinese_page(response, 403, "无权访问", "安全令牌")

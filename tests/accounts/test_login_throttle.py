"""Repeated wrong passwords lock the login for a while; a bureau administrator unlocks their own."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

LIMIT = 3
ADDRESS_LIMIT = 6


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = ADDRESS_LIMIT


def login(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_account_even_for_the_right_password(client, world):
    for _ in range(LIMIT):
        login(client, world.filer_a1.username, "wrong-password")

    response = login(client, world.filer_a1.username, PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    page = response.content.decode()
    assert "登录失败次数过多" in page
    assert "15 分钟" in page  # the cool-off, from the settings
    assert "管理员" in page
    assert 'href="/static/css/app.css"' in page  # in the site's layout


def test_a_locked_account_is_locked_from_another_address(client, world):
    for _ in range(LIMIT):
        login(client, world.filer_a1.username, "wrong-password", address="10.0.0.1")

    response = login(client, world.filer_a1.username, PASSWORD, address="10.9.9.9")

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_one_address_trying_many_accounts_is_locked(client, world):
    people = [world.filer_a1, world.filer_a2, world.filer_b1, world.head_a1, world.reviewer_a]
    attempts = 0
    while attempts < ADDRESS_LIMIT:
        login(client, people[attempts % len(people)].username, "wrong-password", "10.6.6.6")
        attempts += 1

    response = login(client, world.reviewer_b.username, PASSWORD, address="10.6.6.6")

    assert response.status_code == 429
    assert not is_logged_in(client)
    # The same people log in from their own desks.
    assert login(client, world.reviewer_b.username, PASSWORD, "10.0.0.2").status_code == 302


def test_fewer_failures_than_the_limit_still_log_in(client, world):
    for _ in range(LIMIT - 1):
        login(client, world.filer_a1.username, "wrong-password")

    response = login(client, world.filer_a1.username, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def _lock(client, username: str) -> None:
    for _ in range(LIMIT):
        login(client, username, "wrong-password", address="10.1.1.1")
    assert AccessAttempt.objects.filter(username=username).exists()


def test_bureau_administrator_unlocks_their_own_user(client, world):
    _lock(client, world.filer_a1.username)
    admin_client = type(client)()
    admin_client.force_login(world.admin_a)

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [world.filer_a1.pk]},
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=world.filer_a1.username).exists()
    assert login(client, world.filer_a1.username, PASSWORD).status_code == 302


def test_bureau_administrator_sees_and_clears_only_their_users_attempts(client, world):
    _lock(client, world.filer_a1.username)
    _lock(client, world.filer_b1.username)
    admin_client = type(client)()
    admin_client.force_login(world.admin_a)

    page = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert world.filer_a1.username in page
    assert world.filer_b1.username not in page
    assert "登录失败记录" in page  # axes' labels, in Chinese

    other = AccessAttempt.objects.get(username=world.filer_b1.username)
    url = reverse("admin:axes_accessattempt_delete", args=[other.pk])
    assert admin_client.get(url).status_code in (302, 403, 404)
    admin_client.post(url, {"post": "yes"})
    assert AccessAttempt.objects.filter(pk=other.pk).exists()


def test_administrator_of_another_bureau_cannot_unlock(client, world):
    _lock(client, world.filer_a1.username)
    admin_client = type(client)()
    admin_client.force_login(world.admin_b)

    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [world.filer_a1.pk]},
    )

    assert AccessAttempt.objects.filter(username=world.filer_a1.username).exists()
    assert login(client, world.filer_a1.username, PASSWORD).status_code == 429


def test_unlock_service_refuses_a_user_outside_the_bureau(world):
    from apps.accounts.lockouts import can_unlock_login

    allowed, reason = can_unlock_login(world.admin_b, world.filer_a1)
    assert not allowed and reason
    allowed, _reason = can_unlock_login(world.admin_a, world.filer_a1)
    assert allowed
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    assert not can_unlock_login(world.admin_a, superuser)[0]


def test_behind_a_proxy_each_client_address_counts_on_its_own(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [world.filer_a1, world.filer_a2, world.filer_b1, world.head_a1, world.reviewer_a]

    def through_proxy(username, password, client_address):
        return client.post(
            reverse("accounts:login"),
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.254",  # the proxy, the same for everyone
            # The proxy appended the address it saw; the left one the client wrote itself.
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {client_address}",
        )

    for attempt in range(ADDRESS_LIMIT):
        through_proxy(people[attempt % len(people)].username, "wrong", "192.168.1.66")

    locked = through_proxy(world.reviewer_b.username, PASSWORD, "192.168.1.66")
    assert locked.status_code == 429
    # Another desk behind the same proxy is not locked out with it.
    assert through_proxy(world.reviewer_b.username, PASSWORD, "192.168.1.7").status_code == 302

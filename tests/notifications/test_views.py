"""The notification list, opening one, marking all read, and the header's bell."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.notifications.models import Notification
from tests.filing_urls import project_filing_url

TABLE = Notification._meta.db_table


def notify(user, n: int = 1, **fields) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user,
            kind=fields.get("kind", Notification.Kind.OTHER),
            title=fields.get("title", f"通知{i}"),
            body="正文",
            link=fields.get("link", "/home/"),
        )
        for i in range(n)
    ]


def _notification_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if TABLE in q["sql"]]


def test_the_list_shows_my_notifications_newest_first_with_unread_marked(client, world):
    old, new = notify(world.filer_a1, 2)
    old.title, new.title = "旧的通知", "新的通知"
    old.save()
    new.save()
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    notify(world.filer_a2, title="别人的通知")
    client.force_login(world.filer_a1)

    page = client.get(reverse("notifications:list")).content.decode()

    assert page.index("新的通知") < page.index("旧的通知")
    assert "别人的通知" not in page
    assert page.count("jx-unread") == 1
    assert "未读" in page and "全部标为已读" in page


def test_the_list_is_paginated_by_30(client, world):
    notify(world.filer_a1, 31)
    client.force_login(world.filer_a1)

    first = client.get(reverse("notifications:list"))
    second = client.get(reverse("notifications:list"), {"page": 2})

    assert len(first.context["page"].object_list) == 30
    assert len(second.context["page"].object_list) == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_makes_as_many_queries_for_30_notifications_as_for_3(
    client, world, count, django_assert_num_queries
):
    client.force_login(world.filer_a1)
    notify(world.filer_a1, 1)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("notifications:list"))
    notify(world.filer_a1, count - 1)

    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["page"].object_list) == count


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, world):
    (notification,) = notify(world.filer_a1, link=f"/projects/{world.project_a1.pk}/evaluation/")
    client.force_login(world.filer_a1)

    response = client.post(reverse("notifications:open"), {"notification": notification.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/projects/{world.project_a1.pk}/evaluation/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("other", ["filer_a2", "head_a1", "reviewer_a", "admin_a"])
def test_someone_else_cannot_open_my_notification(client, world, other):
    (notification,) = notify(world.filer_a1)
    client.force_login(getattr(world, other))

    response = client.post(reverse("notifications:open"), {"notification": notification.pk})

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("value", ["", "abc", "-1", "999999"])
def test_opening_an_unknown_notification_is_not_found(client, world, value):
    client.force_login(world.filer_a1)
    response = client.post(reverse("notifications:open"), {"notification": value})
    assert response.status_code == 404


def test_opening_takes_only_post(client, world):
    client.force_login(world.filer_a1)
    assert client.get(reverse("notifications:open")).status_code == 405


def test_mark_all_read_marks_only_mine(client, world):
    notify(world.filer_a1, 3)
    (others,) = notify(world.filer_a2)
    client.force_login(world.filer_a1)

    response = client.post(reverse("notifications:read_all"))

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:list")
    assert not Notification.objects.filter(recipient=world.filer_a1, read_at__isnull=True)
    others.refresh_from_db()
    assert others.read_at is None


@pytest.mark.parametrize("name", ["list", "open", "read_all"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.post(reverse(f"notifications:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_bell_shows_my_unread_count_with_one_query(client, world):
    notify(world.filer_a1, 2)
    Notification.objects.filter(pk=notify(world.filer_a1)[0].pk).update(
        read_at="2024-01-01T00:00:00Z"
    )
    notify(world.filer_a2, 5)
    client.force_login(world.filer_a1)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()

    assert len(_notification_queries(queries.captured_queries)) == 1
    assert 'class="position-absolute top-0 start-100 translate-middle badge rounded-pill ' in page
    assert 'jx-bell-count">2</span>' in page
    assert "通知，2 条未读" in page


def test_the_bell_shows_no_badge_when_all_is_read(client, world):
    client.force_login(world.filer_a1)
    page = client.get(reverse("home")).content.decode()
    assert "jx-bell" in page and "jx-bell-count" not in page


def test_the_bell_caps_the_count_at_99(client, world):
    Notification.objects.bulk_create(
        Notification(recipient=world.filer_a1, kind="other", title="通知") for _ in range(100)
    )
    client.force_login(world.filer_a1)
    assert 'jx-bell-count">99+</span>' in client.get(reverse("home")).content.decode()


def test_anonymous_pages_make_no_notification_query(client, world):
    with CaptureQueriesContext(connection) as queries:
        login_page = client.get(reverse("accounts:login"))
        client.get(reverse("notifications:list"))

    assert login_page.status_code == 200
    assert _notification_queries(queries.captured_queries) == []
    assert "jx-bell" not in login_page.content.decode()


def test_a_page_without_the_bell_makes_no_notification_query(client, world, filing):
    client.force_login(world.filer_a1)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            project_filing_url("project_evaluations:compute", world.project_a1.pk)
        )
    assert response.status_code < 500
    assert _notification_queries(queries.captured_queries) == []

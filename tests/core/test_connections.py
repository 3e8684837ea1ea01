"""Database connections: SQLite waits for its lock, PostgreSQL checks a kept connection."""

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

from tests import factories


def test_sqlite_waits_for_the_write_lock_taken_when_a_transaction_starts():
    from config.settings.base import database_from_url

    database = database_from_url("sqlite:////tmp/jixiao.sqlite3")

    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 10
    assert "PRAGMA journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_a_kept_connection_is_checked_before_a_request_uses_it():
    from config.settings.base import database_from_url

    for url in ("postgres://postgres@127.0.0.1:5432/jixiao", "sqlite:////tmp/jixiao.sqlite3"):
        database = database_from_url(url)

        assert database["CONN_MAX_AGE"] > 0, url
        assert database["CONN_HEALTH_CHECKS"] is True, url


def _get(path: str, cookie: str) -> int:
    """One request through the WSGI handler, as the server makes it (with its signals)."""
    environ = RequestFactory()._base_environ(PATH_INFO=path, HTTP_COOKIE=cookie)
    statuses: list[str] = []
    response = WSGIHandler()(environ, lambda status, headers, *_: statuses.append(status))
    b"".join(response)
    response.close()  # the server closes it: request_finished
    return int(statuses[0].split()[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_database_dropped_the_kept_connection_succeeds(world, client):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    user = factories.filer_of(world.dept_a1)
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    assert _get("/home/", cookie) == 200
    kept = connection.connection
    assert kept is not None, "the first request's connection is kept for the next"
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [kept.info.backend_pid])

    assert _get("/home/", cookie) == 200

"""PostgreSQL drops a connection (restart, failover, idle timeout): the next request
reconnects instead of failing, because persistent connections are health-checked."""

import json

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def serve(path: str) -> tuple[str, dict]:
    """One request through the real WSGI handler, which signals request start and end
    (Django's test client skips the connection housekeeping those signals do)."""
    environ = RequestFactory().get(path, HTTP_HOST="127.0.0.1").environ
    answer: dict[str, str] = {}

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        answer["status"] = status

    response = WSGIHandler()(environ, start_response)
    body = b"".join(response)
    response.close()
    return answer["status"], json.loads(body)


def drop_server_side(backend_pid: int) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


def test_a_request_after_postgresql_dropped_the_connection_still_answers():
    if connection.vendor != "postgresql":
        pytest.skip("persistent, health-checked connections are a PostgreSQL setting")
    assert connection.settings_dict["CONN_MAX_AGE"] > 0

    status, body = serve("/healthz")
    assert (status, body["database"]) == ("200 OK", "ok")
    assert connection.connection is not None, "the connection is kept between requests"
    drop_server_side(connection.connection.info.backend_pid)

    status, body = serve("/healthz")

    assert (status, body["database"]) == ("200 OK", "ok")

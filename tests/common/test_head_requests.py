"""HEAD answers carry the headers of GET and no body, for pages, the API and /healthz.

Django's test client drops HEAD bodies itself (``conditional_content_removal``), like
runserver, which is how the fault stayed hidden: these tests call the WSGI application
the way gunicorn does, and one test asks a real gunicorn over a keep-alive connection.
"""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from rest_framework.authtoken.models import Token

from tests.factories import EpisodeFactory, WorkoutFactory
from tests.live_gunicorn import live_gunicorn  # noqa: F401

pytestmark = pytest.mark.django_db


def wsgi(method: str, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    """(status, headers, body bytes) as a WSGI server receives them from the app."""
    environ = RequestFactory().generic(method, path, **headers).environ
    answer: dict = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    # The test's database connection must survive the request (as in Django's test client).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


@pytest.fixture
def token(user) -> str:
    WorkoutFactory(user=user)
    EpisodeFactory(user=user)
    return Token.objects.get_or_create(user=user)[0].key


@pytest.mark.parametrize(
    "path",
    ["/login/", "/api/v1/workouts/", "/api/v1/episodes/", "/healthz", "/no-such-page/"],
    ids=["page", "api-list", "api-list-episodes", "healthz", "404-page"],
)
def test_head_answers_the_headers_of_get_without_a_body(token, path):
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    get_status, get_headers, get_body = wsgi("GET", path, **auth)
    head_status, head_headers, head_body = wsgi("HEAD", path, **auth)

    assert get_body  # GET keeps its body
    assert head_body == b""
    assert head_status == get_status
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert head_headers["Content-Length"] == str(len(get_body))


def test_head_on_a_streamed_export_sends_no_body_and_builds_nothing(token):
    status, headers, body = wsgi(
        "HEAD", "/api/v1/export/?format=csv", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert status.startswith("200")
    assert headers["Content-Type"] == "application/zip"
    assert body == b""


def test_a_keep_alive_client_reads_the_next_answer_right_after_a_head(live_gunicorn):  # noqa: F811
    # Two requests on one connection, as a keep-alive client sends them.
    first, second = live_gunicorn.keep_alive(
        b"HEAD /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    head, _, stray = first.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"connection: keep-alive" in head.lower()
    assert b"content-length:" in head.lower()
    assert stray == b"", stray[:200]  # no HTML after the HEAD's headers
    # The next answer on the connection is read as such, not as the rest of a page.
    assert second.startswith(b"HTTP/1.1 200"), second[:200]

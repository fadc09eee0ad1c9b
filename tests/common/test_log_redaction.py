"""Capability URLs (share links, one-click email links, password reset links, export file
paths) never reach a log line in clear: Django's logs, runserver's, gunicorn's."""

import io
import logging
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from common.redaction import REDACTED, RedactCapabilityUrls, redact
from notifications.links import no_symptoms_token, unsubscribe_token
from reports.services import share_link_create
from tests.live_gunicorn import live_gunicorn  # noqa: F401

# Fixed, so that test ids are the same in every xdist worker; real tokens are made inside.
SHARE_TOKEN = "PY0y-QuLZKaLdfTF1I-PM5pDV14ea5DtL2_NZi7q-As"
SIGNED = "eyJ1Ijo3fQ:1xZ1Wr:vdWj_4SpbfuZDak-HR_c99ulkHjLwkw8YlphP4cPU7Y"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f'"GET /share/{SHARE_TOKEN}/ HTTP/1.1" 200', SHARE_TOKEN),
        (f"Not Found: /share/{SHARE_TOKEN}/pdf/", SHARE_TOKEN),
        (f"GET /email/unsubscribe/digest/{SIGNED}/", SIGNED),
        ("POST /email/unsubscribe/alert/eyJ1Ijo3fQ:1tG8:abc-DEF_123/ 200", "eyJ1Ijo3fQ:1tG8"),
        ("GET /email/no-symptoms/eyJ1Ijo3LCJ3Ijo5fQ:1tG8:sig/ 302", "eyJ1Ijo3LCJ3Ijo5fQ"),
        ("GET /password-reset/Mw/cb5sv3-0a1b2c3d4e5f/ 302", "cb5sv3-0a1b2c3d4e5f"),
        ("saved var/media/exports/Zq3xY_7-abcdEFGH12345678ijklmnop/leglog.zip", "Zq3xY_7"),
        ("GET /anything/?token=s3cr3t-value&page=2", "s3cr3t-value"),
    ],
)
def test_the_secret_part_of_a_capability_url_is_redacted(line, secret):
    redacted = redact(line)
    assert secret not in redacted
    assert REDACTED in redacted


@pytest.mark.parametrize(
    "line",
    [
        '"GET /password-reset/sent/ HTTP/1.1" 200',
        '"GET /password-reset/done/ HTTP/1.1" 200',
        '"GET /reports/jobs/0b0e8e57-2f1f-4bd4-9b53-b5a4c6a6a1de/file/ HTTP/1.1" 200',
        '"GET /api/v1/episodes/?page=2&from=2026-01-01 HTTP/1.1" 200',
    ],
)
def test_other_urls_are_logged_as_they_are(line):
    assert redact(line) == line


def test_every_handler_of_the_logging_settings_redacts():
    assert settings.LOGGING["filters"]["redact"]["()"] == "common.redaction.RedactCapabilityUrls"
    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact" in handler.get("filters", []), name


def test_no_unredacted_handler_is_left_on_djangos_loggers():
    """Django's default handlers (runserver's among them) are replaced, not kept beside."""
    for name in ("django", "django.request", "django.server", "django.security", ""):
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if type(handler).__module__.startswith("_pytest"):
                continue
            assert any(isinstance(f, RedactCapabilityUrls) for f in handler.filters), (
                name,
                handler,
            )


def _handler(logger_name: str) -> logging.StreamHandler:
    logger = logging.getLogger(logger_name)
    return next(
        h
        for h in logger.handlers
        if any(isinstance(f, RedactCapabilityUrls) for f in h.filters)
        and isinstance(h, logging.StreamHandler)
    )


@pytest.fixture
def console():
    """What the root console handler writes (django.request propagates to it)."""
    handler = _handler("")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


CAPABILITY_PATHS = {
    "share": lambda: (SHARE_TOKEN, f"/share/{SHARE_TOKEN}/"),
    "share-pdf": lambda: (SHARE_TOKEN, f"/share/{SHARE_TOKEN}/pdf/"),
    "no-symptoms": lambda: (
        token := no_symptoms_token(user_id=999, workout_id=999),
        f"/email/no-symptoms/{token}/",
    ),
    "unsubscribe": lambda: (
        token := unsubscribe_token(user_id=999, kind="nonsense"),
        f"/email/unsubscribe/digest/{token}/",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CAPABILITY_PATHS)
def test_a_request_to_a_capability_url_is_logged_redacted(client, caplog, console, kind):
    secret, path = CAPABILITY_PATHS[kind]()
    caplog.set_level(logging.INFO)

    response = client.get(path)

    assert response.status_code >= 400  # so django.request logs it
    messages = [record.getMessage() for record in caplog.records]
    assert all(secret not in message for message in messages), messages
    assert secret not in console.getvalue()
    for record in caplog.records:
        if record.name == "django.request":
            assert REDACTED in record.getMessage()


@pytest.mark.django_db
def test_a_doctor_opening_a_share_link_leaves_no_token_in_djangos_logs(
    client, caplog, console, user
):
    _link, token = share_link_create(user=user, expires_in_days=3)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("django.request").warning("Slow answer: %s", f"/share/{token}/")

    assert client.get(reverse("reports:share", args=[token])).status_code == 200

    assert token not in console.getvalue()
    assert "/share/[redacted]/" in console.getvalue()
    assert all(token not in record.getMessage() for record in caplog.records)


def test_runserver_request_lines_are_redacted():
    handler = _handler("django.server")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        # What django.core.servers.basehttp.WSGIRequestHandler.log_message logs.
        logging.getLogger("django.server").info(
            '"%s" %s %s',
            f"GET /share/{SHARE_TOKEN}/ HTTP/1.1",
            "200",
            "5120",
            extra={"request": None, "server_time": "03/Dec/2026 08:00:00", "status_code": 200},
        )
    finally:
        handler.setStream(previous)
    assert SHARE_TOKEN not in stream.getvalue()
    assert "/share/[redacted]/" in stream.getvalue()


def test_gunicorn_writes_share_links_redacted_in_its_access_log(live_gunicorn):  # noqa: F811
    token = live_gunicorn.python(
        "from django.contrib.auth import get_user_model;"
        "from reports.services import share_link_create;"
        "user = get_user_model().objects.create_user('doctor-visit', password='x');"
        "print(share_link_create(user=user, expires_in_days=3)[1])"
    )
    unknown = secrets.token_urlsafe(32)

    assert live_gunicorn.get(f"/share/{token}/").startswith(b"HTTP/1.1 200")
    assert live_gunicorn.get(f"/share/{unknown}/?token={unknown}").startswith(b"HTTP/1.1 404")
    output = live_gunicorn.wait_for_log("Not Found: /share/")
    output = live_gunicorn.wait_for_log("/share/[redacted]/?token=[redacted]")

    assert token not in output
    assert unknown not in output
    assert '"GET /share/[redacted]/ HTTP/1.1" 200' in output  # the access line
    assert "Not Found: /share/[redacted]/" in output  # django.request, through gunicorn


def test_celery_worker_logs_are_redacted_too():
    """A worker or beat sets up its own logging (hijacking the root logger): run that setup
    in a fresh process, then log a share link as Django would."""
    code = (
        "import logging; from config.celery import app;"
        "app.log.setup(loglevel='INFO', redirect_stdouts=False, colorize=False);"
        f"logging.getLogger('django.request').warning('Not Found: /share/{SHARE_TOKEN}/');"
        f"logging.getLogger('celery.task').warning('sent /email/no-symptoms/{SIGNED}/')"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    output = completed.stdout + completed.stderr
    assert "Not Found: /share/[redacted]/" in output
    assert "/email/no-symptoms/[redacted]/" in output
    assert SHARE_TOKEN not in output
    assert SIGNED not in output

"""What a newcomer runs is safe: DEBUG off unless asked for, friendly 404 and 500 pages."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.config.test_settings import CONFIG_VARIABLES

pytestmark = pytest.mark.django_db

DEBUG_OF_WSGI = "import config.wsgi; from django.conf import settings; print(settings.DEBUG)"


def python(code_or_args: list[str], **env: str) -> str:
    """Run Python as gunicorn or manage.py would, with no settings module named."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment.update(env)
    completed = subprocess.run(
        [sys.executable, *code_or_args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout.strip().splitlines()[-1]


def test_gunicorn_and_manage_py_run_with_debug_off_when_nothing_is_set():
    assert python(["-c", DEBUG_OF_WSGI]) == "False"
    show = "from django.conf import settings; print(settings.DEBUG)"
    assert python(["manage.py", "shell", "-c", show]) == "False"


def test_debug_is_on_only_when_asked_for():
    assert python(["-c", DEBUG_OF_WSGI], DEBUG="1") == "True"


def test_the_procfile_and_makefile_do_not_turn_debug_on():
    for name in ("Procfile", "Makefile"):
        text = (settings.BASE_DIR / name).read_text()
        assert "DEBUG=1" not in text
        assert "DEBUG=true" not in text.lower()


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Page not found"), ("id", "Halaman tidak ditemukan")]
)
def test_an_unknown_address_answers_a_styled_404_without_the_route_list(client, language, title):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 404
    assert title in html
    assert "leglog/app.css" in html  # the site's own look
    assert "api/v1/" not in html  # Django's debug page lists the URL patterns
    assert "URLconf" not in html


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Something went wrong"), ("id", "Terjadi kesalahan")]
)
def test_a_server_error_answers_a_styled_500_without_a_traceback(
    client, monkeypatch, language, title
):
    def broken() -> bool:
        raise RuntimeError("secret detail: left calf numb")

    monkeypatch.setattr("common.views.broker_is_up", broken)
    client.raise_request_exception = False
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 500
    assert title in html
    assert "leglog/app.css" in html
    assert "Traceback" not in html
    assert "secret detail" not in html

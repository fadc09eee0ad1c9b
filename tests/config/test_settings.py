"""Settings read from the environment: embedded default, PostgreSQL/Redis, production.

Each case loads settings in a new process, as ``make run``, a worker or gunicorn would,
so nothing from the test settings leaks in.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# Variables that choose the configuration; each test states the ones it wants.
CONFIG_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "CONN_MAX_AGE",
    "CELERY_EAGER",
    "DJANGO_SETTINGS_MODULE",
}

SHOW_SETTINGS = """
import json

import django

django.setup()
from django.conf import settings

database = settings.DATABASES["default"]
print(json.dumps({
    "engine": database["ENGINE"],
    "name": str(database["NAME"]),
    "conn_max_age": database.get("CONN_MAX_AGE", 0),
    "conn_health_checks": database.get("CONN_HEALTH_CHECKS", False),
    "broker_url": settings.CELERY_BROKER_URL,
    "broker_options": settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    "email_backend": settings.EMAIL_BACKEND,
    "email_file_path": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "debug": settings.DEBUG,
    "emergency_number": settings.EMERGENCY_NUMBER,
}))
"""


def run(args: list[str], *, settings_module: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module, **env})
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_for(settings_module: str, **env: str) -> dict:
    completed = run(["-c", SHOW_SETTINGS], settings_module=settings_module, **env)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_env() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "leglog.example.org",
        "DATABASE_URL": "postgres://leglog:secret@db.example.org:5432/leglog",
        "REDIS_URL": "redis://cache.example.org:6379/0",
    }


def test_production_passes_the_deploy_check_with_no_warning(production_env):
    completed = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        settings_module="config.settings.production",
        **production_env,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues (0 silenced)." in completed.stdout


def test_production_refuses_to_start_without_a_secret_key(production_env):
    del production_env["SECRET_KEY"]

    completed = run(
        ["manage.py", "check"], settings_module="config.settings.production", **production_env
    )

    assert completed.returncode != 0
    assert "SECRET_KEY" in completed.stderr


def test_production_refuses_to_start_without_allowed_hosts(production_env):
    del production_env["ALLOWED_HOSTS"]

    completed = run(
        ["manage.py", "check"], settings_module="config.settings.production", **production_env
    )

    assert completed.returncode != 0
    assert "ALLOWED_HOSTS" in completed.stderr


def test_production_is_never_in_debug_mode(production_env):
    assert settings_for("config.settings.production", DEBUG="true", **production_env)["debug"] is (
        False
    )


def test_embedded_default_needs_no_server_sqlite_file_broker_and_mail_files():
    embedded = settings_for("config.settings.local")

    var_dir = settings.BASE_DIR / "var"
    assert embedded["engine"] == "django.db.backends.sqlite3"
    assert embedded["name"] == str(var_dir / "leglog.sqlite3")
    assert embedded["broker_url"] == "filesystem://"
    assert embedded["broker_options"]["data_folder_in"].startswith(str(var_dir / "broker"))
    assert embedded["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert embedded["email_file_path"] == str(var_dir / "mail")
    assert embedded["emergency_number"] == "112"


def test_postgresql_keeps_connections_open_and_checks_them_before_reuse():
    configured = settings_for(
        "config.settings.local", DATABASE_URL="postgres://postgres@127.0.0.1:5432/leglog"
    )

    assert configured["engine"] == "django.db.backends.postgresql"
    assert configured["conn_max_age"] > 0
    assert configured["conn_health_checks"] is True


def test_redis_url_makes_redis_the_broker_with_timeouts_that_keep_writes_fast():
    configured = settings_for("config.settings.local", REDIS_URL="redis://127.0.0.1:6379/3")

    assert configured["broker_url"] == "redis://127.0.0.1:6379/3"
    assert configured["broker_options"]["socket_connect_timeout"] <= 2
    assert configured["broker_options"]["socket_timeout"] <= 2


def test_email_url_sends_through_smtp_and_emergency_number_is_configurable():
    configured = settings_for(
        "config.settings.local",
        EMAIL_URL="smtp://mailer:secret@smtp.example.org:587",
        EMERGENCY_NUMBER="119",
    )

    assert configured["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert configured["emergency_number"] == "119"

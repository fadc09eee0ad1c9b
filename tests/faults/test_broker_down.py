"""A write is stored and answers quickly whatever state the broker is in.

Each case runs in a fresh process configured from the environment the way production
is (``REDIS_URL`` set, Celery not eager), against its own SQLite file, so the real
transport timeouts and publish retry policy are what is exercised.
"""

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

# The issue allows "a second or two" for publishing to give up; a dead Redis is refused
# at once (about 0.1 s measured), a silent one costs one socket timeout (about 2.1 s).

WRITE_A_WORKOUT = """
import json, time
from datetime import timedelta

import django

django.setup()
from django.core.management import call_command
from django.utils import timezone

call_command("migrate", verbosity=0)
from accounts.models import Profile
from tracker.models import Workout
from accounts.services import user_register
from tracker.services import workout_create

user = user_register(username="walker", email="walker@example.org", password="a long secret 4821")
# A first write loads the code paths; the second is what a warm web process does.
workout_create(user=user, activity="walking", started_at=timezone.now(), duration_minutes=20)
started = time.monotonic()
workout = workout_create(
    user=user,
    activity="stepper",
    started_at=timezone.now() - timedelta(hours=1),
    duration_minutes=30,
)
seconds = time.monotonic() - started
print(json.dumps({
    "seconds": seconds,
    "stored": Workout.objects.filter(id=workout.id, user=user).exists(),
    "evaluation_requested": Profile.objects.get(user=user).evaluation_requested_at is not None,
}))
"""

MIGRATE = """
import django

django.setup()
from django.core.management import call_command

call_command("migrate", verbosity=0)
"""

ASK_HEALTHZ = """
import json, time

import django

django.setup()
from django.test import Client

client = Client()
client.get("/healthz", HTTP_HOST="127.0.0.1")  # the first request imports every view
started = time.monotonic()
response = client.get("/healthz", HTTP_HOST="127.0.0.1")
print(json.dumps({
    "seconds": time.monotonic() - started,
    "status": response.status_code,
    "body": response.json(),
}))
"""


def run_django(code: str, *, tmp_path: Path, **env: str) -> dict:
    """Run ``code`` in a new Python process with test settings and ``env``; its JSON output."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_EAGER", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONPATH": str(settings.BASE_DIR),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "CELERY_EAGER": "0",
        }
    )
    environment.update(env)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_broker() -> Iterator[int]:
    """A port that takes TCP connections and never answers, like a stuck Redis."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield server.getsockname()[1]


def test_workout_is_stored_when_the_broker_refuses_connections(tmp_path, record_property):
    result = run_django(
        WRITE_A_WORKOUT, tmp_path=tmp_path, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/3"
    )

    assert result["stored"]
    # The mark itself is the subject here, not an alert: with the broker down no
    # evaluation can run yet, and the mark is what beat's sweep finds the write by later.
    assert result["evaluation_requested"], "the sweep must find the write later"
    # How long it took is a figure, not an assertion (a shared 2-core machine's timings
    # flake): make bench and make figures report it.
    record_property("figure", f"broker_down_write seconds={result['seconds']:.2f}")


def test_workout_is_stored_when_the_broker_never_answers(tmp_path, silent_broker, record_property):
    result = run_django(
        WRITE_A_WORKOUT, tmp_path=tmp_path, REDIS_URL=f"redis://127.0.0.1:{silent_broker}/3"
    )

    assert result["stored"]
    assert result["evaluation_requested"]
    # How long it took is a figure, not an assertion (a shared 2-core machine's timings
    # flake): make bench and make figures report it.
    record_property("figure", f"broker_down_write seconds={result['seconds']:.2f}")


def test_healthz_reports_the_broker_down_and_still_answers_200(tmp_path, record_property):
    result = run_django(
        MIGRATE + ASK_HEALTHZ,
        tmp_path=tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/3",
    )

    assert result["status"] == 200
    assert result["body"] == {"database": "ok", "broker": "down"}
    # How long it took is a figure, not an assertion (a shared 2-core machine's timings
    # flake): make bench and make figures report it.
    record_property("figure", f"broker_down_write seconds={result['seconds']:.2f}")


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    result = run_django(
        ASK_HEALTHZ,
        tmp_path=tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/leglog",
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/3",
    )

    assert result["status"] == 503
    assert result["body"]["database"] == "down"

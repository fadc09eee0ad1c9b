"""/healthz reports the database and the broker; writes keep working while the broker is down."""

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from celery import current_app
from django.utils import timezone

from alerts.models import Alert
from alerts.tasks import sweep_task
from symptoms.models import Episode

# A closed local port refuses at once; Redis DB 4 is this suite's own, were it ever open.
DEAD_BROKER = "redis://127.0.0.1:1/4"
# The issue: publishing gives up "within a second or two".
# A refused connection is known at once (about 0.1 s); kombu's default pauses before its
# retries (2 s, then more) would push /healthz past this. Generous: the machine may be busy.

_UNSET = object()


def _reset_broker_pools() -> None:
    """Drop the app's cached connection and producer pools, built for the old broker URL."""
    from kombu import pools

    app: Any = current_app._get_current_object()
    # Reset kombu's process-wide registry rather than closing a pool it still holds:
    # the next test to publish would otherwise get "Acquire on closed pool".
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_conf() -> Iterator[Any]:
    """``celery_conf(KEY=value)`` changes the Celery app's settings for one test.

    Keys are the Django-side names (``CELERY_BROKER_URL``); those win over the settings
    module in Celery's lookup. Everything is restored, pools included, afterwards.
    """
    conf = current_app.conf
    saved: dict[str, Any] = {}

    def change(**values: Any) -> None:
        for key, value in values.items():
            saved.setdefault(key, conf.changes.get(key, _UNSET))
            conf[key] = value
        _reset_broker_pools()

    yield change
    for key, value in saved.items():
        if value is _UNSET:
            conf.changes.pop(key, None)
        else:
            conf[key] = value
    _reset_broker_pools()


@pytest.fixture
def broker_down(celery_conf) -> None:
    """The broker is a closed local port, and tasks are really published (not run eagerly)."""
    celery_conf(
        CELERY_BROKER_URL=DEAD_BROKER,
        CELERY_BROKER_TRANSPORT_OPTIONS={},
        CELERY_TASK_ALWAYS_EAGER=False,
    )
    assert current_app.conf.broker_url == DEAD_BROKER
    assert current_app.conf.task_always_eager is False


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_the_broker_down_and_still_answers_200(
    client, broker_down, record_property
):
    client.get("/healthz")  # the first request of a process pays for imports; time the next
    started = time.monotonic()
    response = client.get("/healthz")
    seconds = time.monotonic() - started

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "down"}
    record_property("figure", f"healthz_broker_down seconds={seconds:.2f}")


@pytest.mark.django_db(transaction=True)
def test_an_episode_logged_with_the_broker_down_answers_201_and_the_sweep_alerts_later(
    user, auth_client, broker_down, celery_conf, caplog, record_property
):
    now = timezone.now()
    body = {
        "started_at": (now - timedelta(hours=1)).isoformat(),
        "ended_at": (now - timedelta(minutes=45)).isoformat(),
        "sensations": ["numbness"],
        "locations": ["foot"],
        "accompanying": ["nausea"],
    }

    started = time.monotonic()
    response = auth_client.post("/api/v1/episodes/", body, format="json")
    seconds = time.monotonic() - started

    assert response.status_code == 201
    assert response.json()["guidance"][0]["level"] == "urgent"
    record_property("figure", f"episode_write_broker_down seconds={seconds:.2f}")
    assert Episode.objects.filter(id=response.json()["id"], user=user).exists()
    # Publishing was tried after commit, and given up.
    assert "left for the sweep" in caplog.text
    assert not Alert.objects.filter(user=user).exists()

    # The broker is back (tasks run in-process again) and beat runs the sweep: the
    # episode, over and not otherwise pending, gets its urgent alert.
    celery_conf(CELERY_TASK_ALWAYS_EAGER=True)
    sweep_task.delay()

    [alert] = Alert.objects.filter(user=user)
    assert alert.rule == "emergency_symptoms"
    assert [e.id for e in alert.episodes.all()] == [response.json()["id"]]

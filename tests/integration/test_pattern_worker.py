"""The pattern job end to end: HTTP in, a real worker on Redis, the alert over HTTP."""

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import Profile
from common.queue import broker_is_up, send_task_quietly
from common.tasknames import TaskName
from tests.factories import UserFactory
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.integration

ALERT_WITHIN_SECONDS = 15
# After a restart the worker reconnects with Celery's own back-off (2 s steps).
ALERT_AFTER_OUTAGE_WITHIN_SECONDS = 60


def call(live_server, token, method, path, body=None):
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def alerts_of_rule(live_server, token, rule):
    status, body = call(live_server, token, "GET", f"/api/v1/alerts/?rule={rule}")
    assert status == 200, body
    return body["results"]


@pytest.fixture
def person(transactional_db):
    user = UserFactory()
    return user, Token.objects.create(user=user).key


def test_an_episode_posted_over_http_raises_its_alert_through_the_worker(
    celery_worker, live_server, person, record_property
):
    user, token = person
    now = timezone.now()

    started = time.monotonic()
    status, episode = call(
        live_server,
        token,
        "POST",
        "/api/v1/episodes/",
        {
            "started_at": (now - timedelta(minutes=20)).isoformat(),
            "ended_at": now.isoformat(),
            "sensations": ["numbness"],
            "locations": ["calf"],
            "accompanying": ["nausea"],
        },
    )
    assert status == 201, episode
    alerts = wait_for(
        lambda: alerts_of_rule(live_server, token, "emergency_symptoms"),
        seconds=ALERT_WITHIN_SECONDS,
    )
    seconds = time.monotonic() - started

    assert alerts, f"no alert after {ALERT_WITHIN_SECONDS} s; worker log:\n{celery_worker.output()}"
    [alert] = alerts
    assert alert["level"] == "urgent"
    assert alert["evidence"]["episodes"] == [episode["id"]]
    assert "112" in alert["message"]
    assert TaskName.EVALUATE_USER in celery_worker.output()
    record_property("seconds_from_post_to_alert", round(seconds, 2))


def test_deleting_the_episode_over_http_removes_the_alert_it_was_the_only_evidence_of(
    celery_worker, live_server, person
):
    user, token = person
    now = timezone.now()
    status, episode = call(
        live_server,
        token,
        "POST",
        "/api/v1/episodes/",
        {
            "started_at": (now - timedelta(minutes=30)).isoformat(),
            "ended_at": now.isoformat(),
            "sensations": ["tingling"],
            "locations": ["calf"],
            "accompanying": ["breathing_difficulty"],
        },
    )
    assert status == 201, episode
    assert wait_for(
        lambda: alerts_of_rule(live_server, token, "emergency_symptoms"),
        seconds=ALERT_WITHIN_SECONDS,
    ), celery_worker.output()

    status, _body = call(live_server, token, "DELETE", f"/api/v1/episodes/{episode['id']}/")
    assert status == 204
    gone = wait_for(
        lambda: alerts_of_rule(live_server, token, "emergency_symptoms") == [],
        seconds=ALERT_WITHIN_SECONDS,
    )

    assert gone, celery_worker.output()


def test_with_the_broker_down_a_post_still_answers_and_the_next_sweep_raises_the_alert(
    celery_worker, live_server, person, redis_broker, record_property
):
    user, token = person
    now = timezone.now()
    redis_broker.stop()
    try:
        started = time.monotonic()
        status, episode = call(
            live_server,
            token,
            "POST",
            "/api/v1/episodes/",
            {
                "started_at": (now - timedelta(hours=2)).isoformat(),
                "ended_at": (now - timedelta(minutes=30)).isoformat(),
                "sensations": ["tingling"],
                "locations": ["shin"],
            },
        )
        write_seconds = time.monotonic() - started
        assert status == 201, episode
        print(f"FIGURE integration_write_broker_down seconds={write_seconds:.2f}")  # noqa: T201
        # The mark is this test's subject: while the broker is down no alert can show the
        # write was seen; the mark is what the sweep below finds it by (and clears).
        assert Profile.objects.get(user=user).evaluation_requested_at is not None
        assert alerts_of_rule(live_server, token, "prolonged_tingling") == []
    finally:
        redis_broker.start()

    # What beat does every 5 minutes, once the broker answers again.
    assert wait_for(broker_is_up, seconds=10)
    assert wait_for(lambda: send_task_quietly(TaskName.ALERTS_SWEEP), seconds=10, every=1)
    alerts = wait_for(
        lambda: alerts_of_rule(live_server, token, "prolonged_tingling"),
        seconds=ALERT_AFTER_OUTAGE_WITHIN_SECONDS,
        every=0.5,
    )

    assert alerts, f"no alert after the sweep; worker log:\n{celery_worker.output()}"
    assert alerts[0]["evidence"]["episodes"] == [episode["id"]]
    assert Profile.objects.get(user=user).evaluation_requested_at is None
    assert TaskName.ALERTS_SWEEP in celery_worker.output()
    record_property("seconds_to_answer_a_write_with_the_broker_down", round(write_seconds, 2))

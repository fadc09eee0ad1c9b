"""Figure 6: with the broker down, 100 urgent episodes posted over HTTP are all stored
with no server error; with the broker back, the sweep evaluates all 100.

A private ``redis-server`` is stopped by the test; five people post 20 episodes each (all
with nausea, so each must get its own ``emergency_symptoms`` alert) at once to
``live_server``. Each request's duration is recorded and reported (max, p95) against the
"under 2 s" target, not asserted: timing depends on the machine; counts do not.
"""

import json
import statistics
import time
import urllib.error
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from alerts.models import Alert
from common.queue import broker_is_up, send_task_quietly
from common.tasknames import TaskName
from symptoms.models import Episode
from tests.factories import UserFactory
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.integration

PEOPLE = 5
EPISODES_EACH = 20
TARGET_SECONDS = 2.0
# The worker reconnects with Celery's own back-off (2 s steps) once Redis is back.
EVALUATED_WITHIN_SECONDS = 90


def post_episode(url: str, token: str, body: dict) -> tuple[int, float]:
    request = urllib.request.Request(
        f"{url}/api/v1/episodes/",
        method="POST",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def episodes_of_one_person(count: int) -> list[dict]:
    now = timezone.now()
    return [
        {
            "started_at": (now - timedelta(hours=n + 1)).isoformat(),
            "ended_at": (now - timedelta(hours=n + 1) + timedelta(minutes=15)).isoformat(),
            "sensations": ["tingling"],
            "locations": ["calf"],
            "accompanying": ["nausea"],
        }
        for n in range(count)
    ]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_100_urgent_episodes_are_stored_and_the_sweep_evaluates_all(
    celery_worker, live_server, redis_broker, record_property
):
    people = [UserFactory() for _ in range(PEOPLE)]
    tokens = [Token.objects.create(user=user).key for user in people]

    def post_all(token: str) -> list[tuple[int, float]]:
        return [
            post_episode(live_server.url, token, body)
            for body in episodes_of_one_person(EPISODES_EACH)
        ]

    redis_broker.stop()
    try:
        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            results = [result for one in pool.map(post_all, tokens) for result in one]
    finally:
        redis_broker.start()
    statuses = [status for status, _seconds in results]
    seconds = [duration for _status, duration in results]
    stored = Episode.objects.filter(user__in=people).count()
    server_errors = sum(status >= 500 for status in statuses)

    assert wait_for(broker_is_up, seconds=10)
    assert wait_for(lambda: send_task_quietly(TaskName.ALERTS_SWEEP), seconds=10, every=1)

    def evaluated() -> int:
        """Episodes that have their own emergency_symptoms alert (one alert each)."""
        return (
            Episode.objects.filter(user__in=people, alerts__rule="emergency_symptoms")
            .distinct()
            .count()
        )

    wait_for(lambda: evaluated() == stored, seconds=EVALUATED_WITHIN_SECONDS, every=0.5)
    done = evaluated()
    alerts = Alert.objects.filter(user__in=people, rule="emergency_symptoms").count()

    slowest, typical = max(seconds), p95(seconds)
    record_property(
        "figure",
        f"broker_down posted={len(results)} stored={stored} server_errors={server_errors} "
        f"max_s={slowest:.2f} p95_s={typical:.2f} "
        f"evaluated_after_sweep={done}/{stored} alerts={alerts} "
        f"(target: 100 stored, 0 errors, under {TARGET_SECONDS:g} s, 100/100 evaluated)",
    )
    if slowest >= TARGET_SECONDS:
        warnings.warn(
            f"note: the slowest write took {slowest:.2f} s with the broker down "
            f"(target under {TARGET_SECONDS:g} s; reported, not asserted)",
            stacklevel=1,
        )
    assert statuses == [201] * PEOPLE * EPISODES_EACH, sorted(set(statuses))
    assert stored == PEOPLE * EPISODES_EACH
    assert server_errors == 0
    assert done == stored, celery_worker.output()
    assert alerts == stored  # one per episode, none doubled

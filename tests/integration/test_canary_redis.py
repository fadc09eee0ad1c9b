"""Figure 10 on a real broker: a canary in the notes, posted over HTTP and carried through
a real worker's evaluation and emails, never reaches Redis.

Every command Redis receives is recorded (``MONITOR``) while the test runs, and every key
left afterwards is read (``SCAN``, then ``DUMP`` and the value by type); the worker's log
is read too.
"""

import json
import threading
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest
import redis
from django.utils import timezone
from rest_framework.authtoken.models import Token

from notifications.models import OutboxEmail
from tests.factories import UserFactory
from tests.integration.conftest import wait_for
from tests.security.canary import decoded, episode_bodies, occurrences, workout_body
from tests.security.people import report

pytestmark = pytest.mark.integration

WITHIN_SECONDS = 30


def call(live_server: Any, token: str, method: str, path: str, body: Any = None) -> Any:
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


class Monitor:
    """Every command the broker receives, as text, until ``stop()``."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url)
        self.lines: list[str] = []
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with self.client.monitor() as monitor:
            self.ready.set()
            for event in monitor.listen():
                self.lines.append(str(event.get("command", "")))
                if self.stopping.is_set():
                    return

    def start(self) -> "Monitor":
        self.thread.start()
        assert self.ready.wait(10)
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.client.ping()  # one more command, so that listen() returns
        self.thread.join(10)


def read_value(client: redis.Redis, key: bytes, kind: str) -> Any:
    if kind == "string":
        return client.get(key)
    if kind == "list":
        return client.lrange(key, 0, -1)
    if kind == "hash":
        return client.hgetall(key)
    if kind == "set":
        return client.smembers(key)
    if kind == "zset":
        return client.zrange(key, 0, -1)
    return None


def every_value(url: str) -> tuple[int, list[str]]:
    """(number of keys, text of every key and value) in every database of the broker."""
    texts: list[str] = []
    keys = 0
    for db in range(16):
        client = redis.Redis.from_url(url, db=db)
        for key in client.scan_iter(count=500):
            keys += 1
            kind = client.type(key).decode()
            value = read_value(client, key, kind)
            texts += [repr(key), repr(value), repr(client.dump(key))]
    return keys, texts


@pytest.fixture
def person(transactional_db):
    user = UserFactory()
    return user, Token.objects.create(user=user).key


def test_a_canary_in_the_notes_never_reaches_redis(
    celery_worker, live_server, person, redis_broker, record_property
):
    user, token = person
    canary = f"canary{uuid.uuid4().hex}"
    now = timezone.now()
    monitor = Monitor(redis_broker.url).start()
    try:
        status, workout = call(
            live_server, token, "POST", "/api/v1/workouts/", workout_body(canary, now)
        )
        assert status == 201, workout
        for body in episode_bodies(canary, now):
            status, created = call(live_server, token, "POST", "/api/v1/episodes/", body)
            assert status == 201, created
        status, _ = call(
            live_server,
            token,
            "PATCH",
            f"/api/v1/workouts/{workout['id']}/",
            {"notes": f"changed {canary}"},
        )
        assert status == 200
        sent = wait_for(
            lambda: OutboxEmail.objects.filter(user=user, kind="alert", status="sent").count() >= 2,
            seconds=WITHIN_SECONDS,
        )
        assert sent, celery_worker.output()
    finally:
        monitor.stop()
    keys, values = every_value(redis_broker.url)
    worker_log = celery_worker.log.read_text(errors="replace")

    found = {
        "redis_commands": occurrences(canary, monitor.lines),
        "redis_keys_and_values": occurrences(canary, values),
        "worker_log": occurrences(canary, [worker_log]),
    }
    report(
        record_property,
        "canary_redis",
        occurrences=sum(found.values()),
        redis_commands=len(monitor.lines),
        keys=keys,
        **{f"in_{k}": v for k, v in found.items()},
    )
    # The messages did pass through this Redis: the scan saw the traffic it looks in.
    assert any("evaluate_user_task" in line for line in monitor.lines)
    bodies = [part for line in monitor.lines for part in decoded(line)[1:]]
    assert any(f"[[{user.pk}]" in body for body in bodies), "no task body decoded"
    assert found == dict.fromkeys(found, 0)


def test_the_redis_scan_would_find_a_canary_that_reached_the_broker(web_publishes_to):
    """The scan's own check: a value planted in Redis is found."""
    redis_broker = web_publishes_to
    client = redis.Redis.from_url(redis_broker.url)
    canary = f"canary{uuid.uuid4().hex}"
    # Not the task queue's key: a running worker would take it off at once.
    client.lpush("planted", json.dumps({"notes": canary}))
    client.hset("planted-hash", "unacked", canary)
    # And a task message as Celery writes it (base64 body), on a queue no worker reads.
    from config.celery import app

    app.send_task("nothing.reads.this", args=[canary], queue="planted-queue")
    try:
        _keys, values = every_value(redis_broker.url)
    finally:
        client.delete("planted", "planted-hash", "planted-queue")

    assert occurrences(canary, values) >= 3

"""A real Celery worker on a real Redis, against the test database on PostgreSQL.

The broker is a private ``redis-server`` on a free port, so that a test can stop and
restart it without touching the machine's shared Redis. The worker is a separate
``celery -A config worker`` process pointed at pytest-django's test database, so it sees
what ``live_server`` commits; the web side (``live_server``, in this process) is pointed
at the same broker with eager execution off.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
WORKER_READY_SECONDS = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.integration)


def wait_for(probe: Callable[[], Any], *, seconds: float, every: float = 0.2) -> Any:
    """The first truthy value of ``probe()`` within ``seconds``, else the last (falsy) one."""
    deadline = time.monotonic() + seconds
    value = probe()
    while not value and time.monotonic() < deadline:
        time.sleep(every)
        value = probe()
    return value


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class PrivateRedis:
    """A throwaway ``redis-server`` on a free port that can be stopped and started again."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.workdir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(lambda: _port_answers(self.port), seconds=10):
            raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        assert wait_for(lambda: not _port_answers(self.port), seconds=5)


@pytest.fixture(scope="module")
def needs_postgresql(django_db_setup, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip(
                "integration tests need PostgreSQL (DATABASE_URL=postgres://...): a worker "
                "process cannot open SQLite's in-memory test database"
            )


@pytest.fixture(scope="module")
def redis_broker(tmp_path_factory) -> Iterator[PrivateRedis]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("integration tests need redis-server on PATH for a private broker")
    redis = PrivateRedis(binary, tmp_path_factory.mktemp("redis"))
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="module")
def web_publishes_to(redis_broker) -> Iterator[PrivateRedis]:
    """Point this process's Celery app (used by ``live_server``) at the private broker."""
    from config.celery import app

    # The app reads Django's CELERY_* settings first, so override those names.
    keys = ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_TRANSPORT_OPTIONS")
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(
        CELERY_BROKER_URL=redis_broker.url,
        CELERY_TASK_ALWAYS_EAGER=False,
        CELERY_BROKER_TRANSPORT_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 2},
    )
    assert app.conf.broker_url == redis_broker.url
    assert not app.conf.task_always_eager
    app._after_fork()  # forget pooled connections to the previous broker
    yield redis_broker
    app.conf.update(saved)
    app._after_fork()


def _database_url() -> str:
    db = connection.settings_dict
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class Worker:
    def __init__(self, log: Path) -> None:
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]


@pytest.fixture(scope="module")
def celery_worker(needs_postgresql, web_publishes_to, tmp_path_factory) -> Iterator[Worker]:
    """``celery -A config worker`` on the private broker and the test database."""
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_EAGER": "0",
        "REDIS_URL": web_publishes_to.url,
        "DATABASE_URL": _database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    command += ["--hostname", f"integration-{os.getpid()}@%h"]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    worker = Worker(log)
    try:
        ready = wait_for(
            lambda: " ready." in worker.output() or process.poll() is not None,
            seconds=WORKER_READY_SECONDS,
        )
        if process.poll() is not None or not ready:
            pytest.fail(f"the Celery worker did not start:\n{worker.output()}")
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

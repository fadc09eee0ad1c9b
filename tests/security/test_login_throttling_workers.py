"""Two gunicorn workers share one lockout count: axes keeps it in the database.

A real ``gunicorn --workers 2`` serves a throw-away SQLite file. The first wrong
password is held half-sent, so that its (sync) worker waits on it while the second one
must be taken by the other worker: both workers count failures (read from the access
log's pid), and the pair is still locked at the limit, counted over both processes.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 20
STRONG = "violet-kettle-harbour-42"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _post_held(base: str, path: str, body: dict, *, meanwhile: Any) -> tuple[int, Any]:
    """POST ``body`` on a connection of its own, holding back its last byte while
    ``meanwhile()`` runs: the worker that took it waits on it, so ``meanwhile``'s requests
    go to another. Returns the status and what ``meanwhile`` returned."""
    host, port = base.removeprefix("http://").split(":")
    data = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + data[:-1])
        time.sleep(0.3)  # a worker has accepted it and reads the body
        other = meanwhile()
        sock.sendall(data[-1:])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), other


def _post(base: str, path: str, body: dict) -> int:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Connection": "close"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture
def two_workers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "LOGIN_FAILURE_LIMIT": str(LIMIT),
        "NUM_PROXIES": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _free_port()
    access_log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(p)s %(s)s %(U)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", access_log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_failures_spread_over_two_workers_still_lock_the_pair(two_workers):
    base, access_log = two_workers
    register = {"username": "sari", "email": "sari@example.com", "password": STRONG}
    assert _post(base, "/api/v1/auth/register/", register) == 201
    wrong = {"username": "sari", "password": "wrong password"}

    first, second = _post_held(
        base,
        "/api/v1/auth/token/",
        wrong,
        meanwhile=lambda: _post(base, "/api/v1/auth/token/", wrong),
    )
    answers = [first, second] + [
        _post(base, "/api/v1/auth/token/", wrong) for _ in range(LIMIT - 2)
    ]
    right = _post(base, "/api/v1/auth/token/", {"username": "sari", "password": STRONG})

    assert answers == [400] * (LIMIT - 1) + [429]
    assert right == 429
    time.sleep(0.5)  # the access log is written after the answer
    lines = [line.split() for line in access_log.read_text().splitlines()]
    failure_pids = {pid for pid, code, path in lines if path.endswith("/token/") and code == "400"}
    assert len(failure_pids) == 2, f"one worker took every failure: {lines}"

"""The subprocesses of a run on 127.0.0.1: a private ``redis-server``, gunicorn and Celery
workers, shared by ``make bench`` (bench/table.py) and ``make load`` (bench/load.py).

Each process runs in its own session (so its process group is its whole tree: gunicorn's
and Celery's forked children included), with ``cwd`` the project and its output appended
to ``<directory>/<name>.log``. Stopping one sends the signal to the group, waits up to
``STOP_SECONDS`` and then SIGKILLs the group.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STOP_SECONDS = 20
# What gunicorn is asked until it answers (an HTTP/1.0 request needs no keep-alive).
HEALTHZ = b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(probe: Callable[[], bool], seconds: float, every: float = 0.05) -> bool:
    """True as soon as ``probe()`` is, asking every ``every`` seconds for ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if probe():
            return True
        time.sleep(every)
    return bool(probe())


def answers(port: int, payload: bytes = b"PING\r\n", expect: bytes = b"+PONG") -> bool:
    """Whether something on ``port`` answers ``payload`` with ``expect`` in its first bytes
    (by default: a Redis server answering PING)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(payload)
            return expect in sock.recv(64)
    except OSError:
        return False


class Processes:
    """The processes of one run by name, their logs in ``directory`` (emptied first).

    Each gets this process's environment with ``REDIS_URL`` (the private Redis, on a free
    port), ``LOG_LEVEL=WARNING`` and unbuffered output, then ``env`` over them.
    """

    def __init__(self, *, directory: Path, env: Mapping[str, str]) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        self.dir = directory
        self.redis_port = free_port()
        self.env = {
            **os.environ,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, command: Sequence[str]) -> subprocess.Popen[bytes]:
        log = (self.dir / f"{name}.log").open("a")
        process = subprocess.Popen(
            list(command),
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        """Send ``sig`` to the process group of ``name`` and wait for it (SIGKILL after
        ``STOP_SECONDS``); a stopped name may be started again."""
        process = self.running.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        """Stop what still runs, the last started first (web and workers before Redis)."""
        for name in reversed(list(self.running)):
            self.stop(name)

    def pause(self, name: str) -> None:
        """Freeze ``name`` (SIGSTOP to the process itself) until ``resume``."""
        os.kill(self.running[name].pid, signal.SIGSTOP)

    def resume(self, name: str) -> None:
        process = self.running.get(name)
        if process is not None and process.poll() is None:
            os.kill(process.pid, signal.SIGCONT)

    def start_redis(self) -> str | None:
        """A private ``redis-server`` on ``redis_port`` that keeps nothing on disk. None once
        it answers PING, else why not."""
        binary = shutil.which("redis-server")
        if binary is None:
            return "no redis-server on PATH"
        self.start(
            "redis",
            [
                binary,
                *("--port", str(self.redis_port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.dir)),
            ],
        )
        if not wait_until(lambda: answers(self.redis_port), 10):
            return "redis-server did not start"
        return None

    def start_web(
        self,
        name: str,
        *,
        port: int,
        workers: int,
        options: Sequence[str] = (),
        ready: bytes = b"HTTP/1.",
    ) -> bool:
        """gunicorn serving ``config.wsgi`` on 127.0.0.1:``port`` with ``workers`` x 4
        threads; True once every worker has loaded the app (``post_worker_init`` in
        config/gunicorn.py logs it) and ``/healthz`` answers with ``ready`` in its status
        line (60 s). The first worker answers while the others still import for seconds:
        a run started then would measure those imports."""
        log = self.dir / f"{name}.log"
        before = log.stat().st_size if log.exists() else 0
        self.start(
            name,
            [
                *(sys.executable, "-m", "gunicorn", "config.wsgi"),
                *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "4"),
                *options,
            ],
        )

        def all_ready() -> bool:
            with log.open("rb") as text:
                text.seek(before)
                booted = text.read().count(b"Worker ready")
            return booted >= workers and answers(port, HEALTHZ, ready)

        return wait_until(all_ready, 60, 0.2)

    def start_worker(self, name: str, *, concurrency: int, options: Sequence[str] = ()) -> None:
        """A Celery worker (``celery -A config worker``) of ``concurrency`` processes, with
        no gossip or mingle: nothing to wait for from other workers."""
        self.start(
            name,
            [
                *(sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "warning"),
                *("--concurrency", str(concurrency), "--without-gossip", "--without-mingle"),
                *options,
            ],
        )

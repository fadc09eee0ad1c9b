"""Workers and beats the reliability figures start, stop and kill themselves.

``conftest.celery_worker`` is one module-wide worker; the figures need more: a worker
with a prefork pool to SIGKILL mid-task, two beats at once, a worker with SMTP on. Each
process runs in its own session (process group) so that a test can kill the whole
worker, pool children included, as a crash of the host would.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.integration.conftest import BASE_DIR, WORKER_READY_SECONDS, _database_url, wait_for

SETTINGS = "tests.integration.worker_settings"


class Process:
    """A ``celery -A config ...`` process with its log."""

    def __init__(self, command: list[str], *, log: Path, env: dict[str, str]) -> None:
        self.log = log
        with log.open("w") as out:
            self.popen = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, marker: str) -> None:
        ready = wait_for(
            lambda: marker in self.output() or self.popen.poll() is not None,
            seconds=WORKER_READY_SECONDS,
        )
        if self.popen.poll() is not None or not ready:
            raise RuntimeError(f"{self.log.name} did not start:\n{self.output()[-4000:]}")

    def kill_group(self) -> None:
        """SIGKILL the process and its pool children at once: nothing acknowledges or
        rejects anything, as when the machine dies."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_group()


def environment(broker_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "CELERY_EAGER": "0",
        "REDIS_URL": broker_url,
        "DATABASE_URL": _database_url(),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def start_worker(
    broker_url: str, log: Path, *, concurrency: int = 1, pool: str = "prefork", **extra: str
) -> Process:
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}"]
    command += [f"--concurrency={concurrency}", "--loglevel=INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    command += ["--hostname", f"{log.stem}-{os.getpid()}@%h"]
    worker = Process(command, log=log, env=environment(broker_url, **extra))
    worker.wait_ready(" ready.")
    return worker


def start_beat(broker_url: str, log: Path, schedule: Path, **extra: str) -> Process:
    command = [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"]
    command += ["--schedule", str(schedule), "--pidfile", str(schedule.with_suffix(".pid"))]
    beat = Process(command, log=log, env=environment(broker_url, **extra))
    beat.wait_ready("beat: Starting")
    return beat

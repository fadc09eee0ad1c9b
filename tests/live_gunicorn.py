"""A real gunicorn, started as the Procfile starts it, for what only a real server shows.

Import the ``live_gunicorn`` fixture into a test module. The server runs the default
settings (no settings module, no DEBUG) on its own SQLite file, gthread workers (so
keep-alive is on, as in the Procfile), on a free port of 127.0.0.1; its stdout and
stderr go to a file that ``output()`` reads.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.config.test_settings import CONFIG_VARIABLES

STARTS_WITHIN_SECONDS = 60


@dataclass
class LiveGunicorn:
    port: int
    log: Path
    process: subprocess.Popen
    env: dict[str, str]

    def output(self) -> str:
        """Everything the server printed so far (access log, errors, Django's logs)."""
        return self.log.read_text(errors="replace")

    def keep_alive(
        self, first: bytes, second: bytes, *, timeout: float = 10
    ) -> tuple[bytes, bytes]:
        """Send ``first``, read what comes (headers, then anything within half a second),
        then ``second`` on the same connection; the bytes received after each."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(first)
            received = b""
            while b"\r\n\r\n" not in received:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            sock.settimeout(0.5)
            try:
                while chunk := sock.recv(65536):
                    received += chunk
            except TimeoutError:
                pass
            sock.settimeout(timeout)
            sock.sendall(second)
            after = b""
            while chunk := sock.recv(65536):
                after += chunk
        return received, after

    def python(self, code: str) -> str:
        """Run Python code with Django set up on the server's database; its last line."""
        completed = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        return completed.stdout.strip().splitlines()[-1]

    def get(self, path: str) -> bytes:
        """A GET on its own connection; the whole answer."""
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        chunks = []
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            sock.sendall(request.encode())
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def wait_for_log(self, text: str, seconds: float = 10) -> str:
        """The output once ``text`` appears in it (the access line is written after the answer)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            output = self.output()
            if text in output:
                return output
            time.sleep(0.1)
        return self.output()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(16).startswith(b"HTTP/1.")
    except OSError:
        return False


@pytest.fixture(scope="session")
def live_gunicorn(tmp_path_factory) -> Iterator[LiveGunicorn]:
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed beside this Python")
    folder = tmp_path_factory.mktemp("gunicorn")
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    env["PYTHONUNBUFFERED"] = "1"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    log = folder / "gunicorn.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                "config/gunicorn.py",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = LiveGunicorn(port=port, log=log, process=process, env=env)
    try:
        deadline = time.monotonic() + STARTS_WITHIN_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{server.output()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

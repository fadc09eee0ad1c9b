"""`make run PORT=8131` must put port 8131 in email links, in every process honcho starts."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout


def test_make_run_on_another_port_sets_the_email_links_to_that_port():
    out = dry_run("PORT=8131")

    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8131}"' in out
    assert "start --port 8131" in out


def test_make_run_defaults_to_port_8000_in_email_links():
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8000}"' in dry_run()

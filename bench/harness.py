"""``make bench``: how LegLog's heavy paths scale, as ratios measured in one run.

Absolute times depend on the machine and on what else runs on it; ratios against a
floor measured in the same run, on the same database, do not (much). Each benchmark
prints its median time, the ratio, and the number of SQL queries where that matters.
Nothing here asserts: the test suite holds the limits (query counts, the 15 s PDF).

The database is a throw-away one made with Django's test machinery: a SQLite file
``var/bench.sqlite3`` by default, or ``BENCH_DATABASE_URL`` (PostgreSQL: the run
creates and drops ``test_<name>``).

    .venv/bin/python -m bench [--episodes 5000] [--years 5] [--repeat 5] [--only NAME ...]
"""

import argparse
import logging
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent


def configure(settings: str = "config.settings.test") -> None:
    """Django settings for a run: the test settings (eager Celery, mail in memory)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}"
    )
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # WhiteNoise warns on every request when the static folder is missing.
    (BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    # The 404s of skipped benchmarks and kombu's note about the filesystem broker's
    # missing host name would interleave with the table.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("kombu").setLevel(logging.ERROR)
    from django.db import connection

    if connection.vendor == "sqlite":
        # A real file, as in `make run`, not the in-memory database tests use.
        connection.settings_dict["TEST"]["NAME"] = str(BASE_DIR / "var" / "bench.sqlite3")


# An action slower than this is timed once: its noise is small next to its length.
SLOW_SECONDS = 1.0


def measure(action: Callable[[], Any], *, repeat: int, warmup: int = 1) -> float:
    """Median wall time of ``action`` in seconds, after ``warmup`` untimed runs.

    When the first warm-up run takes over ``SLOW_SECONDS``, its time is the answer.
    """
    for index in range(warmup):
        started = time.perf_counter()
        action()
        first = time.perf_counter() - started
        if index == 0 and first > SLOW_SECONDS:
            return first
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def count_queries(action: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, name: str, seconds: float, *, ratio: str = "", note: str = "") -> None:
        self.rows.append((name, f"{seconds * 1000:10.2f} ms", ratio, note))
        print(f"  {name:<52} {seconds * 1000:10.2f} ms  {ratio:>14}  {note}", flush=True)

    def skip(self, name: str, reason: str) -> None:
        print(f"  {name:<52} skipped: {reason}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only", nargs="*", default=[], help="benchmarks to run: evaluate api export pages"
    )
    options = parser.parse_args()

    configure()
    from django.db import connection
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )
    from django.utils import timezone

    from bench import cases
    from bench.generate import history_generate

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        now = timezone.now()
        print(f"LegLog benchmarks on {connection.vendor} ({connection.settings_dict['NAME']})")
        started = time.perf_counter()
        spread = history_generate(
            username="years", years=options.years, episodes=options.episodes, now=now
        )
        dense = history_generate(
            username="dense", years=0.5, episodes=options.episodes, now=now, episode_days=110
        )
        small = history_generate(username="small", years=0.25, episodes=10, now=now)
        print(
            f"generated in {time.perf_counter() - started:.1f} s: "
            f"'years' {spread.workouts} workouts, {spread.episodes} episodes, "
            f"{spread.body_weights} weights over {options.years:g} years; "
            f"'dense' {dense.episodes} episodes in 110 days; 'small' {small.episodes} episodes"
        )
        report = Report()
        floor = cases.floor(report, user=spread.user, repeat=max(50, options.repeat * 20))
        context = cases.Context(
            report=report,
            floor=floor,
            now=now,
            repeat=options.repeat,
            spread=spread,
            dense=dense,
            small=small,
        )
        for name, case in cases.ALL.items():
            if options.only and name not in options.only:
                continue
            print(f"\n{name}:", flush=True)
            case(context)
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``make bench``: the table of issue 14, every figure a ratio to a floor measured in the
same run on the same database, or a count.

In-process rows (test settings plus the bench-only floor app, ``bench.settings``) run on
a throw-away database; the HTTP and Celery rows start gunicorn, a private ``redis-server``
and a Celery worker as subprocesses on that same database. The table is printed and
written as JSON to ``bench/results/<vendor>-<UTC time>.json``.

    .venv/bin/python -m bench [--people 1000] [--seconds 5] [--tasks 300]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.harness import BASE_DIR, count_queries, measure
from bench.processes import Processes, free_port, wait_until

RESULTS = BASE_DIR / "bench" / "results"


@dataclass
class Row:
    figure: str
    value: str
    floor: str
    result: str
    target: str
    met: str  # "met", "missed" or "info"
    note: str = ""


class Table:
    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(
            f"  {row.figure:<46} {row.result:<30} {row.target:<22} {row.met:<7} {row.note}",
            flush=True,
        )


CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def count_statements(action: Callable[[], Any]) -> tuple[int, int]:
    """The SQL statements ``action`` sends: those doing work, and transaction control
    (SQLite's ``BEGIN IMMEDIATE``/``COMMIT`` go through the cursor; PostgreSQL's do not)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    control = sum(q["sql"].lstrip().upper().startswith(CONTROL) for q in captured.captured_queries)
    return len(captured.captured_queries) - control, control


def q(counted: tuple[int, int]) -> str:
    work, control = counted
    return f"{work} q" + (f" (+{control} BEGIN/COMMIT)" if control else "")


# A sample lasts this long at least: an action of a millisecond or two is called in a
# batch, since a single call's time is mostly the scheduler's noise on a shared machine.
SAMPLE_SECONDS = 0.05


def _batch(action: Callable[[], Any]) -> int:
    """How many calls of ``action`` last ``SAMPLE_SECONDS``, from one untimed call (which
    also keeps imports, template loading and first-use caches out of the figures)."""
    started = time.perf_counter()
    action()
    return max(1, int(SAMPLE_SECONDS / max(time.perf_counter() - started, 1e-6)))


def _sample(action: Callable[[], Any], batch: int) -> float:
    started = time.perf_counter()
    for _ in range(batch):
        action()
    return (time.perf_counter() - started) / batch


def timed(action: Callable[[], Any], *, repeat: int) -> float:
    """Median time of one call of ``action`` over ``repeat`` samples, after one untimed
    call; a sample times a batch of calls lasting ``SAMPLE_SECONDS`` or more."""
    batch = _batch(action)
    return statistics.median(_sample(action, batch) for _ in range(repeat))


def timed_against(
    product: Callable[[], Any], floor: Callable[[], Any], *, repeat: int
) -> tuple[float, float]:
    """``timed`` of ``product`` and of its ``floor``, their samples taken in turn: a ratio
    of two medians taken minutes apart would also measure what else ran in between."""
    batches = _batch(product), _batch(floor)
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, batch, taken in zip((product, floor), batches, samples, strict=True):
            taken.append(_sample(action, batch))
    return statistics.median(samples[0]), statistics.median(samples[1])


def analyze() -> None:
    """PostgreSQL: fresh planner statistics after bulk inserts, as autovacuum keeps them
    in a live database (without them the 5,000 rows look like 16 and plans go wrong)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


# --- in-process rows --------------------------------------------------------------------


def _get(client: Any, url: str) -> tuple[int, int]:
    response = client.get(url)
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return response.status_code, len(body)


def _api_client(user: Any) -> Any:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def row_list(table: Table, *, user: Any, repeat: int) -> None:
    client = _api_client(user)

    def product(size: int = 50) -> None:
        status, _ = _get(client, f"/api/v1/episodes/?page_size={size}")
        assert status == 200, status

    def floor() -> None:
        status, _ = _get(client, "/bench/episodes/")
        assert status == 200, status

    seconds, floor_seconds = timed_against(product, floor, repeat=repeat)
    queries = {size: count_queries(lambda s=size: product(s)) for size in (10, 50, 200)}
    ratio = floor_seconds / seconds
    constant = len(set(queries.values())) == 1
    table.add(
        Row(
            "GET /api/v1/episodes/ page of 50",
            ms(seconds),
            ms(floor_seconds),
            f"{ratio:.2f}x floor speed; {queries[50]} q",
            ">= 0.9x; q constant",
            verdict(ratio >= 0.9 and constant),
            "queries at page 10/50/200: " + "/".join(str(q) for q in queries.values()),
        )
    )


def row_evaluation(table: Table, *, small: Any, dense: Any, now: datetime, repeat: int) -> None:
    from alerts.selectors import SNAPSHOT
    from alerts.services import alerts_evaluate
    from symptoms.models import Episode

    for label, history in (("10 episodes", small), ("5,000 episodes in 110 days", dense)):
        user = history.user

        def run(user: Any = user) -> None:
            alerts_evaluate(user=user, now=now)

        def floor(user: Any = user) -> None:
            list(Episode.objects.filter(user=user, started_at__gte=now - SNAPSHOT).values())

        run()  # the first run raises the alerts; the figure is the steady state
        queries = count_statements(run)
        seconds, floor_seconds = timed_against(run, floor, repeat=repeat)
        ratio = seconds / floor_seconds
        table.add(
            Row(
                f"evaluation, {label}",
                ms(seconds),
                ms(floor_seconds),
                f"{ratio:.1f}x floor; {q(queries)}",
                "<= 3x; <= 5 q",
                verdict(ratio <= 3 and queries[0] <= 5),
                "floor: one query reading their episodes of the look-back window",
            )
        )


def _episodes_insert(*, ids: list[int], episodes_each: int, now: datetime) -> None:
    """Insert the quiet episodes straight through the cursor, in slices: a million model
    instances would take minutes to build and sit in memory at once. Every column comes
    from a template episode prepared by its field, so the rows are what the ORM writes."""
    import uuid

    from django.db import connection, transaction

    from symptoms.models import Episode

    template = Episode(
        user_id=0,
        started_at=now,
        ended_at=now,
        sensations=["burning"],
        locations=["calf"],
        side="left",
        severity=3,
        created_at=now,
        updated_at=now,
    )
    fields = [f for f in Episode._meta.concrete_fields if not f.primary_key]
    prepared = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
    column = {f.attname: n for n, f in enumerate(fields)}
    uuid_field = Episode._meta.get_field("uuid")
    started_field = Episode._meta.get_field("started_at")
    moments: dict[datetime, Any] = {}

    def moment(value: datetime) -> Any:
        if value not in moments:
            moments[value] = started_field.get_db_prep_save(value, connection)
        return moments[value]

    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(Episode._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    per_slice = max(1, 20_000 // max(1, episodes_each))
    for first in range(0, len(ids), per_slice):
        rows = []
        for user_id in ids[first : first + per_slice]:
            for n in range(episodes_each):
                started = now - timedelta(days=1 + 10 * n, hours=user_id % 12)
                row = list(prepared)
                row[column["user_id"]] = user_id
                row[column["uuid"]] = uuid_field.get_db_prep_save(uuid.uuid4(), connection)
                row[column["started_at"]] = moment(started)
                row[column["ended_at"]] = moment(started + timedelta(minutes=10))
                rows.append(row)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def population_add(*, start: int, count: int, episodes_each: int, now: datetime) -> list[int]:
    """``count`` more people with ``episodes_each`` quiet episodes (burning calf, 3/10, ten
    days apart: no rule fires) in the look-back window. Returns their user ids."""
    from django.contrib.auth import get_user_model

    from accounts.models import Profile

    user_model = get_user_model()
    users = [
        user_model(username=f"p{start + i}", email=f"p{start + i}@example.org", password="!")
        for i in range(count)
    ]
    user_model.objects.bulk_create(users, batch_size=2000)
    ids = [u.id for u in users if u.id is not None]
    if len(ids) != len(users):  # a database that returns no ids from a bulk insert
        ids = list(
            user_model.objects.filter(username__in=[u.username for u in users]).values_list(
                "id", flat=True
            )
        )
    Profile.objects.bulk_create(
        [Profile(user_id=i, timezone="Asia/Jakarta") for i in ids], batch_size=2000
    )
    _episodes_insert(ids=ids, episodes_each=episodes_each, now=now)
    return ids


def row_sweep(
    table: Table, *, people: int, episodes_each: int, needing: int, now: datetime
) -> None:
    """The sweep at people/10, people and people*10 (by default 100, 1,000 and the issue's
    10,000 people with 100 episodes each: 1,000,000 at the top), with ``needing`` people
    marked, and ``needing*10`` at the largest population."""
    from django.db.models import Count, Max

    from accounts.models import Profile
    from alerts.services import alerts_sweep
    from symptoms.models import Episode

    ids: list[int] = []
    points = []
    for population in (people // 10, people, people * 10):
        started = time.perf_counter()
        ids += population_add(
            start=len(ids), count=population - len(ids), episodes_each=episodes_each, now=now
        )
        analyze()
        made = time.perf_counter() - started
        marks = [needing] if population != people * 10 else [needing, needing * 10]
        for marked in marks:
            chosen = ids[:: max(1, len(ids) // marked)][:marked]

            def mark(chosen: list[int] = chosen) -> None:
                Profile.objects.filter(user_id__in=chosen).update(evaluation_requested_at=now)

            def sweep(chosen: list[int] = chosen) -> None:
                queued = alerts_sweep(now=now)
                assert len(queued) == len(chosen), (len(queued), len(chosen))

            mark()
            sweep()  # the first evaluations raise whatever they raise; untimed
            times = []
            for _ in range(3):
                mark()
                begin = time.perf_counter()
                sweep()
                times.append(time.perf_counter() - begin)
            seconds = statistics.median(times)
            mark()
            tracemalloc.start()
            sweep()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

            def floor() -> None:
                Episode.objects.aggregate(n=Count("id"), last=Max("started_at"))

            floor_seconds = timed(floor, repeat=3)
            points.append((population, marked, seconds, floor_seconds, peak))
            table.add(
                Row(
                    f"sweep, {population:,} people, {marked} to evaluate",
                    ms(seconds),
                    ms(floor_seconds),
                    f"{seconds / floor_seconds:.1f}x floor; peak {peak / 2**20:.1f} MiB",
                    "<= 5x; flat memory",
                    "info",
                    f"{population * episodes_each:,} episodes (made in {made:.0f} s)",
                )
            )
    same = [p for p in points if p[1] == needing]
    growth_population = same[-1][2] / same[0][2]
    growth_needing = points[-1][2] / points[-2][2]
    memory = same[-1][4] / same[0][4]
    ratio = same[-1][2] / same[-1][3]  # the 10,000 people and 1,000,000 episodes
    table.add(
        Row(
            "sweep: cost growth",
            f"x{growth_population:.2f} for 100x people",
            f"x{growth_needing:.2f} for 10x to evaluate",
            f"{ratio:.1f}x floor at {people * 10:,}; mem x{memory:.2f}",
            "<= 5x; grows with need",
            verdict(ratio <= 5 and growth_population < 2 and growth_needing > 3 and memory < 2),
            "floor: one COUNT/MAX pass over every episode",
        )
    )


def row_dashboard(table: Table, *, user: Any, empty: Any, repeat: int) -> None:
    from django.test import Client

    pages = {}
    for name, person in (("heavy", user), ("empty", empty)):
        client = Client()
        client.force_login(person)

        def page(client: Any = client) -> None:
            status, _ = _get(client, "/")
            assert status == 200, status

        pages[name] = page
    seconds, floor_seconds = timed_against(pages["heavy"], pages["empty"], repeat=repeat)
    queries = count_statements(pages["heavy"])
    ratio = seconds / floor_seconds
    table.add(
        Row(
            "dashboard, heavy person (5 years)",
            ms(seconds),
            ms(floor_seconds),
            f"{ratio:.1f}x floor; {q(queries)}",
            "<= 3x; <= 15 q",
            verdict(ratio <= 3 and queries[0] <= 15),
            "floor: the same page for a person with no data",
        )
    )


def row_insights(table: Table, *, user: Any, now: datetime, repeat: int) -> None:
    from insights.selectors import insights_get
    from symptoms.models import Episode
    from tracker.models import Workout

    def product() -> None:
        insights_get(user=user, now=now)

    def floor() -> None:
        list(Workout.objects.filter(user=user).values())
        list(Episode.objects.filter(user=user).values())

    queries = count_queries(product)
    seconds, floor_seconds = timed_against(product, floor, repeat=repeat)
    ratio = seconds / floor_seconds
    table.add(
        Row(
            "insights, heavy person",
            ms(seconds),
            ms(floor_seconds),
            f"{ratio:.1f}x floor; {queries} q",
            "<= 5x",
            verdict(ratio <= 5),
            "floor: one read of their workouts and one of their episodes",
        )
    )


def _build(*, user: Any, fmt: str, start: Any, end: Any) -> int:
    """Build an export as its job does (a history this long is answered 202 and built in
    the worker), reading the chunks one by one as a stream would. Returns the bytes."""
    from reports.formats import export_build

    result = export_build(user=user, format=fmt, start=start, end=end)
    return sum(len(chunk) for chunk in result.chunks)


def row_pdf(table: Table, *, history: Any, now: datetime) -> None:
    """The export builder for 90 days and 5 years, each after one untimed build like every
    other row; the first PDF of a process, which also pays the imports (the insights'
    numpy, scipy, statsmodels and lifelines; pygal; WeasyPrint is warm from the floor),
    is stated in the note."""
    import weasyprint

    today = now.date()

    def floor() -> None:
        weasyprint.HTML(string="<h1>LegLog</h1><p>One page.</p>").write_pdf()

    floor_seconds = measure(floor, repeat=3)
    first: float | None = None
    for label, start in (
        ("90 days", today - timedelta(days=90)),
        ("5 years", history.first.date()),
    ):

        def pdf(start: Any = start) -> None:
            _build(user=history.user, fmt="pdf", start=start, end=today)

        note = "floor: WeasyPrint rendering a one-page document"
        if first is None:
            started = time.perf_counter()
            pdf()
            first = time.perf_counter() - started
            note += f"; the first PDF of the process took {ms(first)} (imports)"
        seconds = timed(pdf, repeat=2)
        table.add(
            Row(
                f"PDF, {label}",
                ms(seconds),
                ms(floor_seconds),
                f"{seconds / floor_seconds:.1f}x floor",
                "state; 5 y < 15 s" if label == "5 years" else "state",
                verdict(seconds < 15) if label == "5 years" else "info",
                note,
            )
        )


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def peak_rss_growth(action: Callable[[], Any]) -> float:
    """MiB the resident set's peak grew by during ``action`` (Linux: the peak is reset
    through /proc/self/clear_refs first)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return float("nan")
    before = _rss_kib("VmRSS")
    action()
    return (_rss_kib("VmHWM") - before) / 1024


def heap_peak(action: Callable[[], Any]) -> float:
    """MiB of the Python heap's peak during ``action`` (tracemalloc): what the action
    holds at once, whatever the allocator had already reserved."""
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def row_json_export(table: Table, *, history: Any, now: datetime, repeat: int) -> None:
    from symptoms.models import Episode
    from tracker.models import BodyWeight, Workout

    today = now.date()
    user = history.user
    sizes = {}

    def export(start: Any) -> Callable[[], None]:
        def run() -> None:
            sizes[start] = _build(user=user, fmt="json", start=start, end=today)

        return run

    def floor() -> None:
        rows = {
            "workouts": list(Workout.objects.filter(user=user).values()),
            "episodes": list(Episode.objects.filter(user=user).values()),
            "body_weights": list(BodyWeight.objects.filter(user=user).values()),
        }
        json.dumps(rows, default=str)

    whole = export(history.first.date())
    short = export(today - timedelta(days=90))
    seconds, floor_seconds = timed_against(whole, floor, repeat=repeat)
    growth_whole = peak_rss_growth(whole)
    growth_short = peak_rss_growth(short)
    growth_floor = peak_rss_growth(floor)
    heap_whole, heap_short, heap_floor = heap_peak(whole), heap_peak(short), heap_peak(floor)
    ratio = seconds / floor_seconds
    table.add(
        Row(
            "JSON export, heavy person (5 years)",
            ms(seconds),
            ms(floor_seconds),
            f"{ratio:.1f}x floor; heap peak {heap_whole:.1f} MiB",
            "<= 3x; streamed, flat",
            verdict(ratio <= 3 and heap_whole < heap_floor),
            f"{sizes[history.first.date()] / 2**20:.1f} MiB body; heap peak 90 days "
            f"{heap_short:.1f} MiB, json.dumps floor {heap_floor:.1f} MiB; peak RSS growth "
            f"+{growth_whole:.1f} MiB (90 days +{growth_short:.1f}, floor +{growth_floor:.1f})",
        )
    )


# --- subprocess rows: gunicorn, redis, celery ---------------------------------------------


# Each of wrk's 2 threads takes turns over its half of the people's tokens (8 each, one
# per connection's worth): 16 people posting, as a deployment serves many people, not one
# person posting 16 things at once (their writes all queued on that person's profile row).
HTTP_PEOPLE = 16
# The POST rows alternate this many wrk runs of the product and of the floor.
HTTP_ROUNDS = 3

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = [[%s]]
wrk.headers["Content-Type"] = "application/json"
local tokens = {%s}
local threads = 0
function setup(thread)
  thread:set("first", threads * math.floor(#tokens / 2))
  threads = threads + 1
end
local sent = 0
function request()
  sent = sent + 1
  local half = math.floor(#tokens / 2)
  wrk.headers["Authorization"] = "Token " .. tokens[first + (sent %% half) + 1]
  return wrk.format()
end
"""


def wrk(
    url: str, *, body: dict[str, Any], tokens: list[str], seconds: int, directory: Path
) -> tuple[float, int, int]:
    """Requests per second, requests and non-2xx answers of 16 clients POSTing ``body``,
    spread over the people of ``tokens`` (16 of them)."""
    script = directory / "post.lua"
    script.write_text(WRK_SCRIPT % (json.dumps(body), ", ".join(f'"{t}"' for t in tokens)))
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = requests = errors = 0.0
    for line in output.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(words[1])
        elif "requests in" in line:
            requests = float(words[0])
        elif line.strip().startswith("Non-2xx"):
            errors = float(words[-1])
        elif line.strip().startswith("Socket errors"):
            errors += sum(float(w.strip(",")) for w in words if w.strip(",").isdigit())
    return rate, int(requests), int(errors)


def rows_http(
    table: Table, processes: Processes, *, tokens: list[str], seconds: int, now: datetime
) -> None:
    if shutil.which("wrk") is None:
        table.add(Row("POST /api/v1/episodes/", "", "", "", ">= 0.8x", "missed", "no wrk on PATH"))
        return
    started = (now - timedelta(days=2)).isoformat()
    episode = {
        "started_at": started,
        "ended_at": (now - timedelta(days=2) + timedelta(minutes=20)).isoformat(),
        "sensations": ["tingling"],
        "locations": ["calf"],
        "side": "left",
        "severity": 4,
    }
    results: dict[int, dict[str, tuple[float, int, int]]] = {}
    for workers in (1, 2):
        port = free_port()
        name = f"web{workers}"
        up = processes.start_web(
            name,
            port=port,
            workers=workers,
            options=[
                *("--worker-class", "gthread", "--timeout", "60"),
                *("--env", "DJANGO_SETTINGS_MODULE=bench.settings"),
            ],
        )
        if not up:
            processes.stop(name)
            table.add(
                Row(
                    "POST /api/v1/episodes/",
                    "",
                    "",
                    "",
                    ">= 0.8x",
                    "missed",
                    "gunicorn did not start",
                )
            )
            return
        base = f"http://127.0.0.1:{port}"
        wrk(
            f"{base}/bench/notes/",
            body={"text": "warm"},
            tokens=tokens,
            seconds=1,
            directory=processes.dir,
        )
        wrk(
            f"{base}/api/v1/episodes/",
            body=episode,
            tokens=tokens,
            seconds=1,
            directory=processes.dir,
        )
        # Short runs of each in turn, the median of each's rates: two long runs one after
        # the other would also measure what else the machine did in between.
        runs: dict[str, list[tuple[float, int, int]]] = {"product": [], "floor": []}
        for _ in range(HTTP_ROUNDS):
            for kind, path, body in (
                ("product", "/api/v1/episodes/", episode),
                ("floor", "/bench/notes/", {"text": "a note"}),
            ):
                runs[kind].append(
                    wrk(
                        f"{base}{path}",
                        body=body,
                        tokens=tokens,
                        seconds=seconds,
                        directory=processes.dir,
                    )
                )
        results[workers] = {
            kind: (
                statistics.median(rate for rate, _, _ in taken),
                sum(requests for _, requests, _ in taken),
                sum(errors for _, _, errors in taken),
            )
            for kind, taken in runs.items()
        }
        processes.stop(name)
    (rate, requests, errors), (floor_rate, floor_requests, floor_errors) = (
        results[2]["product"],
        results[2]["floor"],
    )
    ratio = rate / floor_rate
    table.add(
        Row(
            "POST /api/v1/episodes/, 16 clients (wrk)",
            f"{rate:,.0f}/s",
            f"{floor_rate:,.0f}/s",
            f"{ratio:.2f}x floor",
            ">= 0.8x",
            verdict(ratio >= 0.8 and errors == 0),
            f"gunicorn 2 workers x 4 threads; {len(tokens)} people; {requests} requests, "
            f"{errors} not 2xx (floor {floor_requests}, {floor_errors}); floor: bare "
            "CreateAPIView, one table",
        )
    )
    web = results[2]["product"][0] / results[1]["product"][0]
    web_floor = results[2]["floor"][0] / results[1]["floor"][0]
    table.add(
        Row(
            "scale out: 2 vs 1 web processes (POST)",
            f"{results[2]['product'][0]:,.0f}/s",
            f"{results[1]['product'][0]:,.0f}/s",
            f"{web:.2f}x (floor view {web_floor:.2f}x)",
            ">= 1.6x where CPU allows",
            "info",
            f"{os.cpu_count()} CPUs shared with wrk and the database",
        )
    )


def _redis(port: int) -> Any:
    import redis

    return redis.Redis(host="127.0.0.1", port=port)


def rows_celery(table: Table, processes: Processes, *, user_ids: list[int], tasks: int) -> None:
    from celery import Celery

    from bench.floor.tasks import NOOP
    from common.tasknames import TaskName

    if "redis" not in processes.running:
        table.add(Row("Celery evaluations/s", "", "", "", ">= 0.3x", "missed", "no redis-server"))
        return
    client = _redis(processes.redis_port)
    client.flushall()  # the evaluations the POSTs queued
    sender = Celery(broker=processes.env["REDIS_URL"])

    def drained() -> bool:
        return client.llen("celery") == 0 and client.hlen("unacked") == 0

    def run(name: str, count: int) -> float:
        begin = time.perf_counter()
        with sender.connection_for_write() as connection:
            for n in range(count):
                sender.send_task(name, args=[user_ids[n % len(user_ids)]], connection=connection)
        if not wait_until(drained, 300, 0.01):
            raise RuntimeError(f"{name}: the queue did not drain")
        return count / (time.perf_counter() - begin)

    rates: dict[int, dict[str, float]] = {}
    for concurrency in (1, 2):
        name = f"worker{concurrency}"
        processes.start_worker(
            name, concurrency=concurrency, options=["--pool", "prefork", "--without-heartbeat"]
        )
        run(NOOP, 4)  # the worker is up and its processes forked
        run(TaskName.EVALUATE_USER, min(len(user_ids), 20))  # first evaluations, untimed
        rates[concurrency] = {
            "evaluate": run(TaskName.EVALUATE_USER, tasks),
            "noop": run(NOOP, tasks),
        }
        processes.stop(name)
    processes.stop("redis")
    ratio = rates[2]["evaluate"] / rates[2]["noop"]
    table.add(
        Row(
            "Celery evaluations/s, 1 worker x 2 processes",
            f"{rates[2]['evaluate']:,.0f}/s",
            f"{rates[2]['noop']:,.0f}/s",
            f"{ratio:.2f}x floor",
            ">= 0.3x",
            verdict(ratio >= 0.3),
            f"{tasks} tasks each, Redis; floor: a no-op task",
        )
    )
    scale = rates[2]["evaluate"] / rates[1]["evaluate"]
    table.add(
        Row(
            "scale out: 2 vs 1 worker processes",
            f"{rates[2]['evaluate']:,.0f}/s",
            f"{rates[1]['evaluate']:,.0f}/s",
            f"{scale:.2f}x (no-op {rates[2]['noop'] / rates[1]['noop']:.2f}x)",
            ">= 1.6x where CPU allows",
            "info",
            f"{os.cpu_count()} CPUs shared with Redis and the database",
        )
    )


# --- the run ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000, help="the sweep's middle population")
    parser.add_argument("--needing", type=int, default=10, help="people the sweep evaluates")
    parser.add_argument(
        "--episodes-each", type=int, default=100, help="episodes of each person the sweep sees"
    )
    parser.add_argument(
        "--seconds", type=int, default=2, help=f"each wrk run ({HTTP_ROUNDS} of each kind)"
    )
    parser.add_argument("--tasks", type=int, default=300, help="tasks per Celery run")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="rows: list evaluation sweep dashboard insights pdf export http celery",
    )
    options = parser.parse_args()
    os.environ["BENCH_SETTINGS"] = "bench.settings"

    from bench.harness import configure

    configure(settings="bench.settings")
    from django.db import connection
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from accounts.services import user_register
    from bench.generate import history_generate

    wanted = set(options.only)

    def want(name: str) -> bool:
        return not wanted or name in wanted

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    table = Table()
    processes: Processes | None = None
    vendor = connection.vendor
    began = time.perf_counter()
    try:
        settings = connection.settings_dict
        if vendor == "sqlite":
            database_url = f"sqlite:///{settings['NAME']}"
        else:
            database_url = (
                f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )
        now = timezone.now()
        print(
            f"LegLog benchmarks (issue 14) on {vendor} ({settings['NAME']}), {os.cpu_count()} CPUs"
        )
        started = time.perf_counter()
        spread = history_generate(
            username="years", years=5, episodes=5000, now=now, symptom_free_share=0.3
        )
        dense = history_generate(
            username="dense", years=0.5, episodes=5000, now=now, episode_days=110
        )
        small = history_generate(username="small", years=0.25, episodes=10, now=now)
        empty = user_register(
            username="empty", email="empty@example.org", password="bench-empty-not-a-password-7"
        )
        posters = [
            user_register(
                username=f"writer{n:02}",
                email=f"writer{n:02}@example.org",
                password="bench-writer-not-a-password-7",
            )
            for n in range(1, HTTP_PEOPLE + 1)
        ]
        print(
            f"generated in {time.perf_counter() - started:.1f} s: 'years' {spread.workouts} "
            f"workouts, {spread.episodes} episodes over 5 years; 'dense' 5,000 episodes in "
            f"110 days; 'small' 10 episodes"
        )
        analyze()
        print(f"  {'figure':<46} {'result':<30} {'target':<22} verdict")
        if want("list"):
            row_list(table, user=spread.user, repeat=options.repeat)
        if want("evaluation"):
            row_evaluation(table, small=small, dense=dense, now=now, repeat=options.repeat)
        if want("dashboard"):
            row_dashboard(table, user=spread.user, empty=empty, repeat=options.repeat)
        if want("insights"):
            row_insights(table, user=spread.user, now=now, repeat=options.repeat)
        if want("pdf"):
            row_pdf(table, history=spread, now=now)
        if want("export"):
            row_json_export(table, history=spread, now=now, repeat=options.repeat)
        if want("sweep") or want("celery"):
            row_sweep(
                table,
                people=options.people,
                episodes_each=options.episodes_each,
                needing=options.needing,
                now=now,
            )
        if want("http") or want("celery"):
            processes = Processes(
                directory=BASE_DIR / "var" / "bench-run",
                env={
                    "DJANGO_SETTINGS_MODULE": "bench.settings",
                    "DATABASE_URL": database_url,
                    "CELERY_EAGER": "0",
                },
            )
            # As in production: the web publishes every write's evaluation to Redis (without
            # it, each publish would wait for its timeout). Without redis-server the Celery
            # rows say so.
            processes.start_redis()
            connection.close()  # SQLite: the subprocesses write to the same file
        if want("http") and processes is not None:
            tokens = [Token.objects.get_or_create(user=poster)[0].key for poster in posters]
            rows_http(table, processes, tokens=tokens, seconds=options.seconds, now=now)
        if want("celery") and processes is not None:
            from django.contrib.auth import get_user_model

            user_ids = list(
                get_user_model()
                .objects.filter(username__startswith="p")
                .order_by("id")
                .values_list("id", flat=True)[: options.tasks]
            )
            rows_celery(table, processes, user_ids=user_ids, tasks=options.tasks)
    finally:
        if processes is not None:
            processes.stop_all()
        connection.close()
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()
    elapsed = time.perf_counter() - began
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{vendor}-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "database": vendor,
                "cpus": os.cpu_count(),
                "seconds": round(elapsed, 1),
                "options": vars(options),
                "rows": [asdict(row) for row in table.rows],
            },
            indent=2,
        )
    )
    print()
    print(markdown(table, vendor=vendor, elapsed=elapsed))
    print(f"\nwritten to {path.relative_to(BASE_DIR)}")
    return 0


def markdown(table: Table, *, vendor: str, elapsed: float) -> str:
    lines = [
        f"{vendor}, {os.cpu_count()} CPUs, whole run {elapsed:.0f} s",
        "",
        "| figure | value | floor | result | target | verdict | note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in table.rows:
        lines.append(
            f"| {row.figure} | {row.value} | {row.floor} | {row.result} | {row.target} "
            f"| {row.met} | {row.note} |"
        )
    return "\n".join(lines)

"""The benchmarks. Each takes the run's Context, prints rows, and skips with a note
when the code it measures is not there."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bench.generate import GeneratedHistory
from bench.harness import Report, count_queries, measure


@dataclass
class Context:
    report: Report
    floor: float
    now: datetime
    repeat: int
    spread: GeneratedHistory
    dense: GeneratedHistory
    small: GeneratedHistory

    def times_floor(self, seconds: float) -> str:
        return f"{seconds / self.floor:,.0f}x floor"


def floor(report: Report, *, user: Any, repeat: int) -> float:
    """The unit of every ratio: the newest workout's id, by the (user, started_at) index."""
    from tracker.models import Workout

    def newest() -> None:
        list(
            Workout.objects.filter(user=user)
            .order_by("-started_at")
            .values_list("id", flat=True)[:1]
        )

    seconds = measure(newest, repeat=repeat, warmup=5)
    report.add("floor: one indexed query (newest workout id)", seconds, ratio="1x floor")
    return seconds


def evaluate(context: Context) -> None:
    """One pattern evaluation, steady state (the first run, which raises alerts, untimed)."""
    try:
        from alerts.services import alerts_evaluate
    except ImportError as error:
        context.report.skip("pattern evaluation", f"alerts.services is missing ({error})")
        return

    for label, history in (
        ("10 episodes", context.small),
        (f"{context.spread.episodes} episodes over the years", context.spread),
        (f"{context.dense.episodes} episodes in 110 days", context.dense),
    ):

        def run(user: Any = history.user) -> None:
            alerts_evaluate(user=user, now=context.now)

        first = measure(run, repeat=1, warmup=0)
        queries = count_queries(run)
        seconds = measure(run, repeat=context.repeat, warmup=0)
        context.report.add(
            f"evaluate: {label}",
            seconds,
            ratio=context.times_floor(seconds),
            note=f"{queries} queries; first run {first * 1000:.0f} ms",
        )


def _client(user: Any) -> Any:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def _get(client: Any, url: str) -> tuple[int, int]:
    """Status and body size; a streamed body is read to the end."""
    response = client.get(url)
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code, len(body)


def api(context: Context) -> None:
    """List endpoints: a page of 200 against a page of 10 (queries must not grow)."""
    client = _client(context.spread.user)
    for resource in ("episodes", "workouts", "body-weights"):
        url = f"/api/v1/{resource}/"
        status, _size = _get(client, f"{url}?page_size=10")
        if status != 200:
            context.report.skip(f"list {resource}", f"GET {url} answered {status}")
            continue
        results: dict[int, tuple[float, int]] = {}
        for size in (10, 200):

            def page(address: str = f"{url}?page_size={size}") -> None:
                _get(client, address)

            results[size] = (measure(page, repeat=context.repeat), count_queries(page))
        for size, (seconds, queries) in results.items():
            context.report.add(
                f"list {resource}: page of {size}",
                seconds,
                ratio=context.times_floor(seconds),
                note=f"{queries} queries",
            )
        ratio = results[200][0] / results[10][0]
        print(f"  {'':<52} page of 200 / page of 10 = {ratio:.1f}")


def export(context: Context) -> None:
    """Exports of the whole history (years) against the last 90 days."""
    client = _client(context.spread.user)
    today = context.now.date()
    ranges = {
        "90 days": (today - timedelta(days=90), today),
        "all years": (context.spread.first.date(), today),
    }
    for format_name in ("json", "csv", "fhir", "pdf"):
        timings: dict[str, float] = {}
        for label, (start, end) in ranges.items():
            url = f"/api/v1/export/?format={format_name}&from={start}&to={end}"
            status, size = _get(client, url)
            if status != 200:
                context.report.skip(f"export {format_name}", f"GET {url} answered {status}")
                break

            def fetch(address: str = url) -> None:
                _get(client, address)

            timings[label] = measure(fetch, repeat=context.repeat)
            context.report.add(
                f"export {format_name}: {label}",
                timings[label],
                ratio=context.times_floor(timings[label]),
                note=f"{size / 1024:,.0f} KiB",
            )
        if len(timings) == 2:
            ratio = timings["all years"] / timings["90 days"]
            print(f"  {'':<52} all years / 90 days = {ratio:.1f}")


def pages(context: Context) -> None:
    """Server-rendered pages for a person with years of history."""
    from django.test import Client

    client = Client()
    client.force_login(context.spread.user)
    for label, url in (("dashboard", "/"), ("episode history", "/episodes/")):
        status, size = _get(client, url)
        if status != 200:
            context.report.skip(f"page {label}", f"GET {url} answered {status}")
            continue

        def render(address: str = url) -> None:
            _get(client, address)

        seconds = measure(render, repeat=context.repeat)
        context.report.add(
            f"page {label}",
            seconds,
            ratio=context.times_floor(seconds),
            note=f"{count_queries(render)} queries, {size / 1024:,.0f} KiB",
        )


ALL: dict[str, Callable[[Context], None]] = {
    "evaluate": evaluate,
    "api": api,
    "export": export,
    "pages": pages,
}

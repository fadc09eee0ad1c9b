"""The JSON export, streamed a few hundred rows at a time."""

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from django.utils import timezone

from insights.presenters import insight_data, insight_rows
from insights.selectors import insights_get
from reports.exports.rows import (
    CHUNK,
    SCHEMA_VERSION,
    Progress,
    alert_evidence,
    alert_item,
    alerts_for,
    body_weight_item,
    body_weight_rows,
    episode_item,
    episode_rows,
    iso_time,
    workout_item,
    workout_rows,
)
from reports.selectors import Period, user_zone


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_export_chunks(
    *,
    user: Any,
    period: Period | None,
    now: datetime | None = None,
    progress: Progress = None,
) -> Iterator[str]:
    """The JSON export in pieces of text, a few hundred rows at a time."""
    zone = user_zone(user=user)
    profile = getattr(user, "profile", None)
    head = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": iso_time(now or timezone.now(), zone),
        "period": {
            "from": period.start.isoformat() if period else None,
            "to": period.end.isoformat() if period else None,
        },
        "profile": {
            "timezone": str(zone),
            "language": profile.language if profile else "en",
            "birth_year": profile.birth_year if profile else None,
            "sex": profile.sex if profile else "",
        },
    }
    yield _dump(head)[:-1]

    def section(
        name: str, rows: Iterable[Any], item: Callable[[Any], dict[str, Any]], done: int
    ) -> Iterator[str]:
        """One list, encoded ``CHUNK`` items per ``json.dumps`` (the same text as one call
        per item joined by commas)."""
        yield f',"{name}":['
        rows = iter(rows)
        separator = ""
        while chunk := [item(row) for row in islice(rows, CHUNK)]:
            yield separator + _dump(chunk)[1:-1]
            separator = ","
        yield "]"
        if progress:
            progress(done)

    yield from section(
        "workouts", workout_rows(user=user, period=period), lambda w: workout_item(w, zone), 40
    )
    yield from section(
        "body_weights", body_weight_rows(user=user, period=period), body_weight_item, 50
    )
    yield from section(
        "episodes", episode_rows(user=user, period=period), lambda e: episode_item(e, zone), 90
    )
    alerts = list(alerts_for(user=user, period=period))
    evidence = alert_evidence(user=user, alerts=alerts)
    yield from section("alerts", alerts, lambda a: alert_item(a, zone, evidence), 99)
    # Derived, not re-imported: what the period's sessions say per activity.
    insights = insights_get(
        user=user,
        now=now or timezone.now(),
        start=period.start_at if period else None,
        end=period.end_at if period else None,
    )
    yield from section("insights", insight_rows(insights), insight_data, 99)
    yield "}\n"

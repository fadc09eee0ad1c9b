"""The JSON export, streamed a few hundred rows at a time."""

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.utils import timezone

from insights.presenters import insight_data, insight_rows
from insights.selectors import insights_get
from reports.exports.rows import (
    CHUNK,
    SCHEMA_VERSION,
    Progress,
    alert_item,
    alerts_for,
    body_weight_item,
    body_weights_for,
    episode_item,
    episode_uuids_of,
    episodes_for,
    iso_time,
    workout_item,
    workouts_for,
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

    def section(name: str, items: Iterable[dict[str, Any]], done: int) -> Iterator[str]:
        yield f',"{name}":['
        buffer: list[str] = []
        first = True
        for item in items:
            buffer.append(_dump(item))
            if len(buffer) >= CHUNK:
                yield ("" if first else ",") + ",".join(buffer)
                first, buffer = False, []
        if buffer:
            yield ("" if first else ",") + ",".join(buffer)
        yield "]"
        if progress:
            progress(done)

    workouts = workouts_for(user=user, period=period).iterator(chunk_size=CHUNK)
    yield from section("workouts", (workout_item(w, zone) for w in workouts), 40)
    weights = body_weights_for(user=user, period=period).iterator(chunk_size=CHUNK)
    yield from section("body_weights", (body_weight_item(w) for w in weights), 50)
    episodes = episodes_for(user=user, period=period).iterator(chunk_size=CHUNK)
    yield from section("episodes", (episode_item(e, zone) for e in episodes), 90)
    alerts = list(alerts_for(user=user, period=period))
    uuids = episode_uuids_of(user=user, alerts=alerts)
    yield from section("alerts", (alert_item(a, zone, uuids) for a in alerts), 99)
    # Derived, not re-imported: what the period's sessions say per activity.
    insights = insights_get(
        user=user,
        now=now or timezone.now(),
        start=period.start_at if period else None,
        end=period.end_at if period else None,
    )
    yield from section("insights", (insight_data(row) for row in insight_rows(insights)), 99)
    yield "}\n"

"""The user's data as JSON (re-importable) and as a zip of CSV files, streamed in pieces.

JSON layout (``SCHEMA_VERSION`` 1)::

    {"schema_version": 1, "exported_at": "...", "period": {"from": null, "to": null},
     "profile": {"timezone", "language", "birth_year", "sex"},
     "workouts": [{"uuid", "activity", "started_at", "duration_minutes", "intensity",
                   "tight_clothing", "notes", "symptom_free_at"}],
     "body_weights": [{"measured_on", "weight_kg"}],
     "episodes": [{"uuid", "workout" (a workout uuid or null), "started_at", "ended_at",
                   "sensations", "locations", "side", "severity", "accompanying",
                   "relief_actions", "notes"}],
     "alerts": [{"uuid", "rule", "level", "identity", "context", "episodes" (uuids),
                 "workouts" (uuids), "created_at", "acknowledged_at"}]}

Rows are identified by their ``uuid`` (body weights by ``measured_on``), never by database
id, so an import into another account recreates the same history. Times carry the
user's offset. A per-episode alert identity ``episode:<id>`` is written as
``episode:<uuid>`` so it survives the move. Linked workouts of the episodes in a period
are exported with them even when they started before it.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from alerts.messages import alert_message, alert_title
from alerts.models import Alert
from reports.selectors import Period, user_zone
from symptoms.models import Episode
from tracker.models import BodyWeight, Workout

SCHEMA_VERSION = 1
CHUNK = 500
EPISODE_IDENTITY = re.compile(r"^episode:(\d+)$")

Progress = Callable[[int], None] | None


def _time(value: datetime | None, zone: Any) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


def _in_period(field: str, period: Period | None) -> Q:
    if period is None:
        return Q()
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


def workouts_for(*, user: Any, period: Period | None) -> Any:
    """Workouts started in the period, and those linked to its episodes, oldest first."""
    workouts = Workout.objects.filter(user=user).order_by("started_at", "id")
    if period is None:
        return workouts
    linked = Episode.objects.filter(Q(user=user) & _in_period("started_at", period)).values(
        "workout_id"
    )
    return workouts.filter(_in_period("started_at", period) | Q(id__in=linked))


def episodes_for(*, user: Any, period: Period | None) -> Any:
    return (
        Episode.objects.filter(Q(user=user) & _in_period("started_at", period))
        .select_related("workout")
        .order_by("started_at", "id")
    )


def body_weights_for(*, user: Any, period: Period | None) -> Any:
    weights = BodyWeight.objects.filter(user=user)
    if period is not None:
        weights = weights.filter(measured_on__gte=period.start, measured_on__lte=period.end)
    return weights.order_by("measured_on")


def alerts_for(*, user: Any, period: Period | None) -> Any:
    return (
        Alert.objects.filter(Q(user=user) & _in_period("created_at", period))
        .prefetch_related(
            Prefetch("episodes", queryset=Episode.objects.only("id", "uuid").order_by("id")),
            Prefetch("workouts", queryset=Workout.objects.only("id", "uuid").order_by("id")),
        )
        .order_by("created_at", "id")
    )


def workout_item(workout: Workout, zone: Any) -> dict[str, Any]:
    return {
        "uuid": str(workout.uuid),
        "activity": workout.activity,
        "started_at": _time(workout.started_at, zone),
        "duration_minutes": workout.duration_minutes,
        "intensity": workout.intensity,
        "tight_clothing": workout.tight_clothing,
        "notes": workout.notes,
        "symptom_free_at": _time(workout.symptom_free_at, zone),
    }


def body_weight_item(weight: BodyWeight) -> dict[str, Any]:
    return {"measured_on": weight.measured_on.isoformat(), "weight_kg": str(weight.weight_kg)}


def episode_item(episode: Episode, zone: Any) -> dict[str, Any]:
    return {
        "uuid": str(episode.uuid),
        "workout": str(episode.workout.uuid) if episode.workout is not None else None,
        "started_at": _time(episode.started_at, zone),
        "ended_at": _time(episode.ended_at, zone),
        "sensations": list(episode.sensations),
        "locations": list(episode.locations),
        "side": episode.side,
        "severity": episode.severity,
        "accompanying": list(episode.accompanying),
        "relief_actions": list(episode.relief_actions),
        "notes": episode.notes,
    }


def alert_item(alert: Alert, zone: Any, episode_uuids: dict[int, str]) -> dict[str, Any]:
    identity = alert.identity
    match = EPISODE_IDENTITY.match(identity)
    if match and int(match.group(1)) in episode_uuids:
        identity = f"episode:{episode_uuids[int(match.group(1))]}"
    return {
        "uuid": str(alert.uuid),
        "rule": alert.rule,
        "level": alert.level,
        "identity": identity,
        "context": alert.context,
        "episodes": sorted(str(episode.uuid) for episode in alert.episodes.all()),
        "workouts": sorted(str(workout.uuid) for workout in alert.workouts.all()),
        "created_at": _time(alert.created_at, zone),
        "acknowledged_at": _time(alert.acknowledged_at, zone),
    }


def _episode_uuids_of(*, user: Any, alerts: list[Alert]) -> dict[int, str]:
    ids = [
        int(match.group(1))
        for alert in alerts
        if (match := EPISODE_IDENTITY.match(alert.identity)) is not None
    ]
    return {
        pk: str(value)
        for pk, value in Episode.objects.filter(user=user, id__in=ids).values_list("id", "uuid")
    }


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
        "exported_at": _time(now or timezone.now(), zone),
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
    uuids = _episode_uuids_of(user=user, alerts=alerts)
    yield from section("alerts", (alert_item(a, zone, uuids) for a in alerts), 99)
    yield "}\n"


# --- CSV ------------------------------------------------------------------------------

WORKOUT_COLUMNS = [
    "uuid",
    "activity",
    "started_at",
    "duration_minutes",
    "intensity",
    "tight_clothing",
    "notes",
    "symptom_free_at",
]
BODY_WEIGHT_COLUMNS = ["measured_on", "weight_kg"]
EPISODE_COLUMNS = [
    "uuid",
    "workout",
    "started_at",
    "ended_at",
    "duration_minutes",
    "sensations",
    "locations",
    "side",
    "severity",
    "accompanying",
    "relief_actions",
    "notes",
]
ALERT_COLUMNS = [
    "uuid",
    "created_at",
    "level",
    "rule",
    "title",
    "message",
    "acknowledged_at",
    "episodes",
    "workouts",
]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _csv_rows(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """CSV text (UTF-8 with BOM so spreadsheet programs read the accents) in chunks."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    yield "\ufeff".encode()
    for count, row in enumerate(rows, start=1):
        writer.writerow({key: _cell(value) for key, value in row.items()})
        if count % CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


class _Pipe(io.RawIOBase):
    """A write-only, unseekable file whose bytes are collected and handed out in chunks."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks = []
        return data


def csv_zip_chunks(
    *, user: Any, period: Period | None, progress: Progress = None
) -> Iterator[bytes]:
    """A zip holding workouts.csv, body_weights.csv, episodes.csv and alerts.csv."""
    zone = user_zone(user=user)
    pipe = _Pipe()

    def episode_row(episode: Episode) -> dict[str, Any]:
        row = episode_item(episode, zone)
        row["duration_minutes"] = episode.duration_minutes
        return row

    def alert_row(alert: Alert) -> dict[str, Any]:
        row = alert_item(alert, zone, {})
        row["title"] = alert_title(alert)
        row["message"] = alert_message(alert)
        return row

    files: list[tuple[str, list[str], Callable[[], Iterable[dict[str, Any]]], int]] = [
        (
            "workouts.csv",
            WORKOUT_COLUMNS,
            lambda: (
                workout_item(w, zone)
                for w in workouts_for(user=user, period=period).iterator(chunk_size=CHUNK)
            ),
            40,
        ),
        (
            "body_weights.csv",
            BODY_WEIGHT_COLUMNS,
            lambda: (
                body_weight_item(w)
                for w in body_weights_for(user=user, period=period).iterator(chunk_size=CHUNK)
            ),
            50,
        ),
        (
            "episodes.csv",
            EPISODE_COLUMNS,
            lambda: (
                episode_row(e)
                for e in episodes_for(user=user, period=period).iterator(chunk_size=CHUNK)
            ),
            90,
        ),
        (
            "alerts.csv",
            ALERT_COLUMNS,
            lambda: (alert_row(a) for a in alerts_for(user=user, period=period)),
            99,
        ),
    ]
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, columns, rows, done in files:
            with archive.open(name, mode="w") as entry:
                for chunk in _csv_rows(columns, rows()):
                    entry.write(chunk)
                    data = pipe.take()
                    if data:
                        yield data
            if progress:
                progress(done)
    yield pipe.take()

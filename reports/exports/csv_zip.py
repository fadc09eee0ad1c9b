"""The CSV export: one file per kind, zipped and streamed."""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db.models import F

from alerts.messages import alert_message, alert_title
from alerts.models import Alert
from reports.exports.rows import (
    BODY_WEIGHT_FIELDS,
    CHUNK,
    EPISODE_DETAILS,
    WORKOUT_FIELDS,
    AlertEvidence,
    Progress,
    alert_evidence,
    alert_item,
    alerts_for,
    body_weight_item,
    body_weights_for,
    episode_item,
    episodes_for,
    workout_item,
    workouts_for,
)
from reports.selectors import Period, user_zone
from symptoms.models import Episode

# --- CSV ------------------------------------------------------------------------------

# Workouts and body weights: the columns the JSON export writes too.
WORKOUT_COLUMNS = list(WORKOUT_FIELDS)
BODY_WEIGHT_COLUMNS = list(BODY_WEIGHT_FIELDS)
EPISODE_COLUMNS = [
    "uuid",
    "workout",
    "started_at",
    "ended_at",
    "duration_minutes",
    *EPISODE_DETAILS,
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


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV
# injection"): a note "=HYPERLINK(...)" would become a link out of the person's data.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Free text as a spreadsheet shows it and never runs it: a leading ' when it could
    start a formula (OWASP). Numbers are written as numbers and left alone."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return text_cell(";".join(str(v) for v in value))
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        return text_cell(value)
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

    def alert_row(alert: Alert, evidence: AlertEvidence) -> dict[str, Any]:
        row = alert_item(alert, zone, evidence)
        row["title"] = alert_title(alert)
        row["message"] = alert_message(alert)
        return row

    def alert_rows() -> Iterator[dict[str, Any]]:
        alerts = list(alerts_for(user=user, period=period))
        evidence = alert_evidence(user=user, alerts=alerts)
        return (alert_row(alert, evidence) for alert in alerts)

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
                for e in episodes_for(user=user, period=period)
                .annotate(workout_uuid=F("workout__uuid"))
                .iterator(chunk_size=CHUNK)
            ),
            90,
        ),
        (
            "alerts.csv",
            ALERT_COLUMNS,
            alert_rows,
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

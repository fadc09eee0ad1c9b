"""Strava's bulk export: ``activities.csv`` names each activity and its file, if any."""

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from imports.records import ImportFileError, WorkoutRecord, activity_from_name


def _column(header: list[str], name: str) -> int | None:
    """The first column called ``name``: Strava repeats some names (Distance in km, then m)."""
    return header.index(name) if name in header else None


def parse_strava_date(text: str) -> datetime:
    """Strava's "Mar 10, 2024, 3:30:00 PM" (UTC) or an ISO 8601 time."""
    text = text.strip()
    for pattern in ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise ImportFileError(
            _("A date in activities.csv is not readable: %(text)s") % {"text": text}
        ) from error
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _int(text: str | None) -> int | None:
    try:
        value = round(float(text)) if text else None
    except ValueError:
        return None
    return value if value else None


def strava_rows(data: bytes) -> list[dict[str, str]]:
    """The rows of ``activities.csv``: id, date, name, type, elapsed seconds, file, heart rates."""
    try:
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        header = next(reader)
    except (UnicodeDecodeError, StopIteration, csv.Error) as error:
        raise ImportFileError(_("activities.csv is not readable.")) from error
    wanted = {
        "id": "Activity ID",
        "date": "Activity Date",
        "type": "Activity Type",
        "elapsed": "Elapsed Time",
        "file": "Filename",
        "avg_hr": "Average Heart Rate",
        "max_hr": "Max Heart Rate",
    }
    columns = {key: _column(header, name) for key, name in wanted.items()}
    if columns["id"] is None or columns["date"] is None or columns["type"] is None:
        raise ImportFileError(_("activities.csv lacks the Activity ID, Date or Type column."))
    rows = []
    for cells in reader:
        if not any(cells):
            continue
        rows.append(
            {
                key: (cells[index] if index is not None and index < len(cells) else "")
                for key, index in columns.items()
            }
        )
    return rows


def strava_record(
    row: dict[str, str], read_file: Callable[[str], list[WorkoutRecord]] | None
) -> WorkoutRecord:
    """The workout of one ``activities.csv`` row, measured from its file when it has one.

    ``read_file(name)`` parses the row's activity file. Its id in Strava is the source id;
    Strava's activity type names the activity (the file's sport when Strava's is unknown).
    """
    activity, original = activity_from_name(row["type"])
    if read_file is not None and row["file"]:
        sessions = read_file(row["file"])
        first = sessions[0]
        if activity == "other" and first.activity != "other":
            activity = first.activity
        return replace(
            first,
            source="strava",
            source_id=row["id"],
            activity=activity,
            original_activity=original or first.original_activity,
            duration_s=sum(s.duration_s for s in sessions),
            distance_m=sum(s.distance_m or 0 for s in sessions) or None,
        )
    elapsed = _int(row["elapsed"])
    if not elapsed:
        raise ImportFileError(_("The activity has no elapsed time in activities.csv."))
    return WorkoutRecord(
        source="strava",
        source_id=row["id"],
        activity=activity,
        original_activity=original,
        started_at=parse_strava_date(row["date"]),
        duration_s=float(elapsed),
        avg_heart_rate=_int(row["avg_hr"]),
        max_heart_rate=_int(row["max_hr"]),
    )

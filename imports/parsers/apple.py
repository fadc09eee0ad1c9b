"""Apple Health ``export.xml`` workouts, streamed: real exports are hundreds of megabytes.

Only ``Workout`` elements are read; the millions of ``Record`` samples around them are
parsed and dropped one by one (``xmlsafe.iterparse_end``), so memory stays flat whatever
the file's size.
"""

import hashlib
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.utils.translation import gettext as _

from imports import xmlsafe
from imports.records import ImportFileError, WorkoutRecord, activity_from_apple

TO_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048}
TO_SECONDS = {"s": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0}
HEART_RATE = "HKQuantityTypeIdentifierHeartRate"
DISTANCES = (
    "HKQuantityTypeIdentifierDistanceWalkingRunning",
    "HKQuantityTypeIdentifierDistanceCycling",
    "HKQuantityTypeIdentifierDistanceSwimming",
)


def parse_apple_time(text: str | None) -> datetime:
    """Apple's "2024-03-10 07:30:00 -0800" (local time and its offset)."""
    try:
        return datetime.strptime((text or "").strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError as error:
        raise ImportFileError(
            _("A time in the Apple Health export is not readable: %(text)s") % {"text": text}
        ) from error


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _record(element: Any) -> WorkoutRecord:
    kind = element.get("workoutActivityType") or ""
    started = parse_apple_time(element.get("startDate"))
    ended = parse_apple_time(element.get("endDate"))
    duration = _float(element.get("duration"))
    if duration is not None:
        duration *= TO_SECONDS.get(element.get("durationUnit") or "min", 60.0)
    else:
        duration = (ended - started).total_seconds()
    distance = _float(element.get("totalDistance"))
    if distance is not None:
        distance *= TO_METRES.get(element.get("totalDistanceUnit") or "km", 1000.0)
    avg = peak = None
    for stat in element.iterchildren("WorkoutStatistics"):
        if stat.get("type") == HEART_RATE:
            avg, peak = _float(stat.get("average")), _float(stat.get("maximum"))
        elif stat.get("type") in DISTANCES and distance is None:
            total = _float(stat.get("sum"))
            if total is not None:
                distance = total * TO_METRES.get(stat.get("unit") or "km", 1000.0)
    if duration <= 0:
        raise ImportFileError(_("A workout in the Apple Health export has no duration."))
    identity = "|".join(
        [
            kind,
            element.get("startDate") or "",
            element.get("endDate") or "",
            element.get("sourceName") or "",
        ]
    )
    name, original = activity_from_apple(kind)
    return WorkoutRecord(
        source="apple_health",
        source_id=hashlib.sha256(identity.encode()).hexdigest(),
        activity=name,
        original_activity=original,
        started_at=started,
        duration_s=duration,
        distance_m=distance or None,
        avg_heart_rate=round(avg) if avg else None,
        max_heart_rate=round(peak) if peak else None,
    )


def iter_apple_health(stream: IO[bytes]) -> Iterator[WorkoutRecord]:
    """Each workout of an ``export.xml`` stream, in file order."""
    for element in xmlsafe.iterparse_end(stream, "Workout", root_tag="HealthData"):
        yield _record(element)

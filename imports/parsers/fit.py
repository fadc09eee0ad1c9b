"""FIT activity files (Garmin, Wahoo, Coros, Suunto, Zwift...), read with fitdecode."""

import hashlib
import io
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import fitdecode
from django.utils.translation import gettext as _

from imports.records import ImportFileError, WorkoutRecord, activity_from_fit


def _offset(activity: dict[str, Any]) -> timezone | None:
    """The device's UTC offset from the activity message (local minus UTC, 15-minute steps)."""
    utc, local = activity.get("timestamp"), activity.get("local_timestamp")
    if not isinstance(utc, datetime) or not isinstance(local, datetime):
        return None
    seconds = (local.replace(tzinfo=UTC) - utc).total_seconds()
    quarters = round(seconds / 900)
    if abs(quarters) > 16 * 4:
        return None
    return timezone(timedelta(minutes=15 * quarters))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def parse_fit(data: bytes, *, source: str = "fit") -> list[WorkoutRecord]:
    """One record per session of the FIT activity file ``data`` (a multisport file has several).

    ``source_id`` is the SHA-256 of the file plus the session's index: the same file
    imported again (alone or inside an archive) has the same ids.
    """
    sessions: list[dict[str, Any]] = []
    sports: list[dict[str, Any]] = []
    activity: dict[str, Any] = {}
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.ENABLED,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name in ("session", "activity", "sport"):
                    values = {field.name: field.value for field in frame.fields}
                    if frame.name == "session":
                        sessions.append(values)
                    elif frame.name == "sport":
                        sports.append(values)
                    else:
                        activity = values
    except (fitdecode.FitError, EOFError, ValueError, KeyError) as error:
        raise ImportFileError(
            _("The file is not a readable FIT file: %(error)s") % {"error": error}
        ) from error
    if not sessions:
        raise ImportFileError(_("The FIT file holds no workout (no session)."))
    digest = hashlib.sha256(data).hexdigest()
    offset = _offset(activity)
    records = []
    for index, session in enumerate(sessions):
        start = session.get("start_time") or session.get("timestamp")
        elapsed = _number(session.get("total_elapsed_time")) or _number(
            session.get("total_timer_time")
        )
        if not isinstance(start, datetime) or not elapsed:
            raise ImportFileError(_("A session of the FIT file has no start time or duration."))
        sport, sub_sport = session.get("sport"), session.get("sub_sport")
        if sport is None and index < len(sports):
            sport, sub_sport = sports[index].get("sport"), sports[index].get("sub_sport")
        name, original = activity_from_fit(sport, sub_sport)
        distance = _number(session.get("total_distance"))
        avg, peak = session.get("avg_heart_rate"), session.get("max_heart_rate")
        records.append(
            WorkoutRecord(
                source=source,
                source_id=f"{digest}:{index}",
                activity=name,
                original_activity=original,
                started_at=start.astimezone(offset) if offset else start,
                duration_s=elapsed,
                distance_m=distance if distance else None,
                avg_heart_rate=avg if isinstance(avg, int) and avg > 0 else None,
                max_heart_rate=peak if isinstance(peak, int) and peak > 0 else None,
            )
        )
    return records

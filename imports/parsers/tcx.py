"""Garmin Training Center XML (TCX) files, parsed with a hardened lxml parser."""

import hashlib
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from imports import xmlsafe
from imports.records import ImportFileError, WorkoutRecord, activity_from_name

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def parse_time(text: str | None) -> datetime:
    """An ISO 8601 time with its offset ("Z" is UTC); ImportFileError when absent or naive."""
    try:
        value = datetime.fromisoformat((text or "").strip())
    except ValueError as error:
        raise ImportFileError(
            _("A time in the file is not readable: %(text)s") % {"text": text}
        ) from error
    if value.tzinfo is None:
        raise ImportFileError(_("A time in the file has no time zone: %(text)s") % {"text": text})
    return value


def _float(element: Any, path: str) -> float | None:
    found = element.find(path)
    try:
        return float(found.text) if found is not None and found.text else None
    except ValueError:
        return None


def parse_tcx(data: bytes, *, source: str = "tcx") -> list[WorkoutRecord]:
    """One record per ``Activity``: laps summed for duration, distance and heart rate."""
    root = xmlsafe.parse(data)
    if root.tag != f"{NS}TrainingCenterDatabase":
        raise ImportFileError(_("The file is not a TCX file (TrainingCenterDatabase)."))
    digest = hashlib.sha256(data).hexdigest()
    records = []
    for index, activity in enumerate(root.iter(f"{NS}Activity")):
        laps = activity.findall(f"{NS}Lap")
        if not laps:
            raise ImportFileError(_("An activity of the TCX file has no lap."))
        started = parse_time(laps[0].get("StartTime") or activity.findtext(f"{NS}Id"))
        duration = sum(_float(lap, f"{NS}TotalTimeSeconds") or 0.0 for lap in laps)
        distance = sum(_float(lap, f"{NS}DistanceMeters") or 0.0 for lap in laps)
        averages = [
            (
                _float(lap, f"{NS}AverageHeartRateBpm/{NS}Value"),
                _float(lap, f"{NS}TotalTimeSeconds"),
            )
            for lap in laps
        ]
        weighted = [(bpm, seconds or 0.0) for bpm, seconds in averages if bpm]
        total = sum(seconds for _bpm, seconds in weighted)
        avg = round(sum(bpm * seconds for bpm, seconds in weighted) / total) if total else None
        peaks = [_float(lap, f"{NS}MaximumHeartRateBpm/{NS}Value") for lap in laps]
        peak = max((p for p in peaks if p), default=None)
        if duration <= 0:
            raise ImportFileError(_("An activity of the TCX file has no duration."))
        name, original = activity_from_name(activity.get("Sport"))
        records.append(
            WorkoutRecord(
                source=source,
                source_id=f"{digest}:{index}",
                activity=name,
                original_activity=original,
                started_at=started,
                duration_s=duration,
                distance_m=distance or None,
                avg_heart_rate=avg,
                max_heart_rate=round(peak) if peak else None,
            )
        )
    if not records:
        raise ImportFileError(_("The TCX file holds no activity."))
    return records

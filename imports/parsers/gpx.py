"""GPX tracks (Strava, Komoot, most watches), read with gpxpy after a hardened XML check."""

import hashlib

import gpxpy
import gpxpy.gpx
from django.utils.translation import gettext as _

from imports import xmlsafe
from imports.records import ImportFileError, WorkoutRecord, activity_from_name


def _heart_rates(track: gpxpy.gpx.GPXTrack) -> list[int]:
    """Garmin's TrackPointExtension ``hr`` values of the track's points."""
    rates = []
    for segment in track.segments:
        for point in segment.points:
            for extension in point.extensions:
                for element in extension.iter():
                    if str(element.tag).endswith("}hr") or element.tag == "hr":
                        try:
                            rates.append(int(float(element.text or "")))
                        except ValueError:
                            continue
    return [rate for rate in rates if rate > 0]


def parse_gpx(data: bytes, *, source: str = "gpx") -> list[WorkoutRecord]:
    """One record per track that has timed points; the track's ``type`` names the activity."""
    xmlsafe.parse(data)  # refuses XML bombs before gpxpy's own parser sees the file
    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as error:
        raise ImportFileError(
            _("The file is not a readable GPX file: %(error)s") % {"error": error}
        ) from error
    digest = hashlib.sha256(data).hexdigest()
    records = []
    for index, track in enumerate(gpx.tracks):
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            continue
        if bounds.start_time.tzinfo is None:
            raise ImportFileError(_("The GPX file's times have no time zone."))
        duration = (bounds.end_time - bounds.start_time).total_seconds()
        if duration <= 0:
            continue
        rates = _heart_rates(track)
        name, original = activity_from_name(track.type)
        records.append(
            WorkoutRecord(
                source=source,
                source_id=f"{digest}:{index}",
                activity=name,
                original_activity=original,
                started_at=bounds.start_time,
                duration_s=duration,
                distance_m=track.length_3d() or track.length_2d() or None,
                avg_heart_rate=round(sum(rates) / len(rates)) if rates else None,
                max_heart_rate=max(rates) if rates else None,
            )
        )
    if not records:
        raise ImportFileError(_("The GPX file holds no track with times."))
    return records

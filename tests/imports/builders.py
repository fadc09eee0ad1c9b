"""Small real files of every format, written by the tests' own code.

FIT: a minimal encoder of the FIT protocol (header, definition and data messages, CRCs)
that fitdecode reads like a watch's file. TCX and Apple Health XML as text, GPX with
gpxpy itself, Strava archives with zipfile.
"""

import gzip
import io
import struct
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import gpxpy.gpx
from fitdecode import profile

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip
# (base type byte, struct code, size)
ENUM, UINT8, UINT16, UINT32 = (0x00, "B", 1), (0x02, "B", 1), (0x84, "H", 2), (0x86, "I", 4)


def fit_crc(data: bytes, crc: int = 0) -> int:
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[crc & 0xF]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ _CRC_TABLE[nibble]
    return crc


def _enum(type_name: str, name: str) -> int:
    values = profile.FIELD_TYPES[type_name].enum
    return next(number for number, label in values.items() if label == name)


def _fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def _message(local: int, global_num: int, fields: list[tuple[int, tuple, int]]) -> bytes:
    """A definition then a data message of ``fields`` [(field number, base type, value)]."""
    definition = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    for number, (base, _code, size), _value in fields:
        definition += struct.pack("<BBB", number, size, base)
    data = struct.pack("<B", local)
    for _number, (_base, code, _size), value in fields:
        data += struct.pack("<" + code, value)
    return definition + data


@dataclass
class Session:
    start: datetime
    minutes: float
    sport: str = "running"
    sub_sport: str = "generic"
    distance_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None


def fit_file(sessions: list[Session], *, utc_offset: timedelta | None = None) -> bytes:
    """A FIT activity file with ``sessions``; ``utc_offset`` sets the activity's local time."""
    first = sessions[0].start
    records = _message(
        0,
        0,
        [(0, ENUM, 4), (1, UINT16, 1), (4, UINT32, _fit_time(first))],
    )
    last_end = first
    for session in sessions:
        end = session.start + timedelta(minutes=session.minutes)
        last_end = max(last_end, end)
        records += _message(
            1,
            18,
            [
                (253, UINT32, _fit_time(end)),
                (2, UINT32, _fit_time(session.start)),
                (7, UINT32, round(session.minutes * 60_000)),
                (8, UINT32, round(session.minutes * 60_000)),
                (
                    9,
                    UINT32,
                    0xFFFFFFFF if session.distance_m is None else round(session.distance_m * 100),
                ),
                (5, ENUM, _enum("sport", session.sport)),
                (6, ENUM, _enum("sub_sport", session.sub_sport)),
                (16, UINT8, 0xFF if session.avg_hr is None else session.avg_hr),
                (17, UINT8, 0xFF if session.max_hr is None else session.max_hr),
            ],
        )
    activity = [(253, UINT32, _fit_time(last_end)), (1, UINT16, len(sessions))]
    if utc_offset is not None:
        activity.append((5, UINT32, _fit_time(last_end + utc_offset)))
    records += _message(2, 34, activity)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    body = header + records
    return body + struct.pack("<H", fit_crc(body))


def tcx_file(
    *,
    sport: str = "Running",
    start: str = "2024-05-01T06:00:00Z",
    laps: tuple[tuple[float, float, int | None, int | None], ...] = ((1800, 5000, 150, 170),),
    trackpoints: bool = True,
) -> bytes:
    """A TCX activity; each lap is (seconds, metres, average bpm, max bpm)."""
    parts = []
    for seconds, metres, avg, peak in laps:
        hr = ""
        if avg:
            hr += f"<AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>"
        if peak:
            hr += f"<MaximumHeartRateBpm><Value>{peak}</Value></MaximumHeartRateBpm>"
        points = (
            f"<Track><Trackpoint><Time>{start}</Time><Position><LatitudeDegrees>-6.2"
            "</LatitudeDegrees><LongitudeDegrees>106.8</LongitudeDegrees></Position>"
            "</Trackpoint></Track>"
            if trackpoints
            else ""
        )
        parts.append(
            f'<Lap StartTime="{start}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
            f"<DistanceMeters>{metres}</DistanceMeters>{hr}<Intensity>Active</Intensity>"
            f"<TriggerMethod>Manual</TriggerMethod>{points}</Lap>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{start}</Id>{"".join(parts)}</Activity>'
        "</Activities></TrainingCenterDatabase>"
    ).encode()


def gpx_file(
    *, start: datetime, minutes: int, kind: str | None = "running", heart_rate: int | None = None
) -> bytes:
    """A GPX track built with gpxpy: one point a minute heading north, optional heart rate."""
    gpx = gpxpy.gpx.GPX()
    if heart_rate:
        gpx.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    track = gpxpy.gpx.GPXTrack(name="Morning Run")
    track.type = kind
    segment = gpxpy.gpx.GPXTrackSegment()
    for minute in range(minutes + 1):
        point = gpxpy.gpx.GPXTrackPoint(
            -6.2 + minute * 0.001, 106.8, elevation=10, time=start + timedelta(minutes=minute)
        )
        if heart_rate:
            from lxml import etree

            ext = etree.Element(
                "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}TrackPointExtension"
            )
            hr = etree.SubElement(
                ext, "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}hr"
            )
            hr.text = str(heart_rate + minute % 3)
            point.extensions.append(ext)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode()


def apple_workout(
    kind: str,
    start: str,
    end: str,
    *,
    minutes: float | None = None,
    km: float | None = None,
    avg_hr: float | None = None,
    max_hr: float | None = None,
    indoor: bool = False,
) -> str:
    """One ``<Workout>`` of an Apple Health export; times like "2024-03-10 07:30:00 -0800"."""
    attrs = f'workoutActivityType="HKWorkoutActivityType{kind}" sourceName="Apple Watch"'
    if minutes is not None:
        attrs += f' duration="{minutes}" durationUnit="min"'
    if km is not None:
        attrs += f' totalDistance="{km}" totalDistanceUnit="km"'
    attrs += f' creationDate="{end}" startDate="{start}" endDate="{end}"'
    children = '<MetadataEntry key="HKIndoorWorkout" value="1"/>' if indoor else ""
    if avg_hr is not None:
        children += (
            f'<WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{start}" '
            f'endDate="{end}" average="{avg_hr}" minimum="80" maximum="{max_hr}" unit="count/min"/>'
        )
    return f"<Workout {attrs}>{children}</Workout>\n"


APPLE_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
    "<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n"
    '<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n<HealthData locale="en_US">\n'
    '<ExportDate value="2024-06-01 10:00:00 -0700"/>\n'
    '<Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>\n'
)
APPLE_RECORD = (
    '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" '
    'creationDate="2024-03-10 07:{m:02d}:00 -0800" startDate="2024-03-10 07:{m:02d}:00 -0800" '
    'endDate="2024-03-10 07:{m:02d}:00 -0800" value="{v}"><MetadataEntry key="HKMetadataKeyHeart'
    'RateMotionContext" value="0"/></Record>\n'
)


def apple_export(workouts: list[str], *, records: int = 3) -> bytes:
    body = "".join(APPLE_RECORD.format(m=i % 60, v=60 + i % 90) for i in range(records))
    return (APPLE_HEAD + body + "".join(workouts) + "</HealthData>\n").encode()


def zip_bytes(files: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,"
    "Average Heart Rate\n"
)


def strava_row(
    activity_id: int, date: str, kind: str, elapsed_s: int, filename: str = "", avg_hr: str = ""
) -> str:
    return (
        f'{activity_id},"{date}",Session {activity_id},{kind},,{elapsed_s},1.0,,,false,,,'
        f"{filename},,,{elapsed_s}.0,{elapsed_s}.0,1000.0,,{avg_hr}\n"
    )


def strava_archive(start: datetime) -> bytes:
    """A Strava bulk export: a FIT.gz ride, a GPX run, a TCX walk, a file-less stair session."""
    fit = fit_file([Session(start, 60, "cycling", "indoor_cycling", None, 140, 165)])
    gpx = gpx_file(start=start + timedelta(days=1), minutes=30, kind="running")
    tcx = tcx_file(sport="Other", start=(start + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    csv = STRAVA_HEADER
    csv += strava_row(101, "Mar 4, 2024, 6:00:00 AM", "VirtualRide", 3600, "activities/101.fit.gz")
    csv += strava_row(102, "Mar 5, 2024, 6:00:00 AM", "Run", 1800, "activities/102.gpx")
    csv += strava_row(103, "Mar 6, 2024, 6:00:00 AM", "Walk", 1800, "activities/103.tcx")
    csv += strava_row(104, "Mar 7, 2024, 6:00:00 AM", "StairStepper", 1500, "", "131.5")
    return zip_bytes(
        {
            "activities.csv": csv.encode(),
            "activities/101.fit.gz": gzip.compress(fit),
            "activities/102.gpx": gpx,
            "activities/103.tcx": tcx,
            "profile.csv": b"Athlete ID\n1\n",
        }
    )


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)

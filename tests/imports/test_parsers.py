"""The parsers read real files of every format, written by the tests' own code."""

import gzip
import io
from datetime import UTC, datetime, timedelta

import pytest

from imports.parsers import iter_apple_health, parse_fit, parse_gpx, parse_tcx
from imports.records import (
    APPLE_TYPES,
    FIT_SPORTS,
    FIT_SUB_SPORTS,
    NAMED_TYPES,
    ImportFileError,
)
from imports.sources import parse_activity_bytes, upload_units
from tests.imports.builders import (
    BILLION_LAUGHS,
    Session,
    apple_export,
    apple_workout,
    fit_file,
    gpx_file,
    strava_archive,
    tcx_file,
)

START = datetime(2024, 3, 10, 9, 30, tzinfo=UTC)

FIT_CASES = [
    ("fitness_equipment", "stair_climbing", "stepper"),
    ("fitness_equipment", "elliptical", "elliptical"),
    ("fitness_equipment", "indoor_cycling", "cycling"),
    ("fitness_equipment", "treadmill", "running"),
    ("cycling", "generic", "cycling"),
    ("cycling", "indoor_cycling", "cycling"),
    ("training", "strength_training", "weightlifting"),
    ("training", "yoga", "yoga"),
    ("training", "hiit", "hiit"),
    ("training", "cardio_training", "other"),
    ("training", "pilates", "other"),
    ("hiit", "generic", "hiit"),
    ("walking", "treadmill", "walking"),
    ("hiking", "generic", "walking"),
    ("swimming", "lap_swimming", "swimming"),
    ("rowing", "indoor_rowing", "other"),
    ("generic", "generic", "other"),
]


@pytest.mark.parametrize(("sport", "sub_sport", "expected"), FIT_CASES)
def test_fit_sport_and_sub_sport_map_to_the_activity_vocabulary(sport, sub_sport, expected):
    (record,) = parse_fit(fit_file([Session(START, 40, sport, sub_sport)]))
    assert record.activity == expected
    assert record.original_activity == (sport if sub_sport == "generic" else f"{sport}/{sub_sport}")


@pytest.mark.parametrize(("sub_sport", "expected"), sorted(FIT_SUB_SPORTS.items()))
def test_every_fit_sub_sport_in_the_table_is_read_from_a_file(sub_sport, expected):
    (record,) = parse_fit(fit_file([Session(START, 40, "generic", sub_sport)]))
    assert record.activity == expected


@pytest.mark.parametrize(("sport", "expected"), sorted(FIT_SPORTS.items()))
def test_every_fit_sport_in_the_table_is_read_from_a_file(sport, expected):
    (record,) = parse_fit(fit_file([Session(START, 40, sport)]))
    assert record.activity == expected


def test_fit_keeps_start_with_the_devices_offset_duration_distance_and_heart_rate():
    data = fit_file(
        [Session(START, 45.5, "running", "street", 8012.34, 151, 178)],
        utc_offset=timedelta(hours=7),
    )
    (record,) = parse_fit(data)
    assert record.started_at == START
    assert record.started_at.utcoffset() == timedelta(hours=7)
    assert record.utc_offset_minutes == 420
    assert record.duration_s == pytest.approx(2730)
    assert record.duration_minutes == 46
    assert record.distance_m == pytest.approx(8012.34)
    assert (record.avg_heart_rate, record.max_heart_rate) == (151, 178)


def test_fit_indoor_session_without_gps_or_heart_rate_imports_with_blanks():
    (record,) = parse_fit(fit_file([Session(START, 30, "fitness_equipment", "stair_climbing")]))
    assert record.activity == "stepper"
    assert record.distance_m is None
    assert record.avg_heart_rate is None
    assert record.max_heart_rate is None
    assert record.utc_offset_minutes == 0


def test_fit_multisport_file_gives_one_record_per_session_with_distinct_ids():
    data = fit_file([Session(START, 30, "cycling"), Session(START + timedelta(minutes=31), 20)])
    first, second = parse_fit(data)
    assert (first.activity, second.activity) == ("cycling", "running")
    assert first.source_id != second.source_id


def test_fit_with_a_broken_checksum_is_refused():
    data = bytearray(fit_file([Session(START, 30)]))
    data[20] ^= 0xFF
    with pytest.raises(ImportFileError, match="FIT"):
        parse_fit(bytes(data))


def test_tcx_sums_laps_and_weights_heart_rate_by_lap_time():
    data = tcx_file(sport="Biking", laps=((600, 4000, 120, 140), (1200, 9000, 150, 175)))
    (record,) = parse_tcx(data)
    assert record.activity == "cycling"
    assert record.duration_s == 1800
    assert record.distance_m == 13000
    assert record.avg_heart_rate == 140
    assert record.max_heart_rate == 175


def test_tcx_indoor_activity_without_trackpoints_or_heart_rate():
    data = tcx_file(sport="Other", laps=((1500, 0, None, None),), trackpoints=False)
    (record,) = parse_tcx(data)
    assert (record.activity, record.original_activity) == ("other", "Other")
    assert record.distance_m is None
    assert record.avg_heart_rate is None


def test_tcx_keeps_a_non_utc_offset():
    (record,) = parse_tcx(tcx_file(start="2024-05-01T06:00:00+07:00"))
    assert record.started_at == datetime(2024, 4, 30, 23, 0, tzinfo=UTC)
    assert record.utc_offset_minutes == 420


def test_gpx_reads_track_type_time_distance_and_heart_rate():
    (record,) = parse_gpx(gpx_file(start=START, minutes=30, kind="Hike", heart_rate=110))
    assert record.activity == "walking"
    assert record.original_activity == "Hike"
    assert record.started_at == START
    assert record.duration_s == 1800
    assert 3000 < record.distance_m < 3700
    assert record.max_heart_rate == 112


@pytest.mark.parametrize(("name", "expected"), sorted(NAMED_TYPES.items()))
def test_every_named_type_maps_through_a_gpx_file(name, expected):
    (record,) = parse_gpx(gpx_file(start=START, minutes=5, kind=name))
    assert record.activity == expected


def test_gpx_without_type_is_other():
    (record,) = parse_gpx(gpx_file(start=START, minutes=5, kind=None))
    assert (record.activity, record.original_activity) == ("other", "")


@pytest.mark.parametrize(("kind", "expected"), sorted(APPLE_TYPES.items()))
def test_every_apple_workout_type_maps_to_the_activity_vocabulary(kind, expected):
    export = apple_export(
        [apple_workout(kind, "2024-03-09 07:00:00 -0800", "2024-03-09 07:40:00 -0800")]
    )
    (record,) = iter_apple_health(io.BytesIO(export))
    assert record.activity == expected
    assert record.original_activity == f"HKWorkoutActivityType{kind}"


def test_apple_unknown_type_is_other_with_its_name_kept():
    export = apple_export(
        [apple_workout("Pilates", "2024-03-09 07:00:00 -0800", "2024-03-09 07:40:00 -0800")]
    )
    (record,) = iter_apple_health(io.BytesIO(export))
    assert (record.activity, record.original_activity) == ("other", "HKWorkoutActivityTypePilates")


def test_apple_workout_across_the_dst_change_keeps_both_offsets_and_the_real_duration():
    # Los Angeles springs forward at 02:00 on 10 March 2024: 01:30 PST to 03:30 PDT is 1 hour.
    export = apple_export(
        [
            apple_workout(
                "StairClimbing", "2024-03-10 01:30:00 -0800", "2024-03-10 03:30:00 -0700"
            ),
            apple_workout("Running", "2024-03-11 07:00:00 -0700", "2024-03-11 07:30:00 -0700"),
        ]
    )
    night, morning = iter_apple_health(io.BytesIO(export))
    assert night.duration_s == 3600
    assert night.started_at == datetime(2024, 3, 10, 9, 30, tzinfo=UTC)
    assert night.utc_offset_minutes == -480
    assert morning.started_at.utcoffset() == timedelta(hours=-7)
    assert morning.started_at == datetime(2024, 3, 11, 14, 0, tzinfo=UTC)


def test_apple_indoor_workout_with_duration_distance_and_heart_rate():
    export = apple_export(
        [
            apple_workout(
                "Elliptical",
                "2024-03-09 07:00:00 +0700",
                "2024-03-09 07:35:00 +0700",
                minutes=33.5,
                km=4.2,
                avg_hr=131.4,
                max_hr=160,
                indoor=True,
            )
        ]
    )
    (record,) = iter_apple_health(io.BytesIO(export))
    assert record.started_at.utcoffset() == timedelta(hours=7)
    assert record.duration_s == pytest.approx(2010)
    assert record.distance_m == pytest.approx(4200)
    assert (record.avg_heart_rate, record.max_heart_rate) == (131, 160)


def test_apple_export_with_an_entity_bomb_is_refused_before_expanding_it():
    bomb = (BILLION_LAUGHS.replace("lolz", "HealthData") + '<HealthData locale="&lol9;"/>').encode()
    with pytest.raises(ImportFileError, match="XML bomb"):
        list(iter_apple_health(io.BytesIO(bomb)))


@pytest.mark.parametrize("parse", [parse_tcx, parse_gpx])
def test_tcx_and_gpx_with_an_entity_bomb_are_refused(parse):
    bomb = (BILLION_LAUGHS + "<lolz>&lol9;</lolz>").encode()
    with pytest.raises(ImportFileError, match="XML bomb"):
        parse(bomb)


def test_xml_that_is_not_an_apple_export_is_refused():
    with pytest.raises(ImportFileError, match="HealthData"):
        list(iter_apple_health(io.BytesIO(b"<gpx><trk/></gpx>")))


def test_truncated_apple_export_is_refused():
    export = apple_export(
        [apple_workout("Running", "2024-03-09 07:00:00 -0800", "2024-03-09 07:40:00 -0800")]
    )
    with pytest.raises(ImportFileError, match="not valid XML"):
        list(iter_apple_health(io.BytesIO(export[:-30])))


def test_gzipped_activity_file_is_read_like_the_plain_one():
    data = fit_file([Session(START, 30, "cycling")])
    assert parse_activity_bytes("a.fit.gz", gzip.compress(data)) == parse_fit(data)


def test_strava_archive_takes_type_from_csv_and_measures_from_each_file():
    units = list(upload_units("export_1234.zip", io.BytesIO(strava_archive(START))))
    records = [record for unit in units for record in unit.read()]
    by_id = {record.source_id: record for record in records}
    assert {r.source for r in records} == {"strava"}
    assert by_id["101"].activity == "cycling"
    assert by_id["101"].original_activity == "VirtualRide"
    assert by_id["101"].avg_heart_rate == 140
    assert by_id["102"].activity == "running"
    assert by_id["102"].distance_m > 3000
    assert by_id["103"].activity == "walking"
    # No file: the row alone (Strava's dates are UTC).
    assert by_id["104"].activity == "stepper"
    assert by_id["104"].started_at == datetime(2024, 3, 7, 6, 0, tzinfo=UTC)
    assert by_id["104"].duration_s == 1500

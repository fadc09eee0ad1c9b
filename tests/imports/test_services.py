"""Imports end to end: upload, background run, no duplicates, limits, one evaluation."""

import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from imports import limits, selectors, services, sources
from imports.models import ImportJob, MergeCandidate
from tests.factories import WorkoutFactory
from tests.imports.builders import (
    BILLION_LAUGHS,
    Session,
    apple_export,
    apple_workout,
    fit_file,
    gpx_file,
    strava_archive,
    tcx_file,
    zip_bytes,
)
from tracker import services as tracker_services
from tracker.models import Workout

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)


def test_fit_file_becomes_a_workout_with_its_source_measures_and_offset(user, run_import):
    data = fit_file(
        [Session(START, 50, "fitness_equipment", "stair_climbing", None, 128, 161)],
        utc_offset=timedelta(hours=7),
    )
    job = run_import(user, "morning.fit", data)

    assert (job.status, job.read, job.imported, job.skipped, job.failed) == ("done", 1, 1, 0, 0)
    workout = Workout.objects.get(user=user)
    assert workout.activity == "stepper"
    assert workout.original_activity == "fitness_equipment/stair_climbing"
    assert workout.source == "fit"
    assert workout.started_at == START
    assert workout.utc_offset_minutes == 420
    assert workout.duration_minutes == 50
    assert (workout.avg_heart_rate, workout.max_heart_rate) == (128, 161)
    assert workout.distance_m is None


def test_importing_the_same_file_twice_adds_nothing(user, run_import):
    data = tcx_file()
    run_import(user, "a.tcx", data)
    again = run_import(user, "a.tcx", data)

    assert (again.status, again.read, again.imported, again.skipped) == ("done", 1, 0, 1)
    assert Workout.objects.filter(user=user).count() == 1


def test_strava_archive_imports_each_activity_once(user, run_import):
    archive = strava_archive(START)
    job = run_import(user, "export_42.zip", archive)
    again = run_import(user, "export_42.zip", archive)

    assert (job.files_total, job.imported, job.failed) == (4, 4, 0)
    assert again.imported == 0
    assert again.skipped == 4
    assert sorted(Workout.objects.filter(user=user).values_list("activity", flat=True)) == [
        "cycling",
        "running",
        "stepper",
        "walking",
    ]


def test_a_file_imported_by_two_people_is_imported_for_each(user, other_user, run_import):
    data = gpx_file(start=START, minutes=20)
    run_import(user, "run.gpx", data)
    job = run_import(other_user, "run.gpx", data)
    assert job.imported == 1


def test_same_source_id_is_stored_once_even_past_the_pre_check(user):
    kwargs = {
        "user": user,
        "activity": "running",
        "started_at": START,
        "duration_minutes": 30,
        "source": "fit",
        "source_id": "same",
    }
    first = tracker_services.workout_import(**kwargs)
    second = tracker_services.workout_import(**kwargs)
    assert first is not None
    assert second is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Workout.objects.create(**kwargs)
    assert Workout.objects.filter(user=user).count() == 1


def test_hand_logged_workouts_may_share_the_empty_source_id(user):
    WorkoutFactory(user=user)
    WorkoutFactory(user=user)
    assert Workout.objects.filter(user=user, source="manual").count() == 2


def test_import_queues_exactly_one_evaluation_whatever_the_number_of_workouts(
    user, run_import, evaluations
):
    run_import(user, "export.zip", strava_archive(START))
    assert evaluations == [user.pk]


def test_import_that_adds_nothing_queues_no_evaluation(user, run_import, evaluations):
    run_import(user, "a.tcx", tcx_file())
    evaluations.clear()
    run_import(user, "a.tcx", tcx_file())
    assert evaluations == []


def test_xml_bomb_is_rejected_and_nothing_stored(user, run_import):
    job = run_import(user, "bomb.tcx", (BILLION_LAUGHS + "<lolz>&lol9;</lolz>").encode())

    assert job.status == "failed"
    assert "XML bomb" in job.errors[0]["error"]
    assert not Workout.objects.filter(user=user).exists()


def test_zip_bomb_is_rejected_before_inflating_and_nothing_stored(user, run_import):
    bomb = zip_bytes({"a.gpx": gpx_file(start=START, minutes=10), "zeros.fit": bytes(60 * 2**20)})
    job = run_import(user, "bomb.zip", bomb)

    assert job.status == "failed"
    assert job.errors == [
        {
            "file": "bomb.zip",
            "error": "The archive unpacks to far more than it holds (zip bomb protection): "
            "zeros.fit",
        }
    ]
    assert not Workout.objects.filter(user=user).exists()
    assert not job.file  # the upload is deleted after the run


def test_archive_with_too_many_files_is_rejected(user, run_import, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    files = {f"{i}.gpx": gpx_file(start=START + timedelta(days=i), minutes=5) for i in range(4)}
    job = run_import(user, "many.zip", zip_bytes(files))
    assert job.status == "failed"
    assert "more than 3 files" in job.errors[0]["error"]
    assert not Workout.objects.filter(user=user).exists()


def test_bad_file_in_an_archive_stores_nothing_of_it_and_the_others_import(user, run_import):
    truncated_export = apple_export(
        [apple_workout("Running", "2024-03-09 07:00:00 -0800", "2024-03-09 07:40:00 -0800")]
    )[:-40]
    files = {
        "good.tcx": tcx_file(),
        "broken.fit": fit_file([Session(START, 30)])[:-10],
        "bomb.gpx": (BILLION_LAUGHS + "<lolz>&lol9;</lolz>").encode(),
    }
    job = run_import(user, "mixed.zip", zip_bytes(files))
    apple = run_import(user, "export.xml", truncated_export)

    assert (job.status, job.imported, job.failed) == ("done", 1, 2)
    assert {error["file"] for error in job.errors} == {"broken.fit", "bomb.gpx"}
    assert apple.status == "failed"
    assert apple.imported == 0
    assert Workout.objects.filter(user=user).count() == 1


def test_unsupported_file_answers_a_clear_error(user, run_import):
    job = run_import(user, "notes.docx", b"PK-not-really")
    assert job.status == "failed"
    assert "Unsupported file type" in job.errors[0]["error"]


def test_workout_longer_than_a_day_fails_alone(user, run_import):
    export = apple_export(
        [
            apple_workout("Hiking", "2024-03-01 06:00:00 +0700", "2024-03-02 09:00:00 +0700"),
            apple_workout("Yoga", "2024-03-03 06:00:00 +0700", "2024-03-03 07:00:00 +0700"),
        ]
    )
    job = run_import(user, "export.xml", export)
    assert (job.read, job.imported, job.failed) == (2, 1, 1)
    assert job.errors[0]["file"] == "export.xml"
    assert job.errors[0]["error"].startswith("2024-03-01T06:00+07:00")


def test_upload_over_the_size_limit_is_refused_before_storing(user, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError):
        services.import_job_create(user=user, upload=SimpleUploadedFile("a.tcx", tcx_file()))
    assert not ImportJob.objects.exists()


def test_cancelling_a_waiting_import_stops_it_before_it_stores_anything(user):
    job = services.import_job_create(user=user, upload=SimpleUploadedFile("a.tcx", tcx_file()))
    services.import_job_cancel(job=job)
    services.import_job_run(job=ImportJob.objects.get(pk=job.pk))

    job.refresh_from_db()
    assert job.status == "cancelled"
    assert not Workout.objects.filter(user=user).exists()


def test_cancel_requested_while_running_stops_before_the_next_write(user):
    job = services.import_job_create(
        user=user, upload=SimpleUploadedFile("export.zip", strava_archive(START))
    )
    ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)
    services.import_job_run(job=ImportJob.objects.get(pk=job.pk))

    job.refresh_from_db()
    assert job.status == "cancelled"
    assert job.imported == 0
    assert not Workout.objects.filter(user=user).exists()


def test_hand_logged_workout_mostly_covered_by_an_imported_one_is_a_merge_candidate(
    user, run_import
):
    hand = WorkoutFactory(user=user, started_at=START + timedelta(minutes=5), duration_minutes=40)
    elsewhere = WorkoutFactory(user=user, started_at=START + timedelta(hours=3))
    run_import(user, "ride.fit", fit_file([Session(START, 45, "cycling")]))

    (candidate,) = selectors.merge_candidate_list_open(user=user)
    assert candidate.manual == hand
    assert candidate.imported.source == "fit"
    assert not MergeCandidate.objects.filter(manual=elsewhere).exists()
    assert Workout.objects.filter(user=user).count() == 3  # nothing merged silently


def test_a_workout_logged_by_hand_after_the_import_is_offered_for_merge_too(
    user, run_import, auth_client, django_capture_on_commit_callbacks
):
    run_import(user, "ride.fit", fit_file([Session(START, 45, "cycling")]))
    assert not MergeCandidate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        answer = auth_client.post(
            "/api/v1/workouts/",
            {
                "activity": "cycling",
                "started_at": (START + timedelta(minutes=5)).isoformat(),
                "duration_minutes": 40,
            },
            format="json",
        )
        elsewhere = auth_client.post(
            "/api/v1/workouts/",
            {
                "activity": "running",
                "started_at": (START + timedelta(hours=3)).isoformat(),
                "duration_minutes": 30,
            },
            format="json",
        )

    assert answer.status_code == elsewhere.status_code == 201
    (candidate,) = selectors.merge_candidate_list_open(user=user)
    assert candidate.manual_id == answer.json()["id"]
    assert candidate.imported.source == "fit"
    assert Workout.objects.filter(user=user).count() == 3  # nothing merged silently


def test_short_overlap_is_not_a_merge_candidate(user, run_import):
    WorkoutFactory(user=user, started_at=START + timedelta(minutes=30), duration_minutes=60)
    run_import(user, "ride.fit", fit_file([Session(START, 45, "cycling")]))
    assert not MergeCandidate.objects.exists()


def test_merge_keeps_the_hand_logged_workout_with_the_device_measures(user, run_import):
    hand = WorkoutFactory(
        user=user, started_at=START, duration_minutes=40, notes="legs heavy", intensity=7
    )
    data = fit_file([Session(START + timedelta(minutes=2), 44, "cycling", "generic", 20000, 140)])
    run_import(user, "ride.fit", data)
    candidate = MergeCandidate.objects.get()

    services.merge_candidate_resolve(candidate=candidate, merge=True)

    (workout,) = Workout.objects.filter(user=user)
    assert workout.pk == hand.pk
    assert (workout.notes, workout.intensity, workout.activity) == ("legs heavy", 7, "running")
    assert (workout.source, workout.distance_m, workout.avg_heart_rate) == ("fit", 20000, 140)
    assert workout.duration_minutes == 44
    assert run_import(user, "ride.fit", data).imported == 0


def test_keep_both_leaves_both_workouts_and_hides_the_question(user, run_import):
    WorkoutFactory(user=user, started_at=START, duration_minutes=40)
    run_import(user, "ride.fit", fit_file([Session(START, 45, "cycling")]))
    services.merge_candidate_resolve(candidate=MergeCandidate.objects.get(), merge=False)

    assert Workout.objects.filter(user=user).count() == 2
    assert not selectors.merge_candidate_list_open(user=user).exists()


def test_zip_of_loose_activity_files_imports_each(user, run_import):
    files = {
        "a.fit": fit_file([Session(START, 30, "training", "yoga")]),
        "b/c.tcx": tcx_file(start="2024-03-05T06:00:00Z"),
        "readme.txt": b"hello",
    }
    job = run_import(user, "watch.zip", zip_bytes(files, compression=zipfile.ZIP_STORED))
    assert (job.files_total, job.imported) == (2, 2)


def test_errors_are_written_in_the_persons_language(user, run_import):
    user.profile.language = "id"
    user.profile.save()
    job = run_import(user, "bomb.tcx", (BILLION_LAUGHS + "<lolz>&lol9;</lolz>").encode())
    assert "perlindungan bom XML" in job.errors[0]["error"]


def test_apple_export_zip_imports_workouts_once_not_their_routes(user, run_import):
    export = apple_export(
        [
            apple_workout("Running", "2024-03-09 07:00:00 +0700", "2024-03-09 07:40:00 +0700"),
            apple_workout("StepTraining", "2024-03-10 07:00:00 +0700", "2024-03-10 07:30:00 +0700"),
        ]
    )
    archive = zip_bytes(
        {
            "apple_health_export/export.xml": export,
            "apple_health_export/export_cda.xml": b"<ClinicalDocument/>",
            "apple_health_export/workout-routes/route_2024-03-09_7.00am.gpx": gpx_file(
                start=datetime(2024, 3, 9, 0, 0, tzinfo=UTC), minutes=40
            ),
        }
    )
    job = run_import(user, "export.zip", archive)
    assert (job.files_total, job.imported) == (1, 2)
    assert sorted(Workout.objects.filter(user=user).values_list("activity", flat=True)) == [
        "running",
        "stepper",
    ]
    assert set(Workout.objects.values_list("utc_offset_minutes", flat=True)) == {420}


def test_a_file_a_library_trips_over_fails_alone(user, run_import, monkeypatch):
    def trip(data):
        raise TypeError("unexpected")

    monkeypatch.setitem(sources.ACTIVITY_PARSERS, ".gpx", trip)
    files = {"good.tcx": tcx_file(), "odd.gpx": gpx_file(start=START, minutes=5)}
    job = run_import(user, "mixed.zip", zip_bytes(files))
    assert (job.status, job.imported, job.failed) == ("done", 1, 1)
    assert job.errors == [
        {"file": "odd.gpx", "error": "The file could not be read as a workout file."}
    ]


def test_reimport_racing_past_the_pre_check_still_adds_nothing(user, run_import, monkeypatch):
    archive = strava_archive(START)
    run_import(user, "export.zip", archive)
    # As if another import stored them between this one's check and its insert.
    monkeypatch.setattr("tracker.selectors.workout_source_ids_present", lambda **kwargs: set())
    again = run_import(user, "export.zip", archive)

    assert (again.status, again.imported, again.skipped, again.failed) == ("done", 0, 4, 0)
    assert Workout.objects.filter(user=user).count() == 4

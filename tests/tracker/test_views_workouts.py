"""Logging, listing, editing and deleting workouts."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import UserFactory, WorkoutFactory
from tracker.models import Workout

pytestmark = pytest.mark.django_db

WORKOUT = {
    "activity": "stepper",
    "started_at": "2026-11-23T18:30",
    "duration_minutes": "35",
    "intensity": "7",
    "tight_clothing": "on",
    "notes": "new shoes",
}


@time_machine.travel(datetime(2026, 11, 23, 12, 7, 42, tzinfo=UTC), tick=False)
def test_new_workout_form_starts_now_in_the_persons_zone(web, user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()

    page = web.get("/workouts/new/").content.decode()

    assert 'value="2026-11-23T19:07"' in page  # 12:07 UTC is 19:07 in Jakarta


def test_logging_a_workout_reads_the_time_in_the_persons_zone(web, user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()

    response = web.post("/workouts/new/", WORKOUT)

    assert response["Location"] == "/"
    workout = Workout.objects.get(user=user)
    assert workout.started_at == datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
    assert (workout.activity, workout.duration_minutes, workout.intensity) == ("stepper", 35, 7)
    assert workout.tight_clothing is True
    assert workout.notes == "new shoes"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"duration_minutes": "0"}, "duration_minutes"),
        ({"duration_minutes": "1441"}, "duration_minutes"),
        ({"duration_minutes": "half an hour"}, "duration_minutes"),
        ({"activity": "trampoline"}, "activity"),
        ({"started_at": "yesterday-ish"}, "started_at"),
        ({"intensity": "11"}, "intensity"),
        ({"notes": "x" * 2001}, "notes"),
    ],
)
def test_bad_workout_input_shows_the_error_and_stores_nothing(web, change, field):
    response = web.post("/workouts/new/", {**WORKOUT, **change})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Please correct the following:" in response.content.decode()
    assert not Workout.objects.exists()


def test_editing_a_workout_changes_it(web, user):
    workout = WorkoutFactory(user=user, activity="running", duration_minutes=30)

    response = web.post(f"/workouts/{workout.id}/edit/", {**WORKOUT, "duration_minutes": "50"})

    assert response["Location"] == f"/workouts/{workout.id}/"
    workout.refresh_from_db()
    assert (workout.activity, workout.duration_minutes) == ("stepper", 50)


def test_editing_with_bad_input_keeps_the_workout_as_it_was(web, user):
    workout = WorkoutFactory(user=user, duration_minutes=30)

    response = web.post(f"/workouts/{workout.id}/edit/", {**WORKOUT, "duration_minutes": "0"})

    assert response.status_code == 200
    workout.refresh_from_db()
    assert workout.duration_minutes == 30


def test_deleting_asks_first_then_deletes(web, user):
    workout = WorkoutFactory(user=user)

    confirm = web.get(f"/workouts/{workout.id}/delete/")
    assert "Delete this workout?" in confirm.content.decode()
    assert Workout.objects.filter(pk=workout.pk).exists()

    response = web.post(f"/workouts/{workout.id}/delete/")
    assert response["Location"] == "/workouts/"
    assert not Workout.objects.filter(pk=workout.pk).exists()


def test_workout_list_filters_by_activity_and_dates_in_the_persons_zone(web, user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    late_sunday_utc = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)  # Mon 01:00 in Jakarta
    monday = WorkoutFactory(user=user, activity="cycling", started_at=late_sunday_utc)
    earlier = WorkoutFactory(
        user=user, activity="cycling", started_at=late_sunday_utc - timedelta(days=1)
    )
    running = WorkoutFactory(user=user, activity="running", started_at=late_sunday_utc)
    WorkoutFactory(user=UserFactory(), activity="cycling", started_at=late_sunday_utc)

    page = web.get("/workouts/?activity=cycling&date_from=2026-11-23&date_to=2026-11-23")

    assert [w.id for w in page.context["page"].object_list] == [monday.id]
    assert f"/workouts/{earlier.id}/" not in page.content.decode()
    assert f"/workouts/{running.id}/" not in page.content.decode()


def test_workout_list_shows_a_bad_filter_and_everything_else(web, user):
    WorkoutFactory(user=user)

    page = web.get("/workouts/?date_from=2026-11-23&date_to=2026-11-01")

    assert "date_to" in page.context["filters"].errors
    assert len(page.context["page"].object_list) == 1


def test_workout_list_pages_twenty_at_a_time_keeping_the_filter(web, user):
    start = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    for n in range(25):
        WorkoutFactory(user=user, activity="yoga", started_at=start + timedelta(hours=n))

    first = web.get("/workouts/?activity=yoga")
    second = web.get("/workouts/?activity=yoga&page=2")

    assert len(first.context["page"].object_list) == 20
    assert 'href="?activity=yoga&amp;page=2"' in first.content.decode()
    assert len(second.context["page"].object_list) == 5
    assert "Page 2 of 2" in second.content.decode()


@time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
def test_a_workout_just_finished_is_logged_with_chips_and_no_typing(web, user):
    response = web.post(
        "/workouts/new/",
        {"activity": "stepper", "duration_quick": "30", "when": "finished", "started_at": ""},
    )

    assert response["Location"] == "/"
    workout = Workout.objects.get(user=user)
    assert workout.duration_minutes == 30
    assert workout.started_at == datetime(2026, 11, 23, 11, 30, tzinfo=UTC)


def test_a_typed_duration_wins_over_the_chip(web, user):
    web.post("/workouts/new/", {**WORKOUT, "duration_quick": "30", "duration_minutes": "35"})

    assert Workout.objects.get(user=user).duration_minutes == 35


def test_a_workout_without_a_duration_is_refused_and_nothing_stored(web, user):
    response = web.post("/workouts/new/", {**WORKOUT, "duration_minutes": ""})

    assert "Say how long it lasted." in response.content.decode()
    assert not Workout.objects.exists()

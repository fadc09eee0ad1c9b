"""An entry made offline is replayed with the uuid the phone gave it: stored once, never twice."""

import uuid

import pytest

from tests.factories import WorkoutFactory
from tracker.models import Workout

pytestmark = pytest.mark.django_db

URL = "/api/v1/workouts/"
WORKOUT = {"activity": "stepper", "started_at": "2026-11-23T07:30:00+07:00", "duration_minutes": 40}


def test_a_workout_sent_twice_with_the_same_uuid_is_stored_once_and_the_replay_answers_200(
    user, auth_client
):
    entry = {**WORKOUT, "uuid": str(uuid.uuid4())}

    first = auth_client.post(URL, entry, format="json")
    replay = auth_client.post(URL, entry, format="json")

    assert first.status_code == 201
    assert replay.status_code == 200
    assert replay.json()["id"] == first.json()["id"]
    workout = Workout.objects.get()
    assert str(workout.uuid) == entry["uuid"]
    assert workout.user == user


def test_workouts_without_a_uuid_are_each_stored(auth_client):
    auth_client.post(URL, WORKOUT, format="json")
    auth_client.post(URL, WORKOUT, format="json")

    assert Workout.objects.count() == 2


def test_another_persons_workout_with_the_same_uuid_does_not_hide_mine(user, auth_client):
    theirs = WorkoutFactory()
    assert theirs.user != user

    response = auth_client.post(URL, {**WORKOUT, "uuid": str(theirs.uuid)}, format="json")

    assert response.status_code == 201
    assert Workout.objects.filter(user=user, uuid=theirs.uuid).count() == 1
    assert Workout.objects.filter(uuid=theirs.uuid).count() == 2


def test_a_uuid_is_not_rendered_and_cannot_be_changed_by_a_patch(auth_client):
    entry = {**WORKOUT, "uuid": str(uuid.uuid4())}
    created = auth_client.post(URL, entry, format="json").json()
    assert "uuid" not in created

    auth_client.patch(f"{URL}{created['id']}/", {"uuid": str(uuid.uuid4())}, format="json")

    assert str(Workout.objects.get().uuid) == entry["uuid"]


def test_a_malformed_uuid_answers_400_and_stores_nothing(auth_client):
    response = auth_client.post(URL, {**WORKOUT, "uuid": "not-a-uuid"}, format="json")

    assert response.status_code == 400
    assert "uuid" in response.json()
    assert Workout.objects.count() == 0

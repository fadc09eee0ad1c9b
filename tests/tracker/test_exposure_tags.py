"""Exposure tags on a workout: the form's chips, the API field, the database check and
the export that gives them back."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.db import IntegrityError, transaction

from tests.factories import UserFactory, WorkoutFactory
from tracker.models import Workout

pytestmark = pytest.mark.django_db

WORKOUT = {
    "activity": "stepper",
    "started_at": "2026-11-23T18:30",
    "duration_minutes": "35",
}


def test_tags_chosen_on_the_form_are_stored(web, user):
    response = web.post(
        "/workouts/new/", {**WORKOUT, "exposure_tags": ["shoes_or_lacing", "foot_position"]}
    )

    assert response.status_code == 302
    assert Workout.objects.get(user=user).exposure_tags == ["shoes_or_lacing", "foot_position"]


def test_quick_workout_without_tags_stores_an_empty_list(web, user):
    web.post("/workouts/new/", WORKOUT)

    assert Workout.objects.get(user=user).exposure_tags == []


def test_tag_chips_sit_folded_under_more_on_the_new_workout_page(web):
    page = web.get("/workouts/new/").content.decode()

    more = page.index("More: intensity, clothing, tags, notes")
    assert page.index('value="heavy_load"') > more
    assert "Held yoga pose" in page


def test_an_unknown_tag_on_the_form_is_a_form_error_and_nothing_is_stored(web, user):
    response = web.post("/workouts/new/", {**WORKOUT, "exposure_tags": ["lucky_socks"]})

    assert response.status_code == 200
    assert "exposure_tags" in response.context["form"].errors
    assert not Workout.objects.filter(user=user).exists()


def test_editing_a_workout_keeps_and_changes_its_tags(web, user):
    workout = WorkoutFactory(user=user, exposure_tags=["heavy_load"])
    page = web.get(f"/workouts/{workout.pk}/edit/").content.decode()
    assert re.search(r'value="heavy_load"[^>]*checked', page)

    web.post(
        f"/workouts/{workout.pk}/edit/",
        {**WORKOUT, "started_at": "2026-11-20T10:00", "exposure_tags": ["held_pose"]},
    )

    workout.refresh_from_db()
    assert workout.exposure_tags == ["held_pose"]


def test_api_creates_and_shows_tags(auth_client, user):
    response = auth_client.post(
        "/api/v1/workouts/",
        {
            "activity": "yoga",
            "started_at": "2026-11-23T18:30:00Z",
            "duration_minutes": 60,
            "exposure_tags": ["held_pose"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["exposure_tags"] == ["held_pose"]
    assert Workout.objects.get(user=user).exposure_tags == ["held_pose"]


def test_api_without_tags_answers_an_empty_list(auth_client):
    response = auth_client.post(
        "/api/v1/workouts/",
        {"activity": "yoga", "started_at": "2026-11-23T18:30:00Z", "duration_minutes": 60},
        format="json",
    )

    assert response.json()["exposure_tags"] == []


@pytest.mark.parametrize("tags", [["lucky_socks"], ["heavy_load", "heavy_load"], "heavy_load", [1]])
def test_api_refuses_bad_tags_with_400_and_stores_nothing(auth_client, user, tags):
    response = auth_client.post(
        "/api/v1/workouts/",
        {
            "activity": "yoga",
            "started_at": "2026-11-23T18:30:00Z",
            "duration_minutes": 60,
            "exposure_tags": tags,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "exposure_tags" in json.dumps(response.json())
    assert not Workout.objects.filter(user=user).exists()


def test_database_refuses_tags_that_are_not_a_list(user):
    workout = WorkoutFactory(user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Workout.objects.filter(pk=workout.pk).update(exposure_tags={"heavy_load": True})


def test_tags_are_in_the_csv_export(user, auth_client):
    WorkoutFactory(user=user, exposure_tags=["shoes_or_lacing", "compression"])

    response = auth_client.get("/api/v1/export/", {"format": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read("workouts.csv").decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))

    assert row["exposure_tags"] == "shoes_or_lacing;compression"


def test_tags_survive_a_json_export_and_import_into_another_account(user, auth_client, client_for):
    WorkoutFactory(user=user, exposure_tags=["foot_position"])
    response = auth_client.get("/api/v1/export/", {"format": "json"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    exported = json.loads(content)
    assert exported["workouts"][0]["exposure_tags"] == ["foot_position"]

    newcomer = UserFactory()
    assert client_for(newcomer).post("/api/v1/import/", exported, format="json").status_code == 201

    assert Workout.objects.get(user=newcomer).exposure_tags == ["foot_position"]


def test_postgresql_refuses_an_unknown_tag_written_past_the_model(user):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite cannot check list values in a CHECK constraint (no subqueries)")
    workout = WorkoutFactory(user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Workout.objects.filter(pk=workout.pk).update(exposure_tags=["lucky_socks"])

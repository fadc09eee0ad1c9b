"""Bodies, imports and slow exports are bounded: 413/400 with a reason, or a background job."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from reports import formats
from reports.models import ExportJob
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_json_body_over_the_limit_answers_413(auth_client):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_500_000
    body = json.dumps({"activity": "stepper", "notes": "x" * 2_600_000})

    response = auth_client.post("/api/v1/workouts/", body, content_type="application/json")

    assert response.status_code == 413
    assert "larger than 2.5 MB" in response.json()["detail"]


def test_a_form_body_over_the_limit_answers_400():
    response = Client().post("/login/", {"username": "x", "password": "y" * 2_600_000})

    assert response.status_code == 400


def test_an_import_body_over_10_mb_answers_413(auth_client):
    body = json.dumps({"schema_version": 1, "padding": "x" * 10_000_001})

    response = auth_client.post("/api/v1/import/", body, content_type="application/json")

    assert response.status_code == 413
    assert "larger than 10.0 MB" in response.json()["detail"]


def test_an_import_upload_over_10_mb_answers_413(auth_client):
    upload = SimpleUploadedFile("export.json", b" " * 10_000_001, "application/json")

    response = auth_client.post("/api/v1/import/", {"file": upload}, format="multipart")

    assert response.status_code == 413


def test_an_import_of_more_than_20000_rows_asks_to_split_it(auth_client):
    assert settings.IMPORT_MAX_ROWS == 20_000
    body = {"schema_version": 1, "workouts": [{}] * 15_000, "episodes": [{}] * 5_001}

    response = auth_client.post("/api/v1/import/", body, format="json")

    assert response.status_code == 400
    message = response.json()["non_field_errors"][0]
    assert "20001 rows" in message
    assert "up to 20000" in message
    assert "import them one by one" in message


@pytest.fixture
def big_history(user, monkeypatch):
    """More rows than the background limit (lowered to 3 for the test)."""
    monkeypatch.setattr(formats, "BACKGROUND_ROWS", 3)
    now = timezone.now()
    for days in range(1, 5):
        workout = WorkoutFactory(user=user, started_at=now - timedelta(days=days))
        EpisodeFactory(user=user, workout=workout, started_at=workout.started_at)
    return user


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("fhir", "application/fhir+json"),
        ("pdf", "application/pdf"),
        ("json", "application/json"),
        ("csv", "application/zip"),
    ],
)
def test_a_large_export_becomes_a_background_job_with_a_url(
    big_history, auth_client, django_capture_on_commit_callbacks, fmt, content_type
):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.get("/api/v1/export/", {"format": fmt})

    assert response.status_code == 202
    job = ExportJob.objects.get(user=big_history)
    body = response.json()
    assert body["id"] == str(job.uuid)
    assert response["Location"] == body["status_url"]
    status = auth_client.get(body["status_url"]).json()
    assert status["status"] == "done"
    download = auth_client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert "no-store" in download["Cache-Control"]


def test_a_background_export_is_only_its_owners(
    big_history, auth_client, client_for, other_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = auth_client.get("/api/v1/export/", {"format": "fhir"}).json()
    status = auth_client.get(body["status_url"]).json()

    stranger = client_for(other_user)

    assert stranger.get(body["status_url"]).status_code == 404
    assert stranger.get(status["download_url"]).status_code == 404


def test_a_small_export_still_answers_the_file_itself(user, auth_client):
    EpisodeFactory(user=user, started_at=timezone.now() - timedelta(days=1))

    response = auth_client.get("/api/v1/export/", {"format": "pdf"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_production_gunicorn_line_sets_a_timeout():
    readme = (ROOT / "README.md").read_text()
    line = next(line for line in readme.splitlines() if "config.wsgi --bind 0.0.0.0" in line)

    assert re.search(r"--timeout \d+", line)

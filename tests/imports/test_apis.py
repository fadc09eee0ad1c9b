"""POST /api/v1/imports/ answers 202 at once with the job; the job is the owner's only."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportJob
from tests.imports.builders import Session, fit_file, strava_archive, tcx_file
from tracker.models import Workout

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)


def test_upload_answers_202_with_the_job_and_the_worker_imports_it(
    user, auth_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            "/api/v1/imports/",
            {"file": SimpleUploadedFile("export.zip", strava_archive(START))},
            format="multipart",
        )
    assert response.status_code == 202
    assert response.data["status"] == "pending"
    assert response.data["filename"] == "export.zip"

    progress = auth_client.get(f"/api/v1/imports/{response.data['id']}/")
    assert progress.status_code == 200
    assert progress.data["status"] == "done"
    assert progress.data["finished"] is True
    expected = {"read": 4, "imported": 4, "skipped": 0, "failed": 0}
    assert {key: progress.data[key] for key in expected} == expected
    assert Workout.objects.filter(user=user, source="strava").count() == 4


def test_upload_does_not_wait_for_the_import(user, auth_client):
    # Outside a committed transaction the task is not run: the answer comes first.
    response = auth_client.post(
        "/api/v1/imports/", {"file": SimpleUploadedFile("a.tcx", tcx_file())}, format="multipart"
    )
    assert response.status_code == 202
    assert not Workout.objects.filter(user=user).exists()


def test_upload_without_a_file_is_400(auth_client):
    response = auth_client.post("/api/v1/imports/", {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.data


def test_another_users_import_is_404(user, other_user, client_for):
    job = ImportJob.objects.create(user=other_user, filename="a.fit")
    client = client_for(user)
    assert client.get(f"/api/v1/imports/{job.pk}/").status_code == 404
    assert client.post(f"/api/v1/imports/{job.pk}/cancel/").status_code == 404
    assert not client.get("/api/v1/imports/").data["results"]


def test_anonymous_is_401(api_client):
    assert api_client.get("/api/v1/imports/").status_code == 401
    upload = {"file": SimpleUploadedFile("a.fit", fit_file([Session(START, 30)]))}
    assert api_client.post("/api/v1/imports/", upload, format="multipart").status_code == 401


def test_cancel_through_the_api_stops_a_waiting_import(user, auth_client):
    response = auth_client.post(
        "/api/v1/imports/", {"file": SimpleUploadedFile("a.tcx", tcx_file())}, format="multipart"
    )
    cancelled = auth_client.post(f"/api/v1/imports/{response.data['id']}/cancel/")
    assert cancelled.status_code == 200
    assert cancelled.data["status"] == "cancelled"


def test_progress_answers_in_the_persons_language(user, auth_client):
    user.profile.language = "id"
    user.profile.save()
    job = ImportJob.objects.create(user=user, filename="a.fit", status="running")
    response = auth_client.get(f"/api/v1/imports/{job.pk}/")
    assert response.data["status_label"] == "Sedang mengimpor"


def test_upload_declared_over_300_mb_is_refused_before_reading_it(user, auth_client):
    response = auth_client.post(
        "/api/v1/imports/",
        {"file": SimpleUploadedFile("a.tcx", tcx_file())},
        format="multipart",
        CONTENT_LENGTH=str(301 * 2**20),
    )
    assert response.status_code == 400
    assert response.data["file"] == ["The file is larger than 300 MB."]
    assert not ImportJob.objects.exists()

"""The Imports page: upload, progress, cancel, and the merge question, in both languages."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from imports.models import ImportJob, MergeCandidate
from tests.factories import WorkoutFactory
from tests.imports.builders import Session, fit_file, strava_archive
from tracker.models import Workout

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)


@pytest.fixture
def browser(user):
    client = Client()
    client.force_login(user)
    return client


def test_page_offers_the_upload_in_english_and_indonesian(user, browser):
    page = browser.get("/imports/")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert "Workouts from your watch" in page.text

    user.profile.language = "id"
    user.profile.save()
    page = browser.get("/imports/")
    assert "Latihan dari jam tangan Anda" in page.text


def test_upload_redirects_to_the_progress_which_shows_the_counts(
    user, browser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/imports/", {"file": SimpleUploadedFile("export.zip", strava_archive(START))}
        )
    job = ImportJob.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/imports/{job.uuid}/"

    page = browser.get(response["Location"])
    assert 'id="import-imported">4<' in page.text
    status = browser.get(f"/imports/{job.uuid}/status/").json()
    assert (status["status"], status["imported"], status["finished"]) == ("done", 4, True)


def test_upload_without_a_file_shows_the_error(browser):
    response = browser.post("/imports/", {})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_another_persons_progress_is_404(other_user, browser):
    job = ImportJob.objects.create(user=other_user, filename="a.fit")
    assert browser.get(f"/imports/{job.uuid}/").status_code == 404
    assert browser.get(f"/imports/{job.uuid}/status/").status_code == 404
    assert browser.post(f"/imports/{job.uuid}/cancel/").status_code == 404


def test_cancel_button_stops_a_waiting_import(user, browser):
    job = ImportJob.objects.create(user=user, filename="a.fit")
    response = browser.post(f"/imports/{job.uuid}/cancel/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "cancelled"


def test_merge_question_is_shown_and_merge_makes_one_workout(
    user, browser, django_capture_on_commit_callbacks
):
    WorkoutFactory(user=user, started_at=START, duration_minutes=40)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(
            "/imports/",
            {"file": SimpleUploadedFile("a.fit", fit_file([Session(START, 45, "cycling")]))},
        )
    page = browser.get("/imports/")
    assert "The same workout twice?" in page.text
    candidate = MergeCandidate.objects.get()

    response = browser.post(f"/imports/merges/{candidate.pk}/", {"choice": "merge"})
    assert response.status_code == 302
    assert Workout.objects.filter(user=user).count() == 1
    assert "The same workout twice?" not in browser.get("/imports/").text


def test_keep_both_keeps_both(user, browser, django_capture_on_commit_callbacks):
    WorkoutFactory(user=user, started_at=START, duration_minutes=40)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(
            "/imports/",
            {"file": SimpleUploadedFile("a.fit", fit_file([Session(START, 45, "cycling")]))},
        )
    candidate = MergeCandidate.objects.get()
    browser.post(f"/imports/merges/{candidate.pk}/", {"choice": "keep"})
    assert Workout.objects.filter(user=user).count() == 2


def test_another_persons_merge_question_is_404(other_user, browser):
    hand = WorkoutFactory(user=other_user)
    device = WorkoutFactory(
        user=other_user, source="fit", source_id="x", started_at=hand.started_at + timedelta(1)
    )
    candidate = MergeCandidate.objects.create(user=other_user, manual=hand, imported=device)
    assert browser.post(f"/imports/merges/{candidate.pk}/", {"choice": "merge"}).status_code == 404

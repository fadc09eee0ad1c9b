"""Deleting an account leaves no row, file or session of the person.

Rows are found by introspection: every model with a foreign key to the user model,
whatever app adds it later. Files are found by walking the media folder on disk.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from alerts.models import Alert
from feeds.services import calendar_feed_create
from imports.models import ImportJob, MergeCandidate
from insights.models import Experiment
from insights.services import mnsi_record
from notifications.outbox import outbox_ensure
from reports.models import ExportJob
from reports.services import share_link_create, share_link_view_record
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
User = get_user_model()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def user_foreign_keys() -> list[tuple[type, str]]:
    """(model, field name) of every concrete relation to the user model, through tables too."""
    return [
        (model, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is User
    ]


def rows_of(user_id: int) -> dict[str, int]:
    counts = {
        f"{model._meta.label}.{name}": model._default_manager.filter(**{f"{name}_id": user_id})
        .distinct()
        .count()
        for model, name in user_foreign_keys()
    }
    counts["auth.User"] = User.objects.filter(pk=user_id).count()
    return counts


def sessions_of(user_id: int) -> list[str]:
    return [
        session.session_key
        for session in Session.objects.all()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]


def files_in(folder: Path) -> set[str]:
    """Files, and folders left empty (an export's random folder names nobody, but still)."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() or (path.is_dir() and not any(path.iterdir()))
    }


def logged_in(user) -> Client:
    """A browser session stored in django_session, as a real log-in makes it."""
    browser = Client()
    answer = browser.post("/login/", {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 302, answer.status_code
    return browser


def export_file(user, name: str) -> ExportJob:
    job = ExportJob.objects.create(user=user, format="json", status="done", filename=name)
    job.file.save(name, ContentFile(b'{"episodes": []}'))
    return job


def import_upload(user, name: str) -> ImportJob:
    """An import not yet processed: its upload still waits on disk."""
    job = ImportJob(user=user, filename=name, size_bytes=9)
    job.file.save(f"{job.uuid}-{name}", ContentFile(b"<gpx></gpx>"), save=False)
    job.save()
    return job


def files_of(user) -> set[str]:
    """The names of the person's stored files: export files and waiting import uploads."""
    return {
        job.file.name
        for model in (ExportJob, ImportJob)
        for job in model.objects.filter(user=user)
        if job.file
    }


def a_full_life(user) -> None:
    """A row in every table that can point at a person, an export file and an upload on disk."""
    workout = WorkoutFactory(user=user)
    episode = EpisodeFactory(user=user, workout=workout)
    BodyWeightFactory(user=user)
    alert = Alert.objects.create(
        user=user,
        rule="emergency_symptoms",
        level="urgent",
        identity="x",
        created_at=timezone.now(),
    )
    alert.episodes.add(episode)
    alert.workouts.add(workout)
    outbox_ensure(user=user, kind="alert", key=f"alert:{alert.pk}", alert=alert)
    link, _token = share_link_create(user=user, expires_in_days=3)
    share_link_view_record(share_link=link)
    ExportJob.objects.create(
        user=user, format="pdf", created_at=timezone.now() - timedelta(hours=1)
    )
    export_file(user, "leglog-2026-11-23.json")
    import_upload(user, "ride.gpx")
    MergeCandidate.objects.create(
        user=user,
        manual=workout,
        imported=WorkoutFactory(user=user, source="gpx", source_id="ride-1"),
    )
    calendar_feed_create(user=user)
    Token.objects.get_or_create(user=user)
    Experiment.objects.create(
        user=user,
        activity="stepper",
        change_tag="shoes_or_lacing",
        planned_sessions=8,
        started_at=timezone.now(),
    )
    mnsi_record(user=user, answers=[False] * 15, now=timezone.now())
    user.groups.add(Group.objects.get_or_create(name="patients")[0])
    user.user_permissions.add(Permission.objects.first())
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(workout),
        object_id=str(workout.pk),
        object_repr="a workout",
        action_flag=ADDITION,
    )


def assert_everything_of_the_person_is_gone(person_id: int, media: Path, kept: set[str]) -> None:
    left = {name: count for name, count in rows_of(person_id).items() if count}
    assert left == {}
    assert files_in(media) == kept  # the other person's file only
    assert sessions_of(person_id) == []


@pytest.fixture
def two_people(media):
    person, other = UserFactory(), UserFactory()
    a_full_life(person)
    a_full_life(other)
    before = rows_of(person.pk)
    # The life above covers every table that points at people today.
    assert all(before.values()), {name: count for name, count in before.items() if not count}
    return person, other


def test_deleting_the_account_through_the_api_leaves_no_row_file_or_session(
    two_people, media, client_for
):
    person, other = two_people
    phone, laptop = logged_in(person), logged_in(person)
    other_browser = logged_in(other)
    assert len(sessions_of(person.pk)) == 2
    other_files = files_of(other)
    assert len(files_in(media)) == 4  # an export file and an upload each

    response = client_for(person).delete(reverse("me"), {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert_everything_of_the_person_is_gone(person.pk, media, kept=other_files)
    assert phone.get(reverse("home")).status_code == 302  # sent to log in
    assert laptop.get(reverse("home")).status_code == 302
    assert other_browser.get(reverse("home")).status_code == 200
    assert len(sessions_of(other.pk)) == 1
    assert any(count for count in rows_of(other.pk).values())


def test_deleting_the_account_from_the_settings_page_leaves_no_row_file_or_session(
    two_people, media
):
    person, other = two_people
    browser, phone = logged_in(person), logged_in(person)
    other_browser = logged_in(other)
    other_files = files_of(other)

    response = browser.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert_everything_of_the_person_is_gone(person.pk, media, kept=other_files)
    assert phone.get(reverse("home")).status_code == 302
    assert other_browser.get(reverse("home")).status_code == 200
    assert len(sessions_of(other.pk)) == 1


def test_deleting_the_account_forgets_its_failed_log_ins(user, auth_client, client):
    from axes.models import AccessAttempt

    client.post("/login/", {"username": user.username, "password": "not the password"})
    assert AccessAttempt.objects.filter(username=user.username).exists()

    response = auth_client.delete("/api/v1/me/", {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not AccessAttempt.objects.filter(username=user.username).exists()

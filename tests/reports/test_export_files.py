"""Background export files: only their owner fetches them, through a view; never by URL."""

import importlib
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, reverse

from reports.models import ExportJob
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTENT = b'{"episodes": [{"notes": "left calf numb after the stepper"}]}'


@pytest.fixture
def media(settings, tmp_path):
    """Files on disk under a private MEDIA_ROOT, as `make run` stores them."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _reload_urls() -> None:
    import config.urls

    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def debug_urls(settings):
    """The URLs as built with DEBUG on: a media route there would serve the files."""
    settings.DEBUG = True
    _reload_urls()
    yield
    settings.DEBUG = False
    _reload_urls()


def done_job(user, name="leglog-2026-11-23.json") -> ExportJob:
    job = ExportJob.objects.create(
        user=user, format="json", status="done", filename=name, content_type="application/json"
    )
    job.file.save(name, ContentFile(CONTENT))
    return job


def test_an_export_file_is_never_served_by_a_media_url_even_with_debug_on(
    media, debug_urls, client
):
    owner = UserFactory()
    job = done_job(owner)
    assert (media / job.file.name).read_bytes() == CONTENT
    old_style = "exports/2026/11/leglog-2026-11-23.json"
    (media / old_style).parent.mkdir(parents=True)
    (media / old_style).write_bytes(CONTENT)

    for who in (None, owner):
        if who is not None:
            client.force_login(who)
        for path in (f"/{job.file.name}", f"/media/{job.file.name}", f"/{old_style}"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert b"left calf" not in response.getvalue()


def test_the_owner_downloads_the_file_streamed_from_the_job_view(media, client):
    owner = UserFactory()
    job = done_job(owner)
    client.force_login(owner)

    response = client.get(reverse("reports:job_file", args=[job.uuid]))

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Type"] == "application/json"
    assert response["Content-Length"] == str(len(CONTENT))
    assert 'attachment; filename="leglog-2026-11-23.json"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_another_users_export_file_answers_404(media, client):
    job = done_job(UserFactory())
    client.force_login(UserFactory())
    assert client.get(reverse("reports:job_file", args=[job.uuid])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_for_an_export_file(media, client):
    job = done_job(UserFactory())
    response = client.get(reverse("reports:job_file", args=[job.uuid]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_export_files_are_stored_under_an_unguessable_folder_not_a_date(media):
    user = UserFactory()
    first, second = done_job(user), done_job(user)
    pattern = re.compile(r"^exports/[A-Za-z0-9_-]{32}/leglog-2026-11-23\.json$")
    assert pattern.match(first.file.name), first.file.name
    assert pattern.match(second.file.name), second.file.name
    assert first.file.name.split("/")[1] != second.file.name.split("/")[1]

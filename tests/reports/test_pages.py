import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from reports import views
from reports.models import ExportJob, ShareLink
from reports.services import export_job_create
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, history):
    client.force_login(history["user"])
    return client


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_reports_page_needs_login(client):
    response = client.get(reverse("reports:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_reports_page_offers_every_format_and_share_links(browser):
    html = browser.get(reverse("reports:index")).content.decode()
    for fmt in ("pdf", "csv", "json", "fhir"):
        assert f'name="format" value="{fmt}"' in html
    assert 'id="share-links"' in html


def test_small_history_downloads_at_once(browser):
    response = browser.post(reverse("reports:download"), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not ExportJob.objects.exists()


def test_bad_period_shows_the_form_again_with_an_error(browser):
    response = browser.post(
        reverse("reports:download"), {"format": "pdf", "start": "2026-11-10", "end": "2026-11-01"}
    )
    assert response.status_code == 400
    assert "The end is before the start." in response.content.decode()


def test_large_history_is_built_in_the_background_with_progress(
    browser, history, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "BACKGROUND_ROWS", 3)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(reverse("reports:download"), {"format": "json"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job", args=[job.uuid])
    page = browser.get(response["Location"]).content.decode()
    assert "reports/job.js" in page
    status = browser.get(reverse("reports:job_status", args=[job.uuid])).json()
    assert status["status"] == "done"
    assert status["progress"] == 100
    download = browser.get(status["download_url"])
    assert download["Content-Type"] == "application/json"
    assert len(json.loads(b"".join(download.streaming_content))["episodes"]) == 4


def test_another_users_export_job_answers_404(browser, history, client, django_user_model):
    job = ExportJob.objects.create(
        user=django_user_model.objects.create(username="x"), format="csv"
    )
    for name in ("reports:job", "reports:job_status", "reports:job_file"):
        assert browser.get(reverse(name, args=[job.uuid])).status_code == 404


def test_create_and_revoke_a_share_link_from_the_page(browser, client):
    page = browser.post(reverse("reports:share_create"), {"share-expires_in_days": "3"})
    html = page.content.decode()
    assert "http://testserver/share/" in html
    link = ShareLink.objects.get()
    response = browser.post(reverse("reports:share_revoke", args=[link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_another_users_share_link_cannot_be_revoked_from_the_page(browser, django_user_model):
    other = django_user_model.objects.create(username="someone")
    link = ShareLink.objects.create(user=other, token_hash="a" * 64, expires_at=NOW)
    assert browser.post(reverse("reports:share_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_starting_an_export_removes_the_files_of_old_ones(history, django_user_model):
    user = history["user"]
    with time_machine.travel(NOW - timedelta(days=2), tick=False):
        old = ExportJob.objects.create(user=user, format="json", status="done")
        old.file.save("old.json", ContentFile(b"{}"))
    recent = ExportJob.objects.create(user=user, format="csv")
    stored = old.file.name
    storage = old.file.storage
    export_job_create(user=user, format="pdf", start=None, end=None)
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not storage.exists(stored)
    assert ExportJob.objects.filter(pk=recent.pk).exists()

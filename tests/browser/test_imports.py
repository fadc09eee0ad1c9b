"""Uploading a Strava archive in a real Chromium and watching the import to its end.

The worker is played by a thread that runs the import task a moment after the upload
commits, so the page really starts at "Waiting" and its script polls until "Done".
"""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from accounts.models import Profile
from tests.browser.conftest import ARTIFACTS, CHROMIUM
from tests.browser.test_dashboard import sign_up
from tests.imports.builders import strava_archive
from tracker.models import Workout

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

WORDS = {
    "en": {
        "file": "File from your watch or app",
        "import": "Import",
        "waiting": "Waiting",
        "done": "Done",
        "see": "See your workouts",
    },
    "id": {
        "file": "Berkas dari jam tangan atau aplikasi Anda",
        "import": "Impor",
        "waiting": "Menunggu",
        "done": "Selesai",
        "see": "Lihat latihan Anda",
    },
}


@pytest.fixture
def slow_worker(monkeypatch):
    """Run queued imports in a thread 1.5 s after commit, as a busy worker would."""
    threads = []

    def enqueue_on_commit(name, job_id):
        def work():
            time.sleep(1.5)
            from imports.tasks import import_run_task

            try:
                import_run_task(job_id)
            finally:
                connection.close()

        def start():
            thread = threading.Thread(target=work)
            threads.append(thread)
            thread.start()

        transaction.on_commit(start)

    monkeypatch.setattr("imports.services.enqueue_on_commit", enqueue_on_commit)
    yield
    for thread in threads:
        thread.join(timeout=30)


@pytest.mark.parametrize("language", ["en", "id"])
def test_strava_archive_upload_shows_progress_until_done(page, slow_worker, language):
    words = WORDS[language]
    username = f"watcher_{language}"
    sign_up(page, username)
    Profile.objects.filter(user__username=username).update(language=language)

    page.goto("/imports/")
    page.get_by_label(words["file"]).set_input_files(
        {
            "name": "export_8175.zip",
            "mimeType": "application/zip",
            "buffer": strava_archive(datetime(2024, 3, 4, 6, 0, tzinfo=UTC)),
        }
    )
    page.get_by_role("button", name=words["import"], exact=True).click()
    page.wait_for_url("**/imports/*/")

    status = page.locator("#import-status")
    assert status.inner_text() == words["waiting"]
    page.get_by_role("link", name=words["see"]).wait_for(state="visible", timeout=20_000)

    assert status.inner_text() == words["done"]
    assert page.locator("#import-imported").inner_text() == "4"
    assert page.locator("#import-files").inner_text() == "4 / 4"
    assert page.locator("#import-failed").inner_text() == "0"
    assert not page.locator("#import-cancel").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"imports-done-{language}.png"), full_page=True)
    assert Workout.objects.filter(user__username=username, source="strava").count() == 4

"""With no mail settings (``make run``), emails land as files under var/mail."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from notifications.tasks import alert_email_task

pytestmark = pytest.mark.django_db

ROOT = Path(django_settings.BASE_DIR)


def test_run_settings_without_email_url_use_the_file_backend_under_var_mail():
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH)"
    )

    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    backend, path = result.stdout.split()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert Path(path) == ROOT / "var" / "mail"


def test_urgent_alert_email_is_written_to_a_file_by_the_file_backend(
    user, make_alert, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)

    alert_email_task.delay(make_alert(user, level="urgent").id)

    (written,) = tmp_path.iterdir()
    content = written.read_text()
    assert "Subject: LegLog: please seek medical help now" in content
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in content
    assert f"To: {user.email}" in content

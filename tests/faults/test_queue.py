"""Work queued by name from a web or shell process, where Celery never imported the tasks."""

import json
import os
import subprocess
import sys

from django.conf import settings

from common.tasknames import TaskName

SEND_BY_NAME = """
import json

from common.tasknames import TaskName

import django

django.setup()
from celery.signals import task_postrun
from django.core.management import call_command

call_command("migrate", verbosity=0)
ran = []
task_postrun.connect(lambda sender=None, **kwargs: ran.append(sender.name), weak=False)

from common.queue import send_task_quietly
from common.tasknames import TaskName

sent = send_task_quietly(TaskName.EVALUATE_USER, 424242)

import sys
from pathlib import Path

from django.apps import apps

with_tasks = [c.name for c in apps.get_app_configs() if (Path(c.path) / "tasks.py").exists()]
print(json.dumps({
    "sent": sent,
    "ran": ran,
    "apps_with_tasks": with_tasks,
    "unregistered": [name for name in with_tasks if f"{name}.tasks" not in sys.modules],
}))
"""


def test_eager_settings_run_a_task_sent_by_name_instead_of_publishing_it(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_EAGER": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Were it published, it would go to a broker that is not there.
        "REDIS_URL": "redis://127.0.0.1:9/3",
        "PYTHONPATH": str(settings.BASE_DIR),
    }

    completed = subprocess.run(
        [sys.executable, "-c", SEND_BY_NAME],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["sent"] is True
    assert result["ran"] == [TaskName.EVALUATE_USER]
    # Every app's tasks are known, so whatever is queued by name runs eagerly too.
    assert "alerts" in result["apps_with_tasks"]
    assert result["unregistered"] == []

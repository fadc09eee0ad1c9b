"""Settings of ``make bench``: the test settings plus the bench-only floor app.

``CELERY_EAGER=0`` and ``REDIS_URL`` (set by the harness for its gunicorn and worker)
make Celery real; in-process rows keep eager tasks.
"""

from config.settings.test import *  # noqa: F403
from config.settings.test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor"]
ROOT_URLCONF = "bench.urls"

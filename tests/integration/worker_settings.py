"""Settings of the worker and beat processes the reliability figures start (tests only).

The test settings plus what a real deployment has and the unit tests must not: mail to an
SMTP server (the test's aiosmtpd, ``FIGURES_SMTP_PORT``) instead of memory, and, when a
test asks, time made short: beat intervals (``FIGURES_BEAT_SECONDS``), the broker's
visibility timeout (``FIGURES_VISIBILITY_SECONDS``, how long Redis waits before handing an
unacknowledged task of a dead worker to another) and the retry back-off
(``FIGURES_RETRY_SCALE``: the product's 30 s, 60 s, 120 s ... countdowns times this).
No product code is changed: the tasks, their retry policy and the outbox run as shipped.
"""

import os
from datetime import timedelta
from typing import Any

from config.settings.test import *  # noqa: F403
from config.settings.test import CELERY_BEAT_SCHEDULE, CELERY_BROKER_TRANSPORT_OPTIONS

if os.environ.get("FIGURES_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["FIGURES_SMTP_PORT"])
    EMAIL_HOST_USER = ""
    EMAIL_HOST_PASSWORD = ""
    EMAIL_USE_TLS = False
    EMAIL_USE_SSL = False
    EMAIL_TIMEOUT = 30
    SITE_URL = "https://leglog.example"

if os.environ.get("FIGURES_BEAT_SECONDS"):
    _every = timedelta(seconds=float(os.environ["FIGURES_BEAT_SECONDS"]))
    CELERY_BEAT_SCHEDULE = {
        name: {**entry, "schedule": _every, "options": {"expires": _every.total_seconds()}}
        for name, entry in CELERY_BEAT_SCHEDULE.items()
    }

if os.environ.get("FIGURES_VISIBILITY_SECONDS"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": float(os.environ["FIGURES_VISIBILITY_SECONDS"]),
    }


def _scaled_retry(retry: Any) -> Any:
    scale = float(os.environ.get("FIGURES_RETRY_SCALE", "1"))

    def scaled(self: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("countdown"):
            kwargs["countdown"] = kwargs["countdown"] * scale
        return retry(self, *args, **kwargs)

    return scaled


if os.environ.get("FIGURES_RETRY_SCALE"):
    # A Celery task annotation (``@method`` wraps the method): same retries, shorter waits.
    CELERY_TASK_ANNOTATIONS = {"*": {"@retry": _scaled_retry}}

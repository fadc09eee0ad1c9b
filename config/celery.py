"""The Celery app: ``celery -A config worker`` and ``celery -A config beat``."""

import logging
import os
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, worker_init

from common.redaction import RedactCapabilityUrls

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("leglog")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def filesystem_broker_folders(sender: Celery, source: Any, **kwargs: Any) -> None:
    """Create the folders of kombu's filesystem broker (the embedded default) if missing.

    The transport does not create them itself; without them the web process could not
    publish and the worker would crash on start. Runs in every process that uses Celery.
    """
    if not str(source.get("broker_url") or "").startswith("filesystem://"):
        return
    options = source.get("broker_transport_options") or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_capability_urls(logger: logging.Logger, **kwargs: Any) -> None:
    """Celery replaces the root logger's handlers in workers and beat: its own handlers
    redact capability URLs too, like every handler of Django's LOGGING."""
    for handler in logger.handlers:
        if not any(isinstance(f, RedactCapabilityUrls) for f in handler.filters):
            handler.addFilter(RedactCapabilityUrls())


@worker_init.connect
def import_before_forking(**kwargs: Any) -> None:
    """A worker imports the libraries its tasks import lazily (``config.warm``) once, in
    the main process before the pool forks: no task waits seconds for an import, and the
    pool's processes share those pages instead of each reading its own copy."""
    from config.warm import warm_imports

    warm_imports()

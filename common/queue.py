"""Queueing Celery work from a write without ever failing or hanging the write.

The broker can be down; the write is what matters. Publishing gives up within a second
or two (see ``CELERY_TASK_PUBLISH_RETRY_POLICY`` and the transport timeouts), the error
is logged, and the periodic sweep picks the work up from the database later.
"""

import functools
import logging
from typing import Any

from celery import current_app
from django.db import transaction
from kombu.exceptions import KombuError

logger = logging.getLogger(__name__)


@functools.cache
def _import_task_modules() -> None:
    """Register every app's tasks in this process (web, shell, tests), once.

    Celery discovers ``tasks`` modules lazily, only in workers and beat. Elsewhere a task
    sent by name is unknown, so its signature falls back to publishing even under
    CELERY_TASK_ALWAYS_EAGER, and eager tests would queue instead of run.
    """
    current_app.autodiscover_tasks(force=True)


def send_task_quietly(name: str, *args: Any) -> bool:
    """Publish task ``name`` with ``args`` (ids, never health data); False if the broker is down."""
    _import_task_modules()
    try:
        # A signature runs eagerly under CELERY_TASK_ALWAYS_EAGER (tests); send_task would not.
        current_app.signature(str(name), args=args).apply_async()
    except (KombuError, OSError):
        logger.warning("broker unavailable, %s(%s) left for the sweep", name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(name: str, *args: Any) -> None:
    """Queue task ``name`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_task_quietly(name, *args))


def broker_is_up(timeout: float = 1.0) -> bool:
    """True when the broker accepts a connection within ``timeout`` seconds."""
    try:
        with current_app.connection_for_write() as connection:
            # kombu waits ``interval_start`` (2 s by default) before a retry: none here.
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=timeout
            )
    except Exception:
        return False
    return True

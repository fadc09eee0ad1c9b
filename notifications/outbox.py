"""Outbox rows: made once per (user, kind, key) before any SMTP traffic, then queued.

The kinds (``notifications.kinds``) plan their rows with these; ``services`` delivers
them. Kept apart from ``services`` so that the kinds can use it without importing the
delivery that dispatches back to them.
"""

from email.utils import make_msgid
from typing import Any

from django.db import IntegrityError, transaction

from alerts.models import Alert
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from notifications import links
from notifications.models import OutboxEmail
from tracker.models import Workout

Status = OutboxEmail.Status


def outbox_ensure(
    *,
    user: Any,
    kind: str,
    key: str,
    alert: Alert | None = None,
    workout: Workout | None = None,
) -> OutboxEmail:
    """The row for (user, kind, key), made ``pending`` if it did not exist yet."""
    defaults = {
        "alert": alert,
        "workout": workout,
        "message_id": make_msgid(idstring=kind.replace("_", "-"), domain=links.site_domain()),
    }
    try:
        with transaction.atomic():
            outbox, _created = OutboxEmail.objects.get_or_create(
                user=user, kind=kind, key=key, defaults=defaults
            )
    except IntegrityError:
        # Two planners raced on the unique constraint; the other one's row stands.
        outbox = OutboxEmail.objects.get(user=user, kind=kind, key=key)
    return outbox


def outbox_queue(rows: list[OutboxEmail], *, include_stale: bool = False) -> list[OutboxEmail]:
    """Queue delivery (on commit) of the rows still ``pending`` (or ``sending``, for the
    sweep's stale claims); returns the rows queued."""
    wanted = {Status.PENDING, Status.SENDING} if include_stale else {Status.PENDING}
    queued = [row for row in rows if row.status in wanted]
    for row in queued:
        enqueue_on_commit(TaskName.OUTBOX_DELIVER, row.pk)
    return queued

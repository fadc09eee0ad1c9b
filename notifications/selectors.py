"""Reads of the outbox shared by every kind of email.

What each kind has due lives with the kind (``notifications.kinds``).
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Exists, Q, QuerySet

from notifications.models import OutboxEmail

Status = OutboxEmail.Status

# A pending row this old lost its task (broker down); a claim this old lost its worker.
PENDING_GRACE = timedelta(minutes=10)
STALE_CLAIM = timedelta(minutes=15)


def no_outbox_row(kind: str, **match: Any) -> Any:
    """``~Exists``: no outbox row of ``kind`` matching ``match`` (OuterRefs allowed)."""
    return ~Exists(OutboxEmail.objects.filter(kind=kind, **match))


def outbox_stuck(*, now: datetime) -> QuerySet[OutboxEmail]:
    """Rows whose task was lost (pending for a while) or whose worker died mid-send."""
    return OutboxEmail.objects.filter(
        Q(status=Status.PENDING, created_at__lte=now - PENDING_GRACE)
        | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("created_at")

"""The one write path of calendar feeds."""

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from feeds.models import CalendarFeed

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: Any) -> tuple[CalendarFeed, str]:
    """A new secret address (and its token, shown once); the previous one stops working."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed.objects.create(user=user, token_hash=token_hash(token))
    return feed, token


def calendar_feed_revoke(*, user: Any) -> int:
    """Stop the person's address at once; how many were active (0 or 1)."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_feed_mark_read(*, feed: CalendarFeed, now: datetime) -> None:
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)

"""Reads of calendar feeds and of what they show; every one scoped to its user."""

from typing import Any

from feeds.models import CalendarFeed
from feeds.services import token_hash


def calendar_feed_active(*, user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The working feed of ``token``; None when unknown or revoked."""
    return (
        CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .select_related("user", "user__profile")
        .first()
    )

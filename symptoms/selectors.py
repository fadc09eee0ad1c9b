"""Reads of episodes; every one is scoped to its user."""

from typing import Any

from django.db.models import QuerySet

from symptoms.models import Episode


def episode_list(*, user: Any) -> QuerySet[Episode]:
    """The user's episodes, newest first, with their workout."""
    return (
        Episode.objects.filter(user=user).select_related("workout").order_by("-started_at", "-id")
    )


def episode_ongoing(*, user: Any) -> QuerySet[Episode]:
    """Episodes not yet ended (normally none or one)."""
    return episode_list(user=user).filter(ended_at__isnull=True)

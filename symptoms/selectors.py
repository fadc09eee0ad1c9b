"""Reads of episodes; every one is scoped to its user."""

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from symptoms.definitions import association_window
from symptoms.models import Episode


def episode_list(*, user: Any) -> QuerySet[Episode]:
    """The user's episodes, newest first, with their workout."""
    return (
        Episode.objects.filter(user=user).select_related("workout").order_by("-started_at", "-id")
    )


def episode_ongoing(*, user: Any) -> QuerySet[Episode]:
    """Episodes not yet ended (normally none or one)."""
    return episode_list(user=user).filter(ended_at__isnull=True)


def episode_list_started_since(*, user: Any, since: datetime) -> QuerySet[Episode]:
    """The user's episodes that started at or after ``since``, oldest first, with the
    workout each is linked to (one query)."""
    return (
        Episode.objects.filter(user=user, started_at__gte=since)
        .select_related("workout")
        .order_by("started_at", "id")
    )


def episode_ongoing_user_ids() -> list[int]:
    """Ids of the users with an episode not yet ended (the pattern sweep's work list)."""
    return list(
        Episode.objects.filter(ended_at__isnull=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def episode_list_associated_with(*, workout: Any) -> QuerySet[Episode]:
    """The workout owner's episodes associated with ``workout`` (``symptoms.definitions``):
    linked to it, or unlinked and started in its association window."""
    first, last = association_window(
        started_at=workout.started_at, duration_minutes=workout.duration_minutes
    )
    return episode_list(user=workout.user_id).filter(
        Q(workout_id=workout.id)
        | Q(workout__isnull=True, started_at__gte=first, started_at__lte=last)
    )

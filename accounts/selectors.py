"""Reads of profiles; every one is scoped to its user."""

from datetime import datetime
from typing import Any

from accounts.models import Profile


def profile_get(*, user: Any) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def profile_evaluation_state(*, user: Any) -> tuple[str, datetime | None] | None:
    """The two columns of the profile an evaluation reads: the time zone's name and the
    "needs evaluation" mark; None without a profile. ``user`` is a user or a user's id."""
    rows = Profile.objects.filter(user=user).values_list("timezone", "evaluation_requested_at")
    return next(iter(rows[:1]), None)


def profile_evaluation_requested_user_ids() -> list[int]:
    """Ids of the users whose latest writes no evaluation has seen yet."""
    return list(
        Profile.objects.filter(evaluation_requested_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )

"""Reads of profiles; every one is scoped to its user."""

from typing import Any

from accounts.models import Profile


def profile_get(*, user: Any) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def profile_get_for_update(*, user: Any) -> Profile | None:
    """The user's profile, locked until the transaction ends (PostgreSQL; SQLite already
    serialises writers), so that one user's evaluations run one at a time."""
    return Profile.objects.select_for_update().filter(user=user).first()


def profile_evaluation_requested_user_ids() -> list[int]:
    """Ids of the users whose latest writes no evaluation has seen yet."""
    return list(
        Profile.objects.filter(evaluation_requested_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )

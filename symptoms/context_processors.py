"""Template context every page needs: the ongoing episode, shown in a banner until it ends."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from symptoms.selectors import episode_ongoing


def ongoing_episode(request: HttpRequest) -> dict[str, Any]:
    """``ongoing_episode`` (or None) and ``ongoing_minutes`` for a signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    episode = episode_ongoing(user=user).first()
    if episode is None:
        return {"ongoing_episode": None}
    minutes = int(episode.duration(timezone.now()).total_seconds() // 60)
    return {"ongoing_episode": episode, "ongoing_minutes": minutes}

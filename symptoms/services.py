"""The one write path for episodes."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import evaluation_request
from common.services import model_update
from symptoms.models import Episode
from tracker.models import Workout

# A clock a few minutes fast on a phone is fine; a start well in the future is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=5)
EPISODE_FIELDS = (
    "workout",
    "started_at",
    "ended_at",
    "sensations",
    "locations",
    "side",
    "severity",
    "accompanying",
    "relief_actions",
    "notes",
)


def _check_times(*, started_at: datetime | None, ended_at: datetime | None, now: datetime) -> None:
    errors: dict[str, list[str]] = {}
    if started_at is not None and started_at > now + FUTURE_TOLERANCE:
        errors["started_at"] = [_("An episode cannot start in the future.")]
    if ended_at is not None and ended_at > now + FUTURE_TOLERANCE:
        errors["ended_at"] = [_("An episode cannot end in the future.")]
    if errors:
        raise ValidationError(errors)


def _check_workout_owner(*, user: Any, workout: Workout | None) -> None:
    if workout is not None and workout.user_id != user.pk:
        raise ValidationError({"workout": [_("Choose one of your own workouts.")]})


@transaction.atomic
def episode_create(
    *,
    user: Any,
    started_at: datetime,
    sensations: Sequence[str],
    locations: Sequence[str],
    ended_at: datetime | None = None,
    workout: Workout | None = None,
    side: str = "both",
    severity: int | None = None,
    accompanying: Sequence[str] = (),
    relief_actions: Sequence[str] = (),
    notes: str = "",
    now: datetime | None = None,
) -> Episode:
    """Log an episode (ongoing while ``ended_at`` is None) and queue an evaluation after commit."""
    _check_times(started_at=started_at, ended_at=ended_at, now=now or timezone.now())
    _check_workout_owner(user=user, workout=workout)
    episode = Episode(
        user=user,
        workout=workout,
        started_at=started_at,
        ended_at=ended_at,
        sensations=list(sensations),
        locations=list(locations),
        side=side,
        severity=severity,
        accompanying=list(accompanying),
        relief_actions=list(relief_actions),
        notes=notes,
    )
    episode.full_clean()
    episode.save()
    evaluation_request(user=user)
    return episode


@transaction.atomic
def episode_update(
    *, episode: Episode, data: dict[str, Any], now: datetime | None = None
) -> Episode:
    """Change the fields present in ``data``. Alerts already raised stay: they are history."""
    _check_times(
        started_at=data.get("started_at"), ended_at=data.get("ended_at"), now=now or timezone.now()
    )
    if "workout" in data:
        _check_workout_owner(user=episode.user, workout=data["workout"])
    data = {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
    episode, changed = model_update(instance=episode, fields=EPISODE_FIELDS, data=data)
    if changed:
        evaluation_request(user=episode.user)
    return episode


@transaction.atomic
def episode_end(
    *, episode: Episode, ended_at: datetime | None = None, now: datetime | None = None
) -> Episode:
    """End an ongoing episode, at ``ended_at`` or now."""
    now = now or timezone.now()
    if episode.ended_at is not None:
        raise ValidationError({"ended_at": [_("This episode has already ended.")]})
    return episode_update(episode=episode, data={"ended_at": ended_at or now}, now=now)


@transaction.atomic
def episode_delete(*, episode: Episode) -> None:
    """Delete the episode; the evaluation it queues removes alerts whose only evidence it was."""
    user = episode.user
    episode.delete()
    evaluation_request(user=user)

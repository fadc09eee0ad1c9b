"""The one write path for episodes."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import evaluation_request
from common.services import model_update
from symptoms.definitions import is_in_future
from symptoms.models import ONE_ONGOING, Episode
from symptoms.selectors import episode_by_uuid, episode_ongoing
from tracker.models import Workout

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
    if started_at is not None and is_in_future(started_at, now=now):
        errors["started_at"] = [_("An episode cannot start in the future.")]
    if ended_at is not None and is_in_future(ended_at, now=now):
        errors["ended_at"] = [_("An episode cannot end in the future.")]
    if errors:
        raise ValidationError(errors)


def _check_workout_owner(*, user: Any, workout: Workout | None) -> None:
    if workout is not None and workout.user_id != user.pk:
        raise ValidationError({"workout": [_("Choose one of your own workouts.")]})


def _another_ongoing(*, user: Any, episode: Episode | None = None) -> bool:
    others = episode_ongoing(user=user)
    if episode is not None and episode.pk is not None:
        others = others.exclude(pk=episode.pk)
    return others.exists()


def _check_one_ongoing(*, user: Any, ended_at: datetime | None, episode: Episode | None) -> None:
    """One ongoing episode per person: an episode left (or made) ongoing while another one
    is ongoing is refused on ``ended_at``."""
    if ended_at is None and _another_ongoing(user=user, episode=episode):
        raise ValidationError({"ended_at": [ONE_ONGOING]})


def _save_guarded(*, user: Any, episode: Episode, save: Any) -> Any:
    """Run ``save`` in a savepoint; a concurrent write that made another episode ongoing
    first (the ``episode_one_ongoing_per_user`` constraint) is refused as in
    ``_check_one_ongoing``, anything else is raised as it is."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        if episode.ended_at is None and _another_ongoing(user=user, episode=episode):
            raise ValidationError({"ended_at": [ONE_ONGOING]}) from None
        raise


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
    uuid: UUID | None = None,
) -> Episode:
    """Log an episode (ongoing while ``ended_at`` is None) and queue an evaluation after commit.

    A person has at most one ongoing episode: starting one while another is ongoing raises
    ``ValidationError`` on ``ended_at``, also when a concurrent request won the race.

    ``uuid`` is the client's id for the entry (an offline entry replayed later): when the
    person already has an episode with it, that episode is returned and nothing is written.

    One transaction of two statements (the insert and the evaluation mark), with no
    savepoint when it is the outermost one: the database constraints (one ongoing episode,
    one uuid per person, the check constraints) are left to the database, and the
    ``IntegrityError`` of the first two is answered as before (the same refusal, or the
    stored replay). The check constraints say what ``clean_fields`` and ``clean`` already
    checked, so ``full_clean`` does not ask the database about them again."""
    if uuid is not None and (existing := episode_by_uuid(user=user, uuid=uuid)) is not None:
        return existing
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
    if uuid is not None:
        episode.uuid = uuid
    try:
        # ``user`` is the person writing: no look-up to prove that they exist.
        episode.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    except ValidationError:
        # A second ongoing episode is refused before any other mistake, as it always was.
        _check_one_ongoing(user=user, ended_at=ended_at, episode=None)
        raise
    try:
        with transaction.atomic():
            episode.save()
            evaluation_request(user=user)
    except IntegrityError:
        # A replay of the same entry stored first (a concurrent request): answer with its row.
        if uuid is not None and (existing := episode_by_uuid(user=user, uuid=uuid)) is not None:
            return existing
        _check_one_ongoing(user=user, ended_at=ended_at, episode=None)
        raise
    return episode


@transaction.atomic
def episode_update(
    *, episode: Episode, data: dict[str, Any], now: datetime | None = None
) -> Episode:
    """Change the fields present in ``data``. Alerts already raised stay: they are history.

    Re-opening an episode (``ended_at`` back to None) while another is ongoing raises
    ``ValidationError`` on ``ended_at``."""
    _check_times(
        started_at=data.get("started_at"), ended_at=data.get("ended_at"), now=now or timezone.now()
    )
    if "workout" in data:
        _check_workout_owner(user=episode.user, workout=data["workout"])
    if "ended_at" in data:
        _check_one_ongoing(user=episode.user, ended_at=data["ended_at"], episode=episode)
    data = {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
    episode, changed = _save_guarded(
        user=episode.user,
        episode=episode,
        save=lambda: model_update(instance=episode, fields=EPISODE_FIELDS, data=data),
    )
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

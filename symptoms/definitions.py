"""The domain's definitions, once: what every app means by paresthesia, prolonged, an
emergency, a red flag, a workout's association window, the future.

Pure Python (no Django, no clock): the alert rules, the guidance at logging, the
forms, the digest and the doctor's report all import these, so a boundary can only
move in one place. Values are the API's vocabulary codes (``alert-rules.md``);
``symptoms.vocabulary`` gives them their labels.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

# --- Sensations, places, symptoms -------------------------------------------------------

# "Paresthesia episode": its sensations include numbness or tingling.
PARESTHESIA = frozenset({"numbness", "tingling"})

# Every location but these is a leg location.
NON_LEG_LOCATIONS = frozenset({"lower_back", "buttock", "saddle_area"})
LEG_LOCATIONS = frozenset(
    {
        "thigh",
        "outer_thigh",
        "hamstring",
        "knee",
        "calf",
        "shin",
        "ankle",
        "foot",
        "foot_sole",
        "toes",
    }
)

# The article: seek medical help at once for these.
EMERGENCY_SYMPTOMS = frozenset(
    {"nausea", "breathing_difficulty", "severe_leg_pain", "loss_of_consciousness"}
)
# The article's warning signs that come with tingling (besides lasting over an hour).
RED_FLAG_SYMPTOMS = frozenset(
    {
        "limited_range_of_motion",
        "immobility",
        "difficulty_urinating",
        "rash",
        "dizziness",
        "loss_of_balance",
    }
)
# A change in bladder or bowel control: with back pain or symptoms in both legs, a sign of
# a compressed nerve root at the base of the spine (cauda equina; UK NHS guidance).
BLADDER_OR_BOWEL_CHANGES = frozenset({"difficulty_urinating", "bowel_control_change"})

# Activities that repeat the same leg movement (meralgia paresthetica risk factor).
REPETITIVE_LEG_ACTIVITIES = frozenset({"running", "walking", "cycling", "stepper", "elliptical"})

# --- Times ------------------------------------------------------------------------------

# Tingling "lasting more than an hour": exactly 60 minutes is not prolonged.
PROLONGED = timedelta(minutes=60)
# An unlinked episode follows a workout when it starts between the workout's start and
# this long after its end, both ends included.
ASSOCIATION_AFTER_END = timedelta(hours=2)
# The longest workout the API accepts (1440 minutes): bounds every association search.
LONGEST_WORKOUT = timedelta(minutes=1440)
# A phone clock a few minutes fast is fine; a start further in the future is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=5)


def is_paresthesia(sensations: Iterable[str]) -> bool:
    return not PARESTHESIA.isdisjoint(sensations)


def is_prolonged(duration: timedelta) -> bool:
    """MORE than an hour: exactly 60 minutes is not."""
    return duration > PROLONGED


def emergency_symptoms_in(accompanying: Iterable[str]) -> list[str]:
    """The emergency symptoms listed, sorted (empty: none)."""
    return sorted(EMERGENCY_SYMPTOMS.intersection(accompanying))


def red_flags_in(*, sensations: Iterable[str], accompanying: Iterable[str]) -> list[str]:
    """The warning signs that come with tingling: ``pain`` among the sensations, and the
    red-flag symptoms listed, sorted."""
    flags = sorted(RED_FLAG_SYMPTOMS.intersection(accompanying))
    return (["pain"] if "pain" in set(sensations) else []) + flags


def has_cauda_equina_signs(
    *,
    sensations: Iterable[str],
    locations: Iterable[str],
    side: str,
    accompanying: Iterable[str],
) -> bool:
    """The ``possible_cauda_equina`` condition of alert-rules.md, for one episode.

    True for numbness or tingling at ``saddle_area``, or for ``difficulty_urinating`` or
    ``bowel_control_change`` listed with location ``lower_back`` or side ``both`` (any
    sensation).
    """
    places = frozenset(locations)
    if "saddle_area" in places and is_paresthesia(sensations):
        return True
    return not BLADDER_OR_BOWEL_CHANGES.isdisjoint(accompanying) and (
        "lower_back" in places or side == "both"
    )


def is_in_future(moment: datetime, *, now: datetime) -> bool:
    """Later than ``now`` plus the tolerance for a fast clock."""
    return moment > now + FUTURE_TOLERANCE


def whole_minutes(*, started_at: datetime, ended_at: datetime | None) -> int | None:
    """An episode's duration in whole minutes, as pages, charts and the API show it; None
    while it is ongoing."""
    if ended_at is None:
        return None
    return int((ended_at - started_at).total_seconds() // 60)


# --- Association of an episode with a workout -------------------------------------------


class WorkoutLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def duration_minutes(self) -> int: ...


W = TypeVar("W", bound=WorkoutLike)


def association_window(*, started_at: datetime, duration_minutes: int) -> tuple[datetime, datetime]:
    """[first, last] moments, both included, at which an unlinked episode that starts
    follows a workout: from its start to 2 hours after its end."""
    return started_at, started_at + timedelta(minutes=duration_minutes) + ASSOCIATION_AFTER_END


def in_association_window(moment: datetime, workout: WorkoutLike) -> bool:
    first, last = association_window(
        started_at=workout.started_at, duration_minutes=workout.duration_minutes
    )
    return first <= moment <= last


def associated_workouts(
    *, started_at: datetime, workout_id: int | None, workouts: Sequence[W]
) -> list[W]:
    """The workouts an episode is associated with (alert-rules.md), oldest first.

    Linked (``workout_id`` set): that workout only, when it is among ``workouts``.
    Unlinked: every workout in whose association window the episode started.
    """
    if workout_id is not None:
        return [w for w in workouts if w.id == workout_id]
    found = [w for w in workouts if in_association_window(started_at, w)]
    return sorted(found, key=lambda w: (w.started_at, w.id))


def candidate_starts(episode_started_at: datetime) -> tuple[datetime, datetime]:
    """The range of workout starts worth loading to associate an episode that started at
    ``episode_started_at``: [start - longest workout - 2 h, start]."""
    return episode_started_at - LONGEST_WORKOUT - ASSOCIATION_AFTER_END, episode_started_at


def associated_workouts_among_sorted(
    *, started_at: datetime, workouts: Sequence[W], starts: Sequence[datetime]
) -> list[W]:
    """``associated_workouts`` of an unlinked episode among ``workouts`` sorted by start
    (``starts``: their starts, in the same order), looking only at those that started in
    ``candidate_starts``: a bisection instead of a pass over every workout."""
    first, last = candidate_starts(started_at)
    low = bisect.bisect_left(starts, first)
    high = bisect.bisect_right(starts, last)
    return associated_workouts(started_at=started_at, workout_id=None, workouts=workouts[low:high])

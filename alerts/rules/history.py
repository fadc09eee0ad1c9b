"""The frozen snapshot every rule reads: one user's recent history, the clock and the zone.

Rules never touch the ORM, the clock or settings; ``alerts.services`` builds a
``History`` from the selectors and hands it to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from symptoms.definitions import associated_workouts_among_sorted, is_paresthesia


@dataclass(frozen=True)
class EpisodeFact:
    """One episode; ``ended_at`` is None while it is ongoing, ``severity`` None when unknown.
    ``side`` is ``left``, ``right`` or ``both`` (the model's default)."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    sensations: frozenset[str]
    locations: frozenset[str]
    accompanying: frozenset[str] = frozenset()
    severity: int | None = None
    workout_id: int | None = None
    side: str = "both"

    @property
    def is_paresthesia(self) -> bool:
        """Numbness or tingling among the sensations."""
        return is_paresthesia(self.sensations)

    @property
    def is_ongoing(self) -> bool:
        return self.ended_at is None

    def duration(self, now: datetime) -> timedelta:
        """``ended_at - started_at``; an ongoing episode's duration grows with ``now``."""
        return (self.ended_at or now) - self.started_at


@dataclass(frozen=True)
class WorkoutFact:
    id: int
    activity: str
    started_at: datetime
    duration_minutes: int
    tight_clothing: bool = False

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class WeightFact:
    measured_on: date
    weight_kg: Decimal


@dataclass(frozen=True)
class History:
    """One user's recent history, oldest first, as of ``now`` in time zone ``zone``.

    ``workouts`` holds every workout an episode may belong to (those linked by an
    episode, and those that started recently enough to take an unlinked one).
    """

    now: datetime
    zone: ZoneInfo
    episodes: tuple[EpisodeFact, ...] = ()
    workouts: tuple[WorkoutFact, ...] = ()
    weights: tuple[WeightFact, ...] = ()

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("History.now must be an aware datetime")
        object.__setattr__(
            self, "episodes", tuple(sorted(self.episodes, key=lambda e: (e.started_at, e.id)))
        )
        object.__setattr__(
            self, "workouts", tuple(sorted(self.workouts, key=lambda w: (w.started_at, w.id)))
        )
        object.__setattr__(
            self, "weights", tuple(sorted(self.weights, key=lambda w: w.measured_on))
        )

    def paresthesia(self) -> tuple[EpisodeFact, ...]:
        """Episodes with numbness or tingling, oldest first."""
        return self._paresthesia

    @cached_property
    def _paresthesia(self) -> tuple[EpisodeFact, ...]:
        # Every rule asks; the history is frozen, so the answer is worked out once.
        return tuple(e for e in self.episodes if e.is_paresthesia)

    def local_date(self, moment: datetime) -> date:
        """The calendar day of ``moment`` in the user's time zone."""
        return moment.astimezone(self.zone).date()

    @cached_property
    def _workouts_by_id(self) -> dict[int, WorkoutFact]:
        return {w.id: w for w in self.workouts}

    @cached_property
    def _workout_starts(self) -> list[datetime]:
        return [w.started_at for w in self.workouts]

    def workout(self, workout_id: int) -> WorkoutFact | None:
        return self._workouts_by_id.get(workout_id)

    def workouts_of(self, episode: EpisodeFact) -> tuple[WorkoutFact, ...]:
        """The workouts an episode is associated with.

        ``symptoms.definitions.associated_workouts``: linked by ``workout``, that workout
        only; unlinked, every workout in whose association window it started.
        """
        if episode.workout_id is not None:
            linked = self.workout(episode.workout_id)
            return (linked,) if linked is not None else ()
        return tuple(
            associated_workouts_among_sorted(
                started_at=episode.started_at, workouts=self.workouts, starts=self._workout_starts
            )
        )

    def weights_between(self, first: date, last: date) -> tuple[WeightFact, ...]:
        """Body weights measured on ``first`` to ``last`` inclusive, oldest first."""
        return tuple(w for w in self.weights if first <= w.measured_on <= last)


@dataclass(frozen=True)
class Finding:
    """What one rule saw: the alert to raise unless its identity already has one.

    ``scope`` is the "once per" subject: ``episode:<id>`` for per-episode rules, ``""``
    for per-user rules, the activity for ``recurring_with_activity``. ``params`` are
    JSON-ready values (dates as ``YYYY-MM-DD`` in the user's zone) for the message.
    """

    rule: str
    scope: str
    episode_ids: tuple[int, ...]
    workout_ids: tuple[int, ...] = ()
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def for_episode(
        cls,
        rule: str,
        episode: EpisodeFact,
        history: History,
        params: dict[str, object] | None = None,
    ) -> Finding:
        """A finding about one episode, with its associated workouts as evidence."""
        return cls(
            rule=rule,
            scope=f"episode:{episode.id}",
            episode_ids=(episode.id,),
            workout_ids=tuple(w.id for w in history.workouts_of(episode)),
            params={**episode_params(episode, history), **(params or {})},
        )


def episode_params(episode: EpisodeFact, history: History) -> dict[str, object]:
    """Date and time (user's zone), duration and places of one episode, for a message."""
    local = episode.started_at.astimezone(history.zone)
    return {
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "minutes": int(episode.duration(history.now).total_seconds() // 60),
        "ongoing": episode.is_ongoing,
        "locations": sorted(episode.locations),
    }


def unique_ids(items: list[int] | tuple[int, ...]) -> tuple[int, ...]:
    """Ids in first-seen order, each once."""
    return tuple(dict.fromkeys(items))

"""Reads for the insights: a user's sessions and episodes, through tracker's and
symptoms' selectors, turned into the pure facts ``insights.stats`` works on."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from alerts.rules.history import EpisodeFact
from insights.experiment_stats import Comparison, compare
from insights.models import Experiment, MnsiResponse
from insights.stats import (
    ActivityInsight,
    Outcome,
    Rate,
    Session,
    SessionOutcome,
    insights_by_activity,
    rates_by_activity,
    session_outcomes,
)
from symptoms.definitions import ASSOCIATION_AFTER_END, LONGEST_WORKOUT
from symptoms.models import Episode
from symptoms.selectors import episode_list, workout_has_episode
from tracker.models import Workout
from tracker.selectors import workout_list

WORKOUT_FIELDS = (
    "id",
    "activity",
    "started_at",
    "duration_minutes",
    "intensity",
    "symptom_free_at",
)
EPISODE_FIELDS = ("id", "started_at", "ended_at", "sensations", "locations", "workout_id")


def _session(workout: Workout | Any) -> Session:
    """A workout, or a named row of ``WORKOUT_FIELDS``, as the statistics see it."""
    return Session(
        id=workout.id,
        activity=workout.activity,
        started_at=workout.started_at,
        duration_minutes=workout.duration_minutes,
        intensity=workout.intensity,
        symptom_free=workout.symptom_free_at is not None,
    )


def _episode_fact(episode: Episode | Any) -> EpisodeFact:
    """An episode, or a named row of ``EPISODE_FIELDS``, as the statistics see it."""
    return EpisodeFact(
        id=episode.id,
        started_at=episode.started_at,
        ended_at=episode.ended_at,
        sensations=frozenset(episode.sensations),
        locations=frozenset(episode.locations),
        workout_id=episode.workout_id,
    )


def _episodes(*, user: Any) -> Any:
    return episode_list(user=user).select_related(None).only(*EPISODE_FIELDS)


def insights_get(
    *, user: Any, now: datetime, start: datetime | None = None, end: datetime | None = None
) -> list[ActivityInsight]:
    """The user's insights per activity (2 queries, read as tuples of the fields the
    statistics use): from the whole history, or from the sessions that started in
    [start, end) and the episodes that may belong to them."""
    workouts = workout_list(user=user).values_list(*WORKOUT_FIELDS, named=True)
    episodes = episode_list(user=user).values_list(*EPISODE_FIELDS, named=True)
    if start is not None:
        workouts = workouts.filter(started_at__gte=start)
        episodes = episodes.filter(started_at__gte=start)
    if end is not None:
        workouts = workouts.filter(started_at__lt=end)
        episodes = episodes.filter(started_at__lt=end + LONGEST_WORKOUT + ASSOCIATION_AFTER_END)
    return insights_by_activity(
        sessions=[_session(w) for w in workouts],
        episodes=[_episode_fact(e) for e in episodes],
        now=now,
    )


def _outcome() -> Case:
    """A workout's ``Outcome`` in the database: as ``session_outcomes`` decides it, an
    associated episode (``symptoms.selectors.workout_has_episode``) wins over a "no
    symptoms" answer."""
    return Case(
        When(workout_has_episode(), then=Value(Outcome.EPISODE.value)),
        When(symptom_free_at__isnull=False, then=Value(Outcome.SYMPTOM_FREE.value)),
        default=Value(Outcome.NO_ANSWER.value),
        output_field=CharField(),
    )


def workout_list_with_outcome(*, user: Any) -> QuerySet[Workout]:
    """The user's workouts, newest first, each with its outcome read in the same query
    (``outcome_of``)."""
    return workout_list(user=user).annotate(outcome=_outcome())


def outcome_of(workout: Workout) -> Outcome:
    """The outcome ``workout_list_with_outcome`` read with ``workout``."""
    return Outcome(workout.outcome)  # type: ignore[attr-defined]


def insight_rates_get(*, user: Any, limit: int | None = None) -> list[tuple[str, Rate]]:
    """Only the episode rate per activity (the dashboard's card), from the whole history
    counted in the database (1 query): the sessions of each activity in each outcome;
    the ``limit`` activities with the most sessions when given."""
    counts: dict[str, dict[Outcome, int]] = {}
    rows = (
        workout_list(user=user)
        .order_by()
        .annotate(outcome=_outcome())
        .values_list("activity", "outcome")
        .annotate(sessions=Count("id"))
    )
    for activity, outcome, sessions in rows:
        counts.setdefault(activity, dict.fromkeys(Outcome, 0))[Outcome(outcome)] = sessions
    return rates_by_activity(counts, limit=limit)


def workout_outcomes(
    *, user: Any, workouts: Sequence[Workout], now: datetime
) -> dict[int, Outcome]:
    """Each of these workouts' state: episode, symptom-free or no answer yet (1 query)."""
    if not workouts:
        return {}
    first = min(w.started_at for w in workouts)
    last = max(w.ended_at for w in workouts) + ASSOCIATION_AFTER_END
    episodes = _episodes(user=user).filter(
        Q(workout_id__in=[w.id for w in workouts]) | Q(started_at__gte=first, started_at__lte=last)
    )
    outcomes = session_outcomes(
        sessions=[_session(w) for w in workouts],
        episodes=[_episode_fact(e) for e in episodes],
        now=now,
    )
    return {o.session.id: o.outcome for o in outcomes}


# --- Experiments and questionnaires -----------------------------------------------------


def experiment_list(*, user: Any) -> Any:
    return Experiment.objects.filter(user=user)


def _outcomes_of_activity(*, user: Any, activity: str, now: datetime) -> list[SessionOutcome]:
    """Outcomes of the user's sessions of ``activity`` (2 queries); every session of the
    user takes part in deciding which episode belongs to which session."""
    workouts = list(workout_list(user=user).only(*WORKOUT_FIELDS))
    episodes = [_episode_fact(e) for e in _episodes(user=user)]
    outcomes = session_outcomes(
        sessions=[_session(w) for w in workouts], episodes=episodes, now=now
    )
    return [o for o in outcomes if o.session.activity == activity]


def experiment_comparison(*, experiment: Experiment, now: datetime) -> Comparison:
    return compare(
        outcomes=_outcomes_of_activity(user=experiment.user, activity=experiment.activity, now=now),
        activity=experiment.activity,
        started_at=experiment.started_at,
        ended_at=experiment.ended_at,
        planned=experiment.planned_sessions,
        abandoned=experiment.abandoned,
    )


def experiment_comparisons(*, user: Any, now: datetime) -> list[tuple[Experiment, Comparison]]:
    """Each of the user's experiments with its comparison, newest first (3 queries)."""
    experiments = list(experiment_list(user=user))
    if not experiments:
        return []
    workouts = list(workout_list(user=user).only(*WORKOUT_FIELDS))
    episodes = [_episode_fact(e) for e in _episodes(user=user)]
    outcomes = session_outcomes(
        sessions=[_session(w) for w in workouts], episodes=episodes, now=now
    )
    return [
        (
            experiment,
            compare(
                outcomes=outcomes,
                activity=experiment.activity,
                started_at=experiment.started_at,
                ended_at=experiment.ended_at,
                planned=experiment.planned_sessions,
                abandoned=experiment.abandoned,
            ),
        )
        for experiment in experiments
    ]


def mnsi_list(*, user: Any) -> Any:
    """The user's MNSI answers, newest first."""
    return MnsiResponse.objects.filter(user=user)

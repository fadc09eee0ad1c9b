"""Reads of alerts, and the snapshot of one user's history that the rules run on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    IntegerField,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from alerts.models import LEVEL_RANK, Alert, Level
from alerts.rules import (
    EpisodeFact,
    History,
    PriorAlert,
    WeightFact,
    WorkoutFact,
    conditions,
)
from alerts.rules.registry import RULES
from symptoms.definitions import candidate_starts
from symptoms.models import Episode
from symptoms.selectors import episode_list, episode_list_started_since
from tracker.models import Workout
from tracker.selectors import body_weight_list_since, workout_list, workout_list_started_in

# How far back an evaluation looks. Every window of the rules is 60 days or less, so
# 120 days sees each pattern whole even when episodes are logged weeks late, and keeps
# one evaluation's reads bounded by time, not by the size of the history.
SNAPSHOT = timedelta(days=120)
# Body weights reach 90 days further back, for the weight gain before an episode.
WEIGHT_LOOKBACK = timedelta(days=91)


def alert_list(*, user: Any) -> QuerySet[Alert]:
    """The user's alerts, newest first, with the ids of their evidence (3 queries in all)."""
    return (
        Alert.objects.filter(user=user)
        .prefetch_related(
            Prefetch("episodes", queryset=Episode.objects.only("id").order_by("started_at", "id")),
            Prefetch("workouts", queryset=Workout.objects.only("id").order_by("started_at", "id")),
        )
        .order_by("-created_at", "-id")
    )


def alert_list_by_level(*, user: Any) -> QuerySet[Alert]:
    """The user's alerts, most serious level first (urgent, see_doctor, watch: ``LEVEL_RANK``),
    newest first within a level: the order of the alert list page, the dashboard and the
    banner alike."""
    rank = Case(
        *(When(level=level, then=Value(n)) for level, n in LEVEL_RANK.items()),
        default=Value(len(LEVEL_RANK)),
        output_field=IntegerField(),
    )
    return (
        alert_list(user=user).annotate(level_rank=rank).order_by("level_rank", "-created_at", "-id")
    )


def alert_list_open_with_evidence(*, user: Any) -> QuerySet[Alert]:
    """Unacknowledged alerts in ``alert_list_by_level``'s order, each with its evidence
    itself, the user's own, oldest first: ``evidence_episodes`` (with their workout) and
    ``evidence_workouts`` (3 queries in all, where ``alert_list`` and the evidence by id
    take 5)."""
    return (
        alert_list_by_level(user=user)
        .filter(acknowledged_at__isnull=True)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "episodes",
                queryset=episode_list(user=user).order_by("started_at", "id"),
                to_attr="evidence_episodes",
            ),
            Prefetch(
                "workouts",
                queryset=workout_list(user=user).order_by("started_at", "id"),
                to_attr="evidence_workouts",
            ),
        )
    )


def urgent_alert_list_open(*, user: Any) -> QuerySet[Alert]:
    """Unacknowledged urgent alerts with when their episodes started and ended (the banner)."""
    return (
        Alert.objects.filter(user=user, level=Level.URGENT, acknowledged_at__isnull=True)
        .annotate(
            episode_started_at=Min("episodes__started_at"),
            episode_ended_at=Max("episodes__ended_at"),
        )
        .order_by("-created_at", "-id")
    )


def alert_get(*, user: Any, alert_id: int) -> Alert | None:
    """One of the user's alerts, or None (another user's alert is just as absent)."""
    return alert_list(user=user).filter(id=alert_id).first()


def alert_priors_and_orphans(*, user: Any, since: datetime) -> tuple[list[PriorAlert], list[int]]:
    """What an evaluation needs to know of the alerts already raised, in one query.

    Priors: per-episode alerts only from ``since`` on (an alert is created after its
    episode started, so older ones cannot be about an episode in the snapshot); per-user
    alerts all, since their numbering and 30-day pause depend on the whole series, which
    grows by at most one alert per 30 days. Orphans: alerts none of whose evidence
    episodes still exists (the evaluation deletes them first, so they are not priors).
    Each alert comes joined to its evidence episode ids.
    """
    per_user = [code for code, rule in RULES.items() if not rule.per_episode]
    # One LEFT JOIN to the evidence serves both the filter and the values: an orphan is
    # the alert whose only joined row has no episode.
    rows = (
        Alert.objects.filter(
            Q(created_at__gte=since) | Q(rule__in=per_user) | Q(episodes__isnull=True), user=user
        )
        .values_list("id", "rule", "identity", "created_at", "episodes")
        .order_by()  # ``new_alerts`` takes the priors in any order
    )
    alerts: dict[int, tuple[str, str, datetime]] = {}
    evidence: dict[int, set[int]] = {}
    for alert_id, rule, identity, created_at, episode_id in rows:
        alerts.setdefault(alert_id, (rule, identity, created_at))
        episodes = evidence.setdefault(alert_id, set())
        if episode_id is not None:
            episodes.add(episode_id)
    orphans = [alert_id for alert_id, episodes in evidence.items() if not episodes]
    priors = [
        PriorAlert(
            rule=rule, identity=identity, created_at=created_at, episode_ids=frozenset(evidence[i])
        )
        for i, (rule, identity, created_at) in alerts.items()
        if evidence[i] and (created_at >= since or rule in per_user)
    ]
    return priors, orphans


_WORKOUT_FIELDS = ("id", "activity", "started_at", "duration_minutes", "tight_clothing")
_EPISODE_FIELDS = (
    "id",
    "started_at",
    "ended_at",
    "sensations",
    "locations",
    "accompanying",
    "severity",
    "workout_id",
    "side",
)


def history_get(*, user: Any, now: datetime, zone: ZoneInfo) -> History:
    """One user's last ``SNAPSHOT`` of episodes, the workouts they may belong to and the
    body weights before them, as a frozen ``History`` (3 queries at most, whatever the
    size of the history).

    Reads only the columns the rules use, as tuples (no model instances, no notes), in no
    particular order (``History`` sorts), and only what a rule may read: with no episode
    in the window no rule can fire (1 query); with every episode linked to its workout
    the other workouts are not read; without an episode of the meralgia pattern
    (``conditions.meralgia_pattern``) no rule reads a body weight."""
    since = now - SNAPSHOT
    episodes: list[EpisodeFact] = []
    workouts: dict[int, WorkoutFact] = {}
    linked = tuple(f"workout__{name}" for name in _WORKOUT_FIELDS)
    rows = (
        episode_list_started_since(user=user, since=since)
        .order_by()
        .values_list(*_EPISODE_FIELDS, *linked)
    )
    for row in rows:
        episode_id, started_at, ended_at, sensations, locations, accompanying = row[:6]
        severity, workout_id, side = row[6:9]
        if workout_id is not None:
            workouts[workout_id] = WorkoutFact(*row[9:])
        episodes.append(
            EpisodeFact(
                id=episode_id,
                started_at=started_at,
                ended_at=ended_at,
                sensations=frozenset(sensations),
                locations=frozenset(locations),
                accompanying=frozenset(accompanying),
                severity=severity,
                workout_id=workout_id,
                side=side,
            )
        )
    if not episodes:
        return History(now=now, zone=zone)
    # Unlinked episodes belong to workouts that started up to a day and 2 hours earlier:
    # the workouts of the candidate range from the earliest to the latest unlinked one.
    unlinked = [e.started_at for e in episodes if e.workout_id is None]
    if unlinked:
        first, _ = candidate_starts(min(unlinked))
        _, last = candidate_starts(max(unlinked))
        for fields in (
            workout_list_started_in(user=user, first=first, last=last)
            .order_by()
            .values_list(*_WORKOUT_FIELDS)
        ):
            workouts[fields[0]] = WorkoutFact(*fields)
    weights = []
    if any(conditions.meralgia_pattern(e) for e in episodes):
        weights_since = since.astimezone(zone).date() - WEIGHT_LOOKBACK
        weights = [
            WeightFact(measured_on=measured_on, weight_kg=weight_kg)
            for measured_on, weight_kg in body_weight_list_since(user=user, since=weights_since)
            .order_by()
            .values_list("measured_on", "weight_kg")
        ]
    return History(
        now=now,
        zone=zone,
        episodes=tuple(episodes),
        workouts=tuple(workouts.values()),
        weights=tuple(weights),
    )

"""Reads of alerts, and the snapshot of one user's history that the rules run on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Case,
    IntegerField,
    Max,
    Min,
    Prefetch,
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
from common.rows import Columns, fetch_rows
from symptoms.definitions import candidate_starts
from symptoms.models import Episode
from symptoms.selectors import episode_list, episode_rows_started_since
from tracker.models import Workout
from tracker.selectors import body_weight_list_since, workout_list, workout_rows_started_in

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
    # the alert whose only joined row has no episode. The statement is written out
    # (``common.rows``): every evaluation runs it, and the ORM took 10 times longer to
    # build it than the database to run it. The priors come in any order.
    a = Columns(Alert, ("id", "rule", "identity", "created_at"), alias="a")
    ae = Columns(Alert.episodes.through, ("episode",), alias="ae")
    per_user_rule = (
        f"{a.column('rule')} IN ({', '.join(['%s'] * len(per_user))})" if per_user else "FALSE"
    )
    sql = (
        f"SELECT {a.sql()}, {ae.sql()} FROM {a.table} "
        f"LEFT OUTER JOIN {ae.table} ON {ae.column('alert')} = {a.column('id')} "
        f"WHERE {a.column('user')} = %s AND ({a.column('created_at')} >= %s "
        f"OR {per_user_rule} OR {ae.column('episode')} IS NULL)"
    )
    params = [getattr(user, "pk", user), connection.ops.adapt_datetimefield_value(since), *per_user]
    rows = fetch_rows(sql, params, a.fields + ae.fields)
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

    Reads only the columns the rules use, as tuples (no model instances, no notes, and
    for the episodes and workouts no ORM query to build: ``episode_rows_started_since``
    and ``workout_rows_started_in`` are written out), in no particular order (``History``
    sorts), and only what a rule may read: with no episode in the window no rule can fire
    (1 query); with every episode linked to its workout the other workouts are not read;
    without an episode of the meralgia pattern (``conditions.meralgia_pattern``) no rule
    reads a body weight. ``user`` is a user or a user's id."""
    user_id: int = getattr(user, "pk", user)
    since = now - SNAPSHOT
    episodes: list[EpisodeFact] = []
    workouts: dict[int, WorkoutFact] = {}
    rows = episode_rows_started_since(
        user_id=user_id, since=since, fields=_EPISODE_FIELDS, workout_fields=_WORKOUT_FIELDS
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
    # An unlinked episode belongs to a workout that started up to a day and 2 hours
    # earlier (``candidate_starts``): only the workouts of those ranges are read.
    candidate_ranges = [candidate_starts(e.started_at) for e in episodes if e.workout_id is None]
    for fields in workout_rows_started_in(
        user_id=user_id, ranges=candidate_ranges, fields=_WORKOUT_FIELDS
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

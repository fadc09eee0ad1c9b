"""The rows of an export: which ones (period, user) and how each is written."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, Q

from alerts.models import Alert
from alerts.selectors import alert_list
from reports.selectors import Period
from symptoms.selectors import episode_list
from tracker.selectors import body_weight_list, workout_list

SCHEMA_VERSION = 1
CHUNK = 500
EPISODE_IDENTITY = re.compile(r"^episode:(\d+)$")

Progress = Callable[[int], None] | None


def iso_time(value: datetime | None, zone: Any) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


def in_period(field: str, period: Period | None) -> Q:
    if period is None:
        return Q()
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


def workouts_for(*, user: Any, period: Period | None) -> Any:
    """Workouts started in the period, and those linked to its episodes, oldest first."""
    workouts = workout_list(user=user).order_by("started_at", "id")
    if period is None:
        return workouts
    linked = (
        episode_list(user=user)
        .filter(in_period("started_at", period))
        .order_by()
        .values("workout_id")
    )
    return workouts.filter(in_period("started_at", period) | Q(id__in=linked))


def episodes_for(*, user: Any, period: Period | None) -> Any:
    return (
        episode_list(user=user).filter(in_period("started_at", period)).order_by("started_at", "id")
    )


def body_weights_for(*, user: Any, period: Period | None) -> Any:
    weights = body_weight_list(user=user)
    if period is not None:
        weights = weights.filter(measured_on__gte=period.start, measured_on__lte=period.end)
    return weights.order_by("measured_on")


def alerts_for(*, user: Any, period: Period | None) -> Any:
    """Alerts raised in the period, oldest first, without their evidence (``alert_evidence``
    reads it for all of them at once)."""
    return (
        alert_list(user=user)
        .filter(in_period("created_at", period))
        .prefetch_related(None)
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class AlertEvidence:
    """What ``alert_item`` writes by uuid: each alert's evidence (sorted) and the episode
    of an ``episode:<id>`` identity."""

    episodes: dict[int, list[str]]
    workouts: dict[int, list[str]]
    identities: dict[int, str]


def alert_evidence(*, user: Any, alerts: list[Alert]) -> AlertEvidence:
    """The uuids ``alerts`` refer to (3 queries, reading uuids only: no model instances)."""
    ids = [alert.id for alert in alerts]

    def uuids_by_alert(through: Any, uuid_field: str) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for alert_id, value in through.objects.filter(alert_id__in=ids).values_list(
            "alert_id", uuid_field
        ):
            found.setdefault(alert_id, []).append(str(value))
        return {alert_id: sorted(uuids) for alert_id, uuids in found.items()}

    return AlertEvidence(
        episodes=uuids_by_alert(Alert.episodes.through, "episode__uuid"),
        workouts=uuids_by_alert(Alert.workouts.through, "workout__uuid"),
        identities=episode_uuids_of(user=user, alerts=alerts),
    )


# The columns an export reads, in the order of its items: ``*_rows`` read them as named
# tuples (no model instances, no joined workout), ``*_item`` write one as it is exported.
WORKOUT_FIELDS = (
    "uuid",
    "activity",
    "started_at",
    "duration_minutes",
    "intensity",
    "tight_clothing",
    "exposure_tags",
    "notes",
    "symptom_free_at",
)
BODY_WEIGHT_FIELDS = ("measured_on", "weight_kg")
# What an episode says, written as stored by both the JSON and the CSV export.
EPISODE_DETAILS = (
    "sensations",
    "locations",
    "side",
    "severity",
    "accompanying",
    "relief_actions",
    "notes",
)
EPISODE_FIELDS = ("uuid", "workout_uuid", "started_at", "ended_at", *EPISODE_DETAILS)


def workout_rows(*, user: Any, period: Period | None) -> Iterator[Any]:
    """``workouts_for`` as named rows of ``WORKOUT_FIELDS``, read ``CHUNK`` at a time."""
    rows = workouts_for(user=user, period=period).values_list(*WORKOUT_FIELDS, named=True)
    return rows.iterator(chunk_size=CHUNK)  # type: ignore[no-any-return]


def body_weight_rows(*, user: Any, period: Period | None) -> Iterator[Any]:
    """``body_weights_for`` as named rows of ``BODY_WEIGHT_FIELDS``, read ``CHUNK`` at a time."""
    rows = body_weights_for(user=user, period=period).values_list(*BODY_WEIGHT_FIELDS, named=True)
    return rows.iterator(chunk_size=CHUNK)  # type: ignore[no-any-return]


def episode_rows(*, user: Any, period: Period | None) -> Iterator[Any]:
    """``episodes_for`` as named rows of ``EPISODE_FIELDS`` (``workout_uuid``: the linked
    workout's uuid or None), read ``CHUNK`` at a time."""
    rows = (
        episodes_for(user=user, period=period)
        .annotate(workout_uuid=F("workout__uuid"))
        .values_list(*EPISODE_FIELDS, named=True)
    )
    return rows.iterator(chunk_size=CHUNK)  # type: ignore[no-any-return]


def workout_item(workout: Any, zone: Any) -> dict[str, Any]:
    return {
        "uuid": str(workout.uuid),
        "activity": workout.activity,
        "started_at": iso_time(workout.started_at, zone),
        "duration_minutes": workout.duration_minutes,
        "intensity": workout.intensity,
        "tight_clothing": workout.tight_clothing,
        "exposure_tags": list(workout.exposure_tags),
        "notes": workout.notes,
        "symptom_free_at": iso_time(workout.symptom_free_at, zone),
    }


def body_weight_item(weight: Any) -> dict[str, Any]:
    return {"measured_on": weight.measured_on.isoformat(), "weight_kg": str(weight.weight_kg)}


def episode_item(episode: Any, zone: Any) -> dict[str, Any]:
    """An episode row of ``episode_rows`` as it is exported."""
    return {
        "uuid": str(episode.uuid),
        "workout": str(episode.workout_uuid) if episode.workout_uuid is not None else None,
        "started_at": iso_time(episode.started_at, zone),
        "ended_at": iso_time(episode.ended_at, zone),
        "sensations": list(episode.sensations),
        "locations": list(episode.locations),
        "side": episode.side,
        "severity": episode.severity,
        "accompanying": list(episode.accompanying),
        "relief_actions": list(episode.relief_actions),
        "notes": episode.notes,
    }


def alert_item(alert: Alert, zone: Any, evidence: AlertEvidence) -> dict[str, Any]:
    identity = alert.identity
    match = EPISODE_IDENTITY.match(identity)
    if match and int(match.group(1)) in evidence.identities:
        identity = f"episode:{evidence.identities[int(match.group(1))]}"
    return {
        "uuid": str(alert.uuid),
        "rule": alert.rule,
        "level": alert.level,
        "identity": identity,
        "context": alert.context,
        "episodes": evidence.episodes.get(alert.id, []),
        "workouts": evidence.workouts.get(alert.id, []),
        "created_at": iso_time(alert.created_at, zone),
        "acknowledged_at": iso_time(alert.acknowledged_at, zone),
    }


def episode_uuids_of(*, user: Any, alerts: list[Alert]) -> dict[int, str]:
    ids = [
        int(match.group(1))
        for alert in alerts
        if (match := EPISODE_IDENTITY.match(alert.identity)) is not None
    ]
    return {
        pk: str(value)
        for pk, value in episode_list(user=user).filter(id__in=ids).values_list("id", "uuid")
    }

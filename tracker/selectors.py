"""Reads of workouts and body weights; every one is scoped to its user."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import QuerySet

from common.rows import Columns, fetch_rows
from tracker.models import BodyWeight, Workout


def workout_list(*, user: Any) -> QuerySet[Workout]:
    """The user's workouts, newest first."""
    return Workout.objects.filter(user=user).order_by("-started_at", "-id")


def workout_list_between(*, user: Any, start: datetime, end: datetime) -> QuerySet[Workout]:
    """Workouts that started in [start, end)."""
    return workout_list(user=user).filter(started_at__gte=start, started_at__lt=end)


def body_weight_list(*, user: Any) -> QuerySet[BodyWeight]:
    """The user's body weights, newest first."""
    return BodyWeight.objects.filter(user=user).order_by("-measured_on")


def workout_list_started_since(*, user: Any, since: datetime) -> QuerySet[Workout]:
    """The user's workouts that started at or after ``since``, oldest first."""
    return workout_list(user=user).filter(started_at__gte=since).order_by("started_at", "id")


def workout_list_started_in(*, user: Any, first: datetime, last: datetime) -> QuerySet[Workout]:
    """The user's workouts that started in [first, last], both ends included, oldest first."""
    return (
        workout_list(user=user).filter(started_at__range=(first, last)).order_by("started_at", "id")
    )


def workout_rows_started_in(
    *, user_id: int, ranges: Iterable[tuple[datetime, datetime]], fields: tuple[str, ...]
) -> list[tuple]:
    """``fields`` of the user's workouts that started in any of ``ranges`` ([first, last],
    both ends included), as tuples in no particular order; none without a range (one
    query at most). Overlapping ranges are read as one, so the statement stays short
    however many ranges touch. The statement is written out (``common.rows``): the
    pattern evaluation reads this on every write."""
    merged: list[list[datetime]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    if not merged:
        return []
    workout = Columns(Workout, fields, alias="w")
    started_at = workout.column("started_at")
    within = " OR ".join([f"({started_at} >= %s AND {started_at} <= %s)"] * len(merged))
    sql = (
        f"SELECT {workout.sql()} FROM {workout.table} "
        f"WHERE {workout.column('user')} = %s AND ({within})"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params: list[Any] = [user_id]
    for first, last in merged:
        params += [adapt(first), adapt(last)]
    return fetch_rows(sql, params, workout.fields)


def body_weight_list_since(*, user: Any, since: date) -> QuerySet[BodyWeight]:
    """The user's body weights measured on or after ``since``, oldest first."""
    return body_weight_list(user=user).filter(measured_on__gte=since).order_by("measured_on")


def workout_source_ids_present(*, user: Any, source: str, source_ids: list[str]) -> set[str]:
    """Which of ``source_ids`` from ``source`` the user already has (an import's pre-check)."""
    present: set[str] = set()
    for start in range(0, len(source_ids), 500):
        chunk = source_ids[start : start + 500]
        present.update(
            Workout.objects.filter(user=user, source=source, source_id__in=chunk).values_list(
                "source_id", flat=True
            )
        )
    return present


def workout_list_manual_between(*, user: Any, start: datetime, end: datetime) -> QuerySet[Workout]:
    """Hand-logged workouts that started in [start, end), oldest first (merge candidates)."""
    return (
        workout_list(user=user)
        .filter(source="manual", started_at__gte=start, started_at__lt=end)
        .order_by("started_at", "id")
    )


def workout_by_uuid(*, user: Any, uuid: UUID) -> Workout | None:
    """The person's workout with this client-generated id (an offline entry replayed), if any."""
    return Workout.objects.filter(user=user, uuid=uuid).first()

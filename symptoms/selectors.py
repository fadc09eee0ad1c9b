"""Reads of episodes; every one is scoped to its user."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast

from common.rows import Columns, fetch_rows
from symptoms.definitions import ASSOCIATION_AFTER_END, association_window
from symptoms.models import Episode
from tracker.models import Workout
from tracker.selectors import workout_list_between


def episode_list(*, user: Any) -> QuerySet[Episode]:
    """The user's episodes, newest first, with their workout."""
    return (
        Episode.objects.filter(user=user).select_related("workout").order_by("-started_at", "-id")
    )


def episode_ongoing(*, user: Any) -> QuerySet[Episode]:
    """Episodes not yet ended (normally none or one)."""
    return episode_list(user=user).filter(ended_at__isnull=True)


def episode_list_started_since(*, user: Any, since: datetime) -> QuerySet[Episode]:
    """The user's episodes that started at or after ``since``, oldest first, with the
    workout each is linked to (one query)."""
    return (
        Episode.objects.filter(user=user, started_at__gte=since)
        .select_related("workout")
        .order_by("started_at", "id")
    )


def episode_rows_started_since(
    *, user_id: int, since: datetime, fields: tuple[str, ...], workout_fields: tuple[str, ...]
) -> list[tuple]:
    """``fields`` of the user's episodes that started at or after ``since``, each followed
    by ``workout_fields`` of the workout it is linked to (None's when it is not), as
    tuples in no particular order (one query).

    The statement is written out (``common.rows``): the pattern evaluation reads this on
    every write, and building it with the ORM cost more than running it."""
    episode = Columns(Episode, fields, alias="e")
    workout = Columns(Workout, workout_fields, alias="w")
    sql = (
        f"SELECT {episode.sql()}, {workout.sql()} FROM {episode.table} "
        f"LEFT OUTER JOIN {workout.table} ON {workout.column('id')} = {episode.column('workout')} "
        f"WHERE {episode.column('user')} = %s AND {episode.column('started_at')} >= %s"
    )
    params = [user_id, connection.ops.adapt_datetimefield_value(since)]
    return fetch_rows(sql, params, episode.fields + workout.fields)


def episode_ongoing_user_ids() -> list[int]:
    """Ids of the users with an episode not yet ended (the pattern sweep's work list)."""
    return list(
        Episode.objects.filter(ended_at__isnull=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def episode_list_associated_with(*, workout: Any) -> QuerySet[Episode]:
    """The workout owner's episodes associated with ``workout`` (``symptoms.definitions``):
    linked to it, or unlinked and started in its association window."""
    first, last = association_window(
        started_at=workout.started_at, duration_minutes=workout.duration_minutes
    )
    return episode_list(user=workout.user_id).filter(
        Q(workout_id=workout.id)
        | Q(workout__isnull=True, started_at__gte=first, started_at__lte=last)
    )


def workout_has_episode() -> Q:
    """For a query on workouts: an episode of the workout's owner is associated with it
    (``symptoms.definitions``, as ``episode_list_associated_with`` reads them): linked to
    it, or unlinked and started in its association window, from its start to 2 hours
    after its end, both included. Two index lookups per workout, in the database."""
    window_end = ExpressionWrapper(
        OuterRef("started_at")
        + ExpressionWrapper(
            # A cast: SQLite multiplies only plain integers by a duration.
            Cast(OuterRef("duration_minutes"), IntegerField()) * timedelta(minutes=1),
            output_field=DurationField(),
        )
        + ASSOCIATION_AFTER_END,
        output_field=DateTimeField(),
    )
    # A linked episode is always its workout owner's (``Episode.clean``): filtering on the
    # owner too would make SQLite search the owner's episodes instead of the workout's.
    linked = Episode.objects.filter(workout_id=OuterRef("pk"))
    unlinked = Episode.objects.filter(
        user_id=OuterRef("user_id"),
        workout__isnull=True,
        started_at__gte=OuterRef("started_at"),
        started_at__lte=window_end,
    )
    return Q(Exists(linked)) | Q(Exists(unlinked))


# --- A person's week: the dashboard's "this week" and the weekly digest -----------------


@dataclass(frozen=True)
class WeekSummary:
    """One person's week: Monday 00:00 up to (not including) the next Monday 00:00 in
    their zone."""

    start: datetime
    end: datetime
    workouts: int
    workout_minutes: int
    episodes: int
    symptom_minutes: int

    @property
    def last_day(self) -> date:
        """The Sunday the week ends with."""
        return (self.end - timedelta(days=1)).date()


def week_bounds(*, monday: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """Monday 00:00 and the next Monday 00:00 in ``zone``."""
    start = datetime.combine(monday, time.min, tzinfo=zone)
    return start, datetime.combine(monday + timedelta(days=7), time.min, tzinfo=zone)


def week_summary_of(
    *,
    monday: date,
    zone: tzinfo,
    now: datetime,
    workouts: Iterable[tuple[datetime, int]],
    episodes: Iterable[tuple[datetime, datetime | None]],
) -> WeekSummary:
    """The week of ``monday`` in ``zone`` from rows already read: ``(started_at,
    duration_minutes)`` of workouts and ``(started_at, ended_at)`` of episodes, the
    person's own, rows outside the week ignored (``week_summary`` says what counts)."""
    start, end = week_bounds(monday=monday, zone=zone)
    workout_minutes = [minutes for started_at, minutes in workouts if start <= started_at < end]
    cutoff = min(now, end)
    minutes = [
        max(int(((ended_at or cutoff) - started_at).total_seconds() // 60), 0)
        for started_at, ended_at in episodes
        if start <= started_at < end
    ]
    return WeekSummary(
        start=start,
        end=end,
        workouts=len(workout_minutes),
        workout_minutes=sum(workout_minutes),
        episodes=len(minutes),
        symptom_minutes=sum(minutes),
    )


def week_summary(*, user: Any, monday: date, zone: tzinfo, now: datetime) -> WeekSummary:
    """Workouts and episodes that started in the week of ``monday`` in ``zone``.

    Minutes of symptoms add up each episode's whole minutes (as its page shows them);
    an episode still going counts up to ``now``, or up to the end of the week if that is
    earlier. An episode that started before the week is not counted, even if it lasted
    into it. Two queries, however busy the week.
    """
    start, end = week_bounds(monday=monday, zone=zone)
    workouts = workout_list_between(user=user, start=start, end=end).values_list(
        "started_at", "duration_minutes"
    )
    episodes = (
        episode_list(user=user)
        .filter(started_at__gte=start, started_at__lt=end)
        .values_list("started_at", "ended_at")
    )
    return week_summary_of(monday=monday, zone=zone, now=now, workouts=workouts, episodes=episodes)


def episode_by_uuid(*, user: Any, uuid: UUID) -> Episode | None:
    """The person's episode with this client-generated id (an offline entry replayed), if any."""
    return Episode.objects.filter(user=user, uuid=uuid).first()

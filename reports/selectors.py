"""Reads for reports, exports and charts; every one is scoped to its user.

Periods are whole days in the user's own time zone: ``Period(start, end)`` covers
``start`` 00:00 up to (not including) the day after ``end`` 00:00 in that zone.
"""

import hashlib
import zoneinfo
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple, Protocol, TypeVar, cast

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from alerts.models import Alert
from alerts.selectors import alert_list
from reports.charts import (
    Chart,
    episode_minutes_chart,
    episodes_workouts_weekly_chart,
    locations_chart,
    preceding_activities_chart,
)
from reports.models import ExportJob, ShareLink
from symptoms.definitions import (
    W,
    WorkoutLike,
    associated_workouts_among_sorted,
    candidate_starts,
    whole_minutes,
)
from symptoms.models import Episode
from symptoms.selectors import episode_list
from tracker.models import BodyWeight, Workout
from tracker.selectors import (
    body_weight_list,
    workout_list,
    workout_list_between,
    workout_list_started_in,
)

DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    zone: zoneinfo.ZoneInfo

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=self.zone)

    @property
    def end_at(self) -> datetime:
        """Exclusive: midnight after ``end`` in the user's zone."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def user_zone(*, user: Any) -> zoneinfo.ZoneInfo:
    profile = getattr(user, "profile", None)
    return profile.zone if profile is not None else zoneinfo.ZoneInfo("UTC")


def period_for(
    *,
    user: Any,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    default_days: int = DEFAULT_DAYS,
) -> Period:
    """The period from ``start`` to ``end`` (inclusive); by default the last 90 days to today."""
    zone = user_zone(user=user)
    today = (now or timezone.now()).astimezone(zone).date()
    end = end or (today if start is None else max(start, today))
    start = start or end - timedelta(days=default_days - 1)
    return Period(start=start, end=end, zone=zone)


def episode_list_in(*, user: Any, period: Period) -> QuerySet[Episode]:
    """Episodes that started in the period, oldest first, with their linked workout."""
    return (
        episode_list(user=user)
        .filter(started_at__gte=period.start_at, started_at__lt=period.end_at)
        .order_by("started_at", "id")
    )


def workout_list_in(*, user: Any, period: Period) -> QuerySet[Workout]:
    """Workouts that started in the period, oldest first."""
    return workout_list_between(user=user, start=period.start_at, end=period.end_at).order_by(
        "started_at", "id"
    )


def body_weight_list_in(*, user: Any, period: Period) -> QuerySet[BodyWeight]:
    """Body weights measured on a day of the period, oldest first."""
    return (
        body_weight_list(user=user)
        .filter(measured_on__gte=period.start, measured_on__lte=period.end)
        .order_by("measured_on")
    )


def alert_list_in(*, user: Any, period: Period) -> QuerySet[Alert]:
    """Alerts raised in the period, oldest first."""
    return (
        alert_list(user=user)
        .filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
        .prefetch_related(None)
        .order_by("created_at", "id")
    )


W_co = TypeVar("W_co", bound=WorkoutLike, covariant=True)


class EpisodeLike(Protocol[W_co]):
    """What ``episode_associations`` reads of an episode: a model instance or a
    ``ChartEpisode``, whose ``workout`` is of the same kind as the candidates."""

    @property
    def id(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def workout_id(self) -> int | None: ...
    @property
    def workout(self) -> W_co | None: ...


def episode_associations(
    *, user: Any, episodes: Sequence[EpisodeLike[W]], candidates: Sequence[W] | None = None
) -> dict[int, W]:
    """The workout each episode followed, by episode id (episodes that followed none are
    absent): its linked workout, or the latest of the workouts it is associated with
    (``symptoms.definitions.associated_workouts``), for the report's "after which
    workout" column and the "activities before episodes" chart. ``candidates``: the
    user's workouts that started from ``candidate_starts`` of the earliest unlinked
    episode to the latest one, already read (then no query); else they are read."""
    result: dict[int, W] = {}
    unlinked = []
    for episode in episodes:
        if episode.workout_id is not None and episode.workout is not None:
            result[episode.id] = episode.workout
        else:
            unlinked.append(episode)
    if not unlinked:
        return result
    if candidates is None:
        first, _last = candidate_starts(min(episode.started_at for episode in unlinked))
        # Model instances: what the callers that pass no candidates (the PDF, FHIR) hold.
        candidates = cast(
            list[W],
            list(
                workout_list_started_in(
                    user=user, first=first, last=max(e.started_at for e in unlinked)
                )
            ),
        )
    ordered = sorted(candidates, key=lambda w: (w.started_at, w.id))
    starts = [workout.started_at for workout in ordered]
    for episode in unlinked:
        associated = associated_workouts_among_sorted(
            started_at=episode.started_at, workouts=ordered, starts=starts
        )
        if associated:
            result[episode.id] = associated[-1]
    return result


# --- Chart data -----------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


# (Mondays, episodes per week, workouts per week by activity), this week last.
WeeklyCounts = tuple[list[date], list[int], dict[str, list[int]]]

# What the dashboard's charts need of an episode and of a workout (and of the workout an
# episode is linked to): no notes, no symptom lists but the locations.
CHART_EPISODE_FIELDS = ("id", "started_at", "ended_at", "locations", "workout_id")
CHART_WORKOUT_FIELDS = ("id", "activity", "started_at", "duration_minutes")


class ChartWorkout(NamedTuple):
    """A workout's ``CHART_WORKOUT_FIELDS``, read as a row: a model instance per row was
    half of reading the dashboard's rows."""

    id: int
    activity: str
    started_at: datetime
    duration_minutes: int


class ChartEpisode(NamedTuple):
    """An episode's ``CHART_EPISODE_FIELDS`` and its linked workout, read as a row."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    locations: list[str]
    workout_id: int | None
    workout: ChartWorkout | None

    @property
    def duration_minutes(self) -> int | None:
        return whole_minutes(started_at=self.started_at, ended_at=self.ended_at)


@dataclass(frozen=True)
class ChartRows:
    """The rows the dashboard's charts show, read once (2 queries, whatever the history).

    ``episodes``: those that started in ``period`` (the last ``weeks`` weeks, this one
    last), oldest first, with their linked workout. ``workouts``: those that started in
    the period and, before it, those an episode of the period may follow
    (``candidate_starts``), oldest first.
    """

    period: Period
    mondays: list[date]
    episodes: list[ChartEpisode]
    workouts: list[ChartWorkout]

    def workouts_in_period(self) -> list[ChartWorkout]:
        start = self.period.start_at
        return [workout for workout in self.workouts if workout.started_at >= start]


def chart_rows(*, user: Any, weeks: int, now: datetime | None = None) -> ChartRows:
    """The last ``weeks`` weeks in the user's zone (Monday to Sunday, this week last)."""
    zone = user_zone(user=user)
    today = (now or timezone.now()).astimezone(zone).date()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    period = Period(start=first, end=week_start(today) + timedelta(days=6), zone=zone)
    linked = tuple(f"workout__{field}" for field in CHART_WORKOUT_FIELDS)
    episodes = episode_list_in(user=user, period=period).values_list(*CHART_EPISODE_FIELDS, *linked)
    look_back, _start = candidate_starts(period.start_at)
    workouts = workout_list_between(user=user, start=look_back, end=period.end_at)
    return ChartRows(
        period=period,
        mondays=[first + timedelta(weeks=i) for i in range(weeks)],
        episodes=[
            ChartEpisode(
                id_,
                started_at,
                ended_at,
                locations,
                workout_id,
                ChartWorkout(*workout) if workout_id is not None else None,
            )
            for id_, started_at, ended_at, locations, workout_id, *workout in episodes
        ],
        workouts=[
            ChartWorkout(*row)
            for row in workouts.order_by("started_at", "id").values_list(*CHART_WORKOUT_FIELDS)
        ],
    )


def weekly_counts(*, rows: ChartRows) -> WeeklyCounts:
    """(Mondays, episodes per week, workouts per week by activity) of ``rows``, in the
    user's zone, this week last."""
    zone, first = rows.period.zone, rows.mondays[0]
    episodes = [0] * len(rows.mondays)
    for episode in rows.episodes:
        episodes[(episode.started_at.astimezone(zone).date() - first).days // 7] += 1
    workouts: dict[str, list[int]] = {}
    for workout in rows.workouts_in_period():
        counts = workouts.setdefault(workout.activity, [0] * len(rows.mondays))
        counts[(workout.started_at.astimezone(zone).date() - first).days // 7] += 1
    return rows.mondays, episodes, workouts


def episode_minute_points(
    *, episodes: Sequence[Episode | ChartEpisode], zone: zoneinfo.ZoneInfo
) -> list:
    """(day in the user's zone, whole minutes) of each ended episode."""
    return [
        (episode.started_at.astimezone(zone).date(), episode.duration_minutes)
        for episode in episodes
        if episode.duration_minutes is not None
    ]


def location_counts(*, episodes: Sequence[Episode | ChartEpisode]) -> Counter[str]:
    """How many episodes listed each location."""
    return Counter(location for episode in episodes for location in episode.locations)


def sensation_counts(*, episodes: list[Episode]) -> Counter[str]:
    return Counter(sensation for episode in episodes for sensation in episode.sensations)


def preceding_activity_counts(
    *, associations: Mapping[int, Workout | ChartWorkout]
) -> Counter[str]:
    """How many episodes followed each activity (associated workouts)."""
    return Counter(workout.activity for workout in associations.values())


def body_weight_points(*, body_weights: list[BodyWeight]) -> list:
    return [(weight.measured_on, float(weight.weight_kg)) for weight in body_weights]


def dashboard_charts(
    *,
    user: Any,
    weeks: int = 12,
    now: datetime | None = None,
    rows: ChartRows | None = None,
) -> dict[str, Chart]:
    """The dashboard's charts over the last ``weeks`` weeks (12 or 52), in the active language.

    Keys: ``weekly``, ``minutes``, ``locations``, ``activities``. ``rows``: ``chart_rows``
    for the same weeks when the caller already has them (the dashboard shows the weekly
    counts as a table and this week's numbers too), so they are not read twice.
    """
    if rows is None:
        rows = chart_rows(user=user, weeks=weeks, now=now)
    mondays, episodes_per_week, workouts_per_week = weekly_counts(rows=rows)
    associations = episode_associations(user=user, episodes=rows.episodes, candidates=rows.workouts)
    return {
        "weekly": episodes_workouts_weekly_chart(
            week_starts=mondays,
            episodes=episodes_per_week,
            workouts_by_activity=workouts_per_week,
        ),
        "minutes": episode_minutes_chart(
            points=episode_minute_points(episodes=rows.episodes, zone=rows.period.zone)
        ),
        "locations": locations_chart(counts=location_counts(episodes=rows.episodes)),
        "activities": preceding_activities_chart(
            counts=preceding_activity_counts(associations=associations)
        ),
    }


# --- Share links and export jobs ------------------------------------------------------


def share_link_list(*, user: Any) -> QuerySet[ShareLink]:
    """The user's share links, newest first, with ``view_count`` and ``last_viewed_at``."""
    return (
        ShareLink.objects.filter(user=user)
        .annotate(view_count=Count("views"), last_viewed_at=Max("views__viewed_at"))
        .order_by("-created_at", "-id")
    )


def share_link_get(*, user: Any, share_link_id: int) -> ShareLink | None:
    """One of the user's share links, or None (another user's is just as absent)."""
    return share_link_list(user=user).filter(id=share_link_id).first()


def share_link_by_token(*, token: str) -> ShareLink | None:
    """The link a token opens, expired or revoked included; None for an unknown token."""
    if not token or len(token) > 128:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    return (
        ShareLink.objects.select_related("user", "user__profile").filter(token_hash=digest).first()
    )


def share_link_is_active(*, share_link: ShareLink, now: datetime | None = None) -> bool:
    return share_link.revoked_at is None and share_link.expires_at > (now or timezone.now())


def export_job_get(*, user: Any, job_uuid: Any) -> ExportJob | None:
    return ExportJob.objects.filter(user=user, uuid=job_uuid).first()


def export_job_list(*, user: Any, limit: int = 5) -> list[ExportJob]:
    return list(ExportJob.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


def export_row_count(*, user: Any, period: Period | None) -> int:
    """Rows an export of the period holds (workouts, episodes, body weights): the size that
    decides whether the dashboard builds it in the background."""
    workouts = workout_list(user=user)
    episodes = episode_list(user=user)
    weights = body_weight_list(user=user)
    if period is not None:
        workouts = workouts.filter(started_at__gte=period.start_at, started_at__lt=period.end_at)
        episodes = episodes.filter(started_at__gte=period.start_at, started_at__lt=period.end_at)
        weights = weights.filter(measured_on__gte=period.start, measured_on__lte=period.end)
    return workouts.count() + episodes.count() + weights.count()

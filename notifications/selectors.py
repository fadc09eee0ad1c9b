"""Reads for email nudges: what is due, and what a week looked like.

The ``*_due`` selectors span users on purpose (they feed the beat jobs); each returns
only what the kind's switch allows. Everything shown to one person is read through
selectors scoped to that person.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Profile
from alerts.models import EMAILED_LEVELS, Alert
from notifications.models import OutboxEmail
from symptoms.models import Episode
from symptoms.selectors import episode_list
from tracker.models import Source, Workout
from tracker.selectors import workout_list_between

Kind = OutboxEmail.Kind
Status = OutboxEmail.Status

# An alert whose email row is still missing after this long lost its queued task.
ALERT_EMAIL_GRACE = timedelta(minutes=2)
ALERT_EMAIL_LOOKBACK = timedelta(hours=24)
FOLLOW_UP_AFTER = timedelta(days=3)
# A follow-up more than a day late (beat down) is no longer sent.
FOLLOW_UP_LATEST = timedelta(days=1)
DIGEST_WEEKDAY = 1  # ISO: Monday
DIGEST_HOUR = 8  # local time; sent within 08:00-08:59
LOG_REMINDER_AFTER = timedelta(hours=2)
LOG_REMINDER_LATEST = timedelta(hours=24)
# "Associated with a workout": started between its start and 2 hours after its end.
ASSOCIATION_WINDOW = timedelta(hours=2)
MAX_WORKOUT = timedelta(minutes=1440)
# A pending row this old lost its task (broker down); a claim this old lost its worker.
PENDING_GRACE = timedelta(minutes=10)
STALE_CLAIM = timedelta(minutes=15)


def _no_row(kind: str, **match: Any) -> Any:
    """``~Exists``: no outbox row of ``kind`` matching ``match`` (OuterRefs allowed)."""
    return ~Exists(OutboxEmail.objects.filter(kind=kind, **match))


def alerts_missing_email(*, now: datetime) -> QuerySet[Alert]:
    """Urgent and see-doctor alerts of the last day whose email row was never made."""
    return Alert.objects.filter(
        level__in=EMAILED_LEVELS,
        created_at__gt=now - ALERT_EMAIL_LOOKBACK,
        created_at__lte=now - ALERT_EMAIL_GRACE,
        user__profile__email_alerts=True,
    ).filter(_no_row(Kind.ALERT, alert=OuterRef("pk")))


def alerts_due_follow_up(*, now: datetime) -> QuerySet[Alert]:
    """Unacknowledged urgent and see-doctor alerts 3 days old (up to a day late)."""
    return (
        Alert.objects.filter(
            level__in=EMAILED_LEVELS,
            acknowledged_at__isnull=True,
            created_at__lte=now - FOLLOW_UP_AFTER,
            created_at__gt=now - FOLLOW_UP_AFTER - FOLLOW_UP_LATEST,
            user__profile__email_alerts=True,
        )
        .filter(_no_row(Kind.FOLLOW_UP, alert=OuterRef("pk")))
        .select_related("user")
    )


def digest_week_key(week_start: date) -> str:
    year, week, _weekday = week_start.isocalendar()
    return f"digest:{year}-W{week:02d}"


def digest_week_start(key: str) -> date:
    """The Monday of the ISO week a digest key names (``digest:2026-W47``)."""
    year, week = key.removeprefix("digest:").split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def digests_due(*, now: datetime) -> list[tuple[Profile, date]]:
    """(profile, Monday of last week) for each opted-in person whose local time is
    Monday 08:00-08:59 and who has no digest row for last week yet."""
    week_by_zone: dict[str, date] = {}
    zones = Profile.objects.filter(weekly_digest=True).values_list("timezone", flat=True)
    for name in set(zones):
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        if local.isoweekday() == DIGEST_WEEKDAY and local.hour == DIGEST_HOUR:
            week_by_zone[name] = local.date() - timedelta(days=7)
    if not week_by_zone:
        return []
    profiles = list(
        Profile.objects.filter(weekly_digest=True, timezone__in=week_by_zone)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    keys = {digest_week_key(start) for start in week_by_zone.values()}
    done = set(
        OutboxEmail.objects.filter(
            kind=Kind.DIGEST, key__in=keys, user_id__in=[p.user_id for p in profiles]
        ).values_list("user_id", "key")
    )
    return [
        (p, week_by_zone[p.timezone])
        for p in profiles
        if (p.user_id, digest_week_key(week_by_zone[p.timezone])) not in done
    ]


def log_reminder_due_at(workout: Workout) -> datetime:
    """2 hours after the workout ends, or after it was logged when logged later."""
    return max(workout.ended_at, workout.created_at) + LOG_REMINDER_AFTER


def log_reminder_applies(workout: Workout) -> bool:
    """Hand-logged workouts, and imported ones that arrived before their reminder was due.

    An import of older sessions (an archive, a late sync) must not email about each one.
    """
    return workout.source == Source.MANUAL or (
        workout.created_at <= workout.ended_at + LOG_REMINDER_AFTER
    )


def workouts_due_log_reminder(*, now: datetime) -> list[Workout]:
    """Unanswered workouts of opted-in people whose reminder is due (up to a day late);
    imported workouts only when imported in time (``log_reminder_applies``)."""
    candidates = (
        Workout.objects.filter(
            user__profile__log_reminders=True,
            symptom_free_at__isnull=True,
            started_at__lte=now - LOG_REMINDER_AFTER,
            started_at__gt=now - LOG_REMINDER_AFTER - LOG_REMINDER_LATEST - MAX_WORKOUT,
        )
        .exclude(user__email="")
        .filter(_no_row(Kind.LOG_REMINDER, workout=OuterRef("pk")))
        .filter(~Exists(Episode.objects.filter(workout=OuterRef("pk"))))
        .select_related("user")
        .order_by("started_at", "id")
    )
    return [
        w
        for w in candidates
        if log_reminder_applies(w)
        and log_reminder_due_at(w) <= now < log_reminder_due_at(w) + LOG_REMINDER_LATEST
    ]


def workout_is_answered(*, workout: Workout) -> bool:
    """True once the person said "no symptoms" or logged an episode for the workout
    (linked to it, or started between its start and 2 hours after its end)."""
    if workout.symptom_free_at is not None:
        return True
    return (
        episode_list(user=workout.user_id)
        .filter(
            Q(workout=workout)
            | Q(
                started_at__gte=workout.started_at,
                started_at__lte=workout.ended_at + ASSOCIATION_WINDOW,
            )
        )
        .exists()
    )


def outbox_stuck(*, now: datetime) -> QuerySet[OutboxEmail]:
    """Rows whose task was lost (pending for a while) or whose worker died mid-send."""
    return OutboxEmail.objects.filter(
        Q(status=Status.PENDING, created_at__lte=now - PENDING_GRACE)
        | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("created_at")


@dataclass(frozen=True)
class WeekSummary:
    """One person's week: [start, end) in their own zone."""

    start: datetime
    end: datetime
    workouts: int
    workout_minutes: int
    episodes: int
    symptom_minutes: int
    new_alerts: list[Alert] = field(default_factory=list)
    open_alerts: list[Alert] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.workouts or self.episodes or self.new_alerts)

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()


def week_summary(
    *, user: Any, week_start: date, zone: zoneinfo.ZoneInfo, now: datetime
) -> WeekSummary:
    """Workouts, episodes, minutes of symptoms and alerts of the week from Monday
    ``week_start`` 00:00 to the next Monday 00:00 in ``zone``. Minutes of an episode
    still going count up to the end of the week (or now, if earlier)."""
    start = datetime.combine(week_start, time(0), tzinfo=zone)
    end = datetime.combine(week_start + timedelta(days=7), time(0), tzinfo=zone)
    workouts = list(workout_list_between(user=user, start=start, end=end))
    episodes = list(episode_list(user=user).filter(started_at__gte=start, started_at__lt=end))
    cutoff = min(now, end)
    symptom_seconds = sum(
        max((ep.ended_at or cutoff) - ep.started_at, timedelta(0)).total_seconds()
        for ep in episodes
    )
    alerts = Alert.objects.filter(user=user).order_by("-created_at", "-id")
    new_alerts = list(alerts.filter(created_at__gte=start, created_at__lt=end))
    open_alerts = list(alerts.filter(created_at__lt=start, acknowledged_at__isnull=True))
    return WeekSummary(
        start=start,
        end=end,
        workouts=len(workouts),
        workout_minutes=sum(w.duration_minutes for w in workouts),
        episodes=len(episodes),
        symptom_minutes=round(symptom_seconds / 60),
        new_alerts=new_alerts,
        open_alerts=open_alerts,
    )

"""The weekly digest: Monday 08:00-08:59 in the reader's zone, about last week; none
for an empty week."""

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Profile
from alerts.models import Alert
from notifications import links
from notifications.content import Built, Skip, alert_wording
from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure, outbox_queue
from symptoms.selectors import episode_list
from tracker.selectors import workout_list_between

KIND = OutboxEmail.Kind.DIGEST
WEEKDAY = 1  # ISO: Monday
HOUR = 8  # local time; sent within 08:00-08:59


def week_key(week_start: date) -> str:
    year, week, _weekday = week_start.isocalendar()
    return f"digest:{year}-W{week:02d}"


def week_start(key: str) -> date:
    """The Monday of the ISO week a digest key names (``digest:2026-W47``)."""
    year, week = key.removeprefix("digest:").split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def due(*, now: datetime) -> list[tuple[Profile, date]]:
    """(profile, Monday of last week) for each opted-in person whose local time is
    Monday 08:00-08:59 and who has no digest row for last week yet."""
    week_by_zone: dict[str, date] = {}
    zones = Profile.objects.filter(weekly_digest=True).values_list("timezone", flat=True)
    for name in set(zones):
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        if local.isoweekday() == WEEKDAY and local.hour == HOUR:
            week_by_zone[name] = local.date() - timedelta(days=7)
    if not week_by_zone:
        return []
    profiles = list(
        Profile.objects.filter(weekly_digest=True, timezone__in=week_by_zone)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    keys = {week_key(start) for start in week_by_zone.values()}
    done = set(
        OutboxEmail.objects.filter(
            kind=KIND, key__in=keys, user_id__in=[p.user_id for p in profiles]
        ).values_list("user_id", "key")
    )
    return [
        (p, week_by_zone[p.timezone])
        for p in profiles
        if (p.user_id, week_key(week_by_zone[p.timezone])) not in done
    ]


def plan(*, now: datetime) -> list[OutboxEmail]:
    """Queue last week's digest for everyone whose local time is Monday 08:xx."""
    rows = [
        outbox_ensure(user=profile.user, kind=KIND, key=week_key(monday))
        for profile, monday in due(now=now)
    ]
    return outbox_queue(rows)


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


def subject(summary: WeekSummary) -> str:
    return _("LegLog: your week, %(start)s to %(end)s") % {
        "start": date_format(summary.start.date(), "j F"),
        "end": date_format(summary.last_day, "j F Y"),
    }


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    summary = week_summary(
        user=outbox.user, week_start=week_start(outbox.key), zone=profile.zone, now=now
    )
    if summary.is_empty:
        return Skip("nothing happened that week")
    return (
        subject(summary),
        "digest",
        {
            "summary": summary,
            "new_alerts": [alert_wording(a) for a in summary.new_alerts],
            "open_alerts": [alert_wording(a) for a in summary.open_alerts],
            "reports_url": links.reports_url(),
            "dashboard_url": links.dashboard_url(),
        },
    )

"""The weekly digest: Monday 08:00-08:59 in the reader's zone, about last week; none
for an empty week."""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Profile
from alerts.models import Alert
from notifications import links
from notifications.content import Built, Skip, alert_wording
from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure, outbox_queue
from symptoms.selectors import WeekSummary, week_summary

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
class Digest:
    """A person's week (``symptoms.selectors.week_summary``, the numbers the dashboard
    shows) with the alerts raised in it and the earlier ones still open."""

    week: WeekSummary
    new_alerts: list[Alert]
    open_alerts: list[Alert]

    @property
    def is_empty(self) -> bool:
        return not (self.week.workouts or self.week.episodes or self.new_alerts)


def digest_for(*, user: Any, monday: date, zone: tzinfo, now: datetime) -> Digest:
    """The digest of the week of ``monday`` in ``zone``, as of ``now``."""
    week = week_summary(user=user, monday=monday, zone=zone, now=now)
    alerts = Alert.objects.filter(user=user).order_by("-created_at", "-id")
    return Digest(
        week=week,
        new_alerts=list(alerts.filter(created_at__gte=week.start, created_at__lt=week.end)),
        open_alerts=list(alerts.filter(created_at__lt=week.start, acknowledged_at__isnull=True)),
    )


def subject(week: WeekSummary) -> str:
    return _("LegLog: your week, %(start)s to %(end)s") % {
        "start": date_format(week.start.date(), "MONTH_DAY_FORMAT"),
        "end": date_format(week.last_day, "DATE_FORMAT"),
    }


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    digest = digest_for(user=outbox.user, monday=week_start(outbox.key), zone=profile.zone, now=now)
    if digest.is_empty:
        return Skip("nothing happened that week")
    return (
        subject(digest.week),
        "digest",
        {
            "summary": digest.week,
            "new_alerts": [alert_wording(a) for a in digest.new_alerts],
            "open_alerts": [alert_wording(a) for a in digest.open_alerts],
            "reports_url": links.reports_url(),
            "dashboard_url": links.dashboard_url(),
        },
    )

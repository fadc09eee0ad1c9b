"""The daily reminder: "how were your legs today?" at the local time the person chose
(``Profile.reminder_time``), once a day, sent within the hour after that time; skipped
when something was already logged that day."""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Profile
from notifications import links
from notifications.content import Built, Skip
from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure, outbox_queue
from symptoms.models import Episode
from tracker.models import Workout

KIND = OutboxEmail.Kind.DAILY_REMINDER
WINDOW = timedelta(hours=1)  # beat looks every 15 minutes; a late run still sends it
DEFAULT_TIME = time(20, 0)  # "turn it back on" from an unsubscribe link


def day_key(day: date) -> str:
    return f"daily:{day.isoformat()}"


def due_day(*, reminder: time, zone: zoneinfo.ZoneInfo, now: datetime) -> date | None:
    """The local day whose reminder is due at ``now`` (today's, or yesterday's when the
    chosen time is just before midnight), or None."""
    local = now.astimezone(zone)
    for day in (local.date(), local.date() - timedelta(days=1)):
        at = datetime.combine(day, reminder, tzinfo=zone)
        if at <= now < at + WINDOW:
            return day
    return None


def due(*, now: datetime) -> list[tuple[Profile, date]]:
    """(profile, local day) for each person whose chosen time came within the last hour
    and who has no reminder row for that day yet."""
    found: list[tuple[Profile, date]] = []
    profiles = (
        Profile.objects.filter(reminder_time__isnull=False)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    for profile in profiles:
        assert profile.reminder_time is not None
        try:
            zone = zoneinfo.ZoneInfo(profile.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        day = due_day(reminder=profile.reminder_time, zone=zone, now=now)
        if day is not None:
            found.append((profile, day))
    if not found:
        return []
    done = set(
        OutboxEmail.objects.filter(
            kind=KIND,
            user_id__in=[p.user_id for p, _day in found],
            key__in={day_key(day) for _p, day in found},
        ).values_list("user_id", "key")
    )
    return [(p, day) for p, day in found if (p.user_id, day_key(day)) not in done]


def plan(*, now: datetime) -> list[OutboxEmail]:
    """Queue the daily reminder of everyone whose chosen local time has come."""
    rows = [outbox_ensure(user=p.user, kind=KIND, key=day_key(day)) for p, day in due(now=now)]
    return outbox_queue(rows)


def subject() -> str:
    return _("LegLog: how were your legs today?")


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    day = date.fromisoformat(outbox.key.removeprefix("daily:"))
    start = datetime.combine(day, time.min, tzinfo=profile.zone)
    logged = (
        Episode.objects.filter(user_id=outbox.user_id, created_at__gte=start).exists()
        or Workout.objects.filter(user_id=outbox.user_id, created_at__gte=start).exists()
    )
    if logged:
        return Skip("something was logged that day")
    return (
        subject(),
        "daily_reminder",
        {
            "episode_url": links.site_url(reverse("symptoms:episode_new")),
            "workout_url": links.site_url(reverse("workout_new")),
        },
    )

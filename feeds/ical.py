"""The calendar itself: workouts, episodes, and "book a doctor's visit" follow-ups.

Titles say little on purpose: phone calendars sync to other companies' servers and show
on lock screens. Times are UTC; each calendar shows them in its own zone.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from alerts.models import EMAILED_LEVELS
from alerts.presenters import alert_wording
from alerts.selectors import alert_list
from symptoms.selectors import episode_list_started_since
from tracker.selectors import workout_list_started_since

# How far back the feed goes; calendars keep what they already have.
LOOKBACK = timedelta(days=400)
# When to book the visit: the day the follow-up email goes (notifications' 3 days).
FOLLOW_UP_AFTER = timedelta(days=3)
HOST = "leglog"


def _event(uid: str, summary: str, start: Any, end: Any, now: datetime, url: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{HOST}")
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    if url:
        event.add("url", url)
    return event


def calendar_build(*, user: Any, language: str, zone: Any, now: datetime) -> bytes:
    """The person's iCal calendar of the last 400 days, in ``language``."""
    since = now - LOOKBACK
    site = settings.SITE_URL
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//LegLog//calendar feed//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("LegLog"))
        for workout in workout_list_started_since(user=user, since=since):
            summary = _("Workout: %(activity)s") % {"activity": workout.get_activity_display()}
            calendar.add_component(
                _event(
                    f"workout-{workout.uuid}",
                    summary,
                    workout.started_at,
                    workout.ended_at,
                    now,
                    site + reverse("workout_detail", args=[workout.pk]),
                )
            )
        for episode in episode_list_started_since(user=user, since=since):
            end = episode.ended_at or max(now, episode.started_at + timedelta(minutes=1))
            calendar.add_component(
                _event(f"episode-{episode.uuid}", _("Leg symptoms"), episode.started_at, end, now)
            )
        follow_ups = alert_list(user=user).filter(
            level__in=EMAILED_LEVELS, acknowledged_at__isnull=True, created_at__gte=since
        )
        for alert in follow_ups:
            day = (alert.created_at + FOLLOW_UP_AFTER).astimezone(zone).date()
            event = _event(
                f"alert-{alert.uuid}-follow-up",
                _("Book a doctor's visit"),
                day,
                day + timedelta(days=1),
                now,
                site + reverse("alerts:detail", args=[alert.pk]),
            )
            event.add("description", alert_wording(alert).title)
            calendar.add_component(event)
    return calendar.to_ical()

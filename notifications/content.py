"""What each email says: subject, plain text and HTML, in the reader's language.

Subjects carry no symptom detail (a lock screen or a shared inbox shows them); the
body carries only what the person needs to act, and links to the rest. Alert wording
comes from ``alerts.messages`` so that it is reviewed and translated in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Profile
from alerts import presenters
from alerts.models import Alert, Level
from notifications import links
from notifications.models import OutboxEmail
from notifications.selectors import (
    WeekSummary,
    digest_week_start,
    week_summary,
    workout_is_answered,
)
from tracker.models import Activity

Kind = OutboxEmail.Kind


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    language: str


@dataclass(frozen=True)
class Skip:
    """Nothing to send, and why (shown in the admin)."""

    reason: str


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Email | Skip:
    """The email for an outbox row as of ``now``, or why it should not go out."""
    switch = links.KIND_SWITCH[outbox.kind]
    if not getattr(profile, switch):
        return Skip(f"{switch} is off")
    if not outbox.user.email:
        return Skip("no email address")
    with translation.override(profile.language), timezone.override(profile.zone):
        builder = _BUILDERS[outbox.kind]
        result = builder(outbox=outbox, profile=profile, now=now)
        if isinstance(result, Skip):
            return result
        subject, template, context = result
        unsubscribe_url = links.unsubscribe_url(user_id=outbox.user_id, kind=outbox.kind)
        context = {
            **context,
            "subject": subject,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_what": kind_description(outbox.kind),
            "language": profile.language,
        }
        return Email(
            subject=subject,
            text=render_to_string(f"notifications/email/{template}.txt", context),
            html=render_to_string(f"notifications/email/{template}.html", context),
            unsubscribe_url=unsubscribe_url,
            language=profile.language,
        )


def kind_description(kind: str) -> str:
    descriptions: dict[str, str] = {
        Kind.ALERT: _("alert emails"),
        Kind.FOLLOW_UP: _("alert emails"),
        Kind.DIGEST: _("the weekly summary"),
        Kind.LOG_REMINDER: _("reminders to log how your legs felt"),
    }
    return descriptions[kind]


def alert_subject(level: str) -> str:
    if level == Level.URGENT:
        return _("LegLog: please seek medical help now")
    return _("LegLog: please consider seeing a doctor")


def follow_up_subject(level: str) -> str:
    if level == Level.URGENT:
        return _("LegLog: checking in after your urgent alert")
    return _("LegLog: a reminder to book a visit to a doctor")


def digest_subject(summary: WeekSummary) -> str:
    return _("LegLog: your week, %(start)s to %(end)s") % {
        "start": date_format(summary.start.date(), "j F"),
        "end": date_format(summary.last_day, "j F Y"),
    }


def log_reminder_subject() -> str:
    return _("LegLog: how did your legs feel?")


def alert_wording(alert: Alert) -> dict[str, Any]:
    """The alert's words (``alerts.presenters``) with the link to its page."""
    wording = presenters.alert_wording(alert)
    return {
        "title": wording.title,
        "message": wording.message,
        "advice": wording.advice,
        "names_emergency_number": wording.names_emergency_number,
        "url": links.alert_page_url(alert_id=alert.id),
        "level": wording.level,
        "level_label": wording.level_label,
        "created_at": alert.created_at,
    }


Built = tuple[str, str, dict[str, Any]] | Skip


def _alert(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    alert = outbox.alert
    if alert is None:
        return Skip("the alert was deleted")
    return (
        alert_subject(alert.level),
        "alert",
        {
            "alert": alert_wording(alert),
            "urgent": alert.level == Level.URGENT,
            "emergency_number": settings.EMERGENCY_NUMBER,
        },
    )


def _follow_up(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    alert = outbox.alert
    if alert is None:
        return Skip("the alert was deleted")
    if alert.acknowledged_at is not None:
        return Skip("the alert was acknowledged")
    return (
        follow_up_subject(alert.level),
        "follow_up",
        {
            "alert": alert_wording(alert),
            "urgent": alert.level == Level.URGENT,
            "emergency_number": settings.EMERGENCY_NUMBER,
        },
    )


def _digest(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    summary = week_summary(
        user=outbox.user,
        week_start=digest_week_start(outbox.key),
        zone=profile.zone,
        now=now,
    )
    if summary.is_empty:
        return Skip("nothing happened that week")
    return (
        digest_subject(summary),
        "digest",
        {
            "summary": summary,
            "new_alerts": [alert_wording(a) for a in summary.new_alerts],
            "open_alerts": [alert_wording(a) for a in summary.open_alerts],
            "reports_url": links.reports_url(),
            "dashboard_url": links.dashboard_url(),
        },
    )


def _log_reminder(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    workout = outbox.workout
    if workout is None:
        return Skip("the workout was deleted")
    if workout_is_answered(workout=workout):
        return Skip("already answered")
    return (
        log_reminder_subject(),
        "log_reminder",
        {
            "activity": Activity(workout.activity).label,
            "workout_started": timezone.localtime(workout.started_at),
            "episode_url": links.episode_form_url(workout_id=workout.id),
            "no_symptoms_url": links.no_symptoms_url(
                user_id=workout.user_id, workout_id=workout.id
            ),
        },
    )


_BUILDERS: dict[str, Callable[..., Built]] = {
    Kind.ALERT: _alert,
    Kind.FOLLOW_UP: _follow_up,
    Kind.DIGEST: _digest,
    Kind.LOG_REMINDER: _log_reminder,
}

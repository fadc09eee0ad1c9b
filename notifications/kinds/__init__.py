"""The five kinds of email, one module each, and the one table that maps a kind to it.

Every kind module has ``due(*, now)`` (what is due now), ``plan(*, now)`` (make and
queue the outbox rows for it), ``compose(*, outbox, profile, now)`` (subject, template
and context, or why to skip) and ``subject(...)``.
"""

from datetime import datetime
from typing import Protocol

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Profile
from notifications import links
from notifications.content import Built, Email, Skip, render
from notifications.kinds import alert, daily_reminder, digest, follow_up, log_reminder
from notifications.models import OutboxEmail

Kind = OutboxEmail.Kind


class EmailKind(Protocol):
    def plan(self, *, now: datetime) -> list[OutboxEmail]: ...

    def compose(self, *, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built: ...


KINDS: dict[str, EmailKind] = {
    Kind.ALERT: alert,
    Kind.FOLLOW_UP: follow_up,
    Kind.DIGEST: digest,
    Kind.LOG_REMINDER: log_reminder,
    Kind.DAILY_REMINDER: daily_reminder,
}

# The profile switch each kind of email obeys; a follow-up is an alert email.
KIND_SWITCH: dict[str, str] = {
    Kind.ALERT: "email_alerts",
    Kind.FOLLOW_UP: "email_alerts",
    Kind.DIGEST: "weekly_digest",
    Kind.LOG_REMINDER: "log_reminders",
    # A time, not a switch: None turns it off.
    Kind.DAILY_REMINDER: "reminder_time",
}


def kind_description(kind: str) -> str:
    """What an unsubscribe link for ``kind`` turns off, in the active language."""
    descriptions: dict[str, str] = {
        Kind.ALERT: _("alert emails"),
        Kind.FOLLOW_UP: _("alert emails"),
        Kind.DIGEST: _("the weekly summary"),
        Kind.LOG_REMINDER: _("reminders to log how your legs felt"),
        Kind.DAILY_REMINDER: _("the daily reminder"),
    }
    return descriptions[kind]


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Email | Skip:
    """The email for an outbox row as of ``now``, or why it should not go out."""
    switch = KIND_SWITCH[outbox.kind]
    if not getattr(profile, switch):
        return Skip(f"{switch} is off")
    if not outbox.user.email:
        return Skip("no email address")
    with translation.override(profile.language), timezone.override(profile.zone):
        built = KINDS[outbox.kind].compose(outbox=outbox, profile=profile, now=now)
        if isinstance(built, Skip):
            return built
        subject, template, context = built
        return render(
            subject=subject,
            template=template,
            context=context,
            unsubscribe_url=links.unsubscribe_url(user_id=outbox.user_id, kind=outbox.kind),
            unsubscribe_what=kind_description(outbox.kind),
            language=profile.language,
        )

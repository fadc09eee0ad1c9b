"""Alert emails: sent at once for a new urgent or see-doctor alert (watch alerts wait
for the digest); the sweep makes the rows whose queued task was lost."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Profile
from alerts.models import EMAILED_LEVELS, Alert, Level
from notifications.content import Built, Skip, alert_wording
from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure, outbox_queue
from notifications.selectors import no_outbox_row

KIND = OutboxEmail.Kind.ALERT
# An alert whose email row is still missing after this long lost its queued task.
GRACE = timedelta(minutes=2)
LOOKBACK = timedelta(hours=24)


def due(*, now: datetime) -> QuerySet[Alert]:
    """Urgent and see-doctor alerts of the last day whose email row was never made."""
    return Alert.objects.filter(
        level__in=EMAILED_LEVELS,
        created_at__gt=now - LOOKBACK,
        created_at__lte=now - GRACE,
        user__profile__email_alerts=True,
    ).filter(no_outbox_row(KIND, alert=OuterRef("pk")))


def outbox_for(*, alert: Alert) -> OutboxEmail | None:
    """The alert's email row (made if new); None for a level that is not emailed."""
    if alert.level not in EMAILED_LEVELS:
        return None
    return outbox_ensure(user=alert.user, kind=KIND, key=f"alert:{alert.pk}", alert=alert)


def plan(*, now: datetime) -> list[OutboxEmail]:
    """Make and queue the emails of alerts whose task a broker outage dropped."""
    rows = [
        outbox_ensure(user=alert.user, kind=KIND, key=f"alert:{alert.pk}", alert=alert)
        for alert in due(now=now).select_related("user")
    ]
    return outbox_queue(rows, include_stale=True)


def subject(level: str) -> str:
    if level == Level.URGENT:
        return _("LegLog: please seek medical help now")
    return _("LegLog: please consider seeing a doctor")


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    alert = outbox.alert
    if alert is None:
        return Skip("the alert was deleted")
    return (
        subject(alert.level),
        "alert",
        {
            "alert": alert_wording(alert),
            "urgent": alert.level == Level.URGENT,
            "emergency_number": settings.EMERGENCY_NUMBER,
        },
    )

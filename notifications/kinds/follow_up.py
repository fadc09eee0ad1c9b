"""Follow-ups: once, 3 days after an urgent or see-doctor alert nobody acknowledged."""

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

KIND = OutboxEmail.Kind.FOLLOW_UP
AFTER = timedelta(days=3)
# A follow-up more than a day late (beat down) is no longer sent.
LATEST = timedelta(days=1)


def due(*, now: datetime) -> QuerySet[Alert]:
    """Unacknowledged urgent and see-doctor alerts 3 days old (up to a day late)."""
    return (
        Alert.objects.filter(
            level__in=EMAILED_LEVELS,
            acknowledged_at__isnull=True,
            created_at__lte=now - AFTER,
            created_at__gt=now - AFTER - LATEST,
            user__profile__email_alerts=True,
        )
        .filter(no_outbox_row(KIND, alert=OuterRef("pk")))
        .select_related("user")
    )


def plan(*, now: datetime) -> list[OutboxEmail]:
    """Queue one follow-up per unacknowledged alert 3 days old."""
    rows = [
        outbox_ensure(user=a.user, kind=KIND, key=f"alert:{a.pk}", alert=a) for a in due(now=now)
    ]
    return outbox_queue(rows)


def subject(level: str) -> str:
    if level == Level.URGENT:
        return _("LegLog: checking in after your urgent alert")
    return _("LegLog: a reminder to book a visit to a doctor")


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    alert = outbox.alert
    if alert is None:
        return Skip("the alert was deleted")
    if alert.acknowledged_at is not None:
        return Skip("the alert was acknowledged")
    return (
        subject(alert.level),
        "follow_up",
        {
            "alert": alert_wording(alert),
            "urgent": alert.level == Level.URGENT,
            "emergency_number": settings.EMERGENCY_NUMBER,
        },
    )

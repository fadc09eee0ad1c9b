"""Celery tasks for email nudges: ids in, one service call, Celery retries.

Sending tasks retry SMTP and connection errors with exponential backoff (30 s, 60 s,
120 s ... capped at 30 minutes, with jitter); the outbox row, not Celery, decides
when to give up (``MAX_ATTEMPTS``), so a task re-queued by the sweep keeps counting.
"""

import smtplib

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from common.tasknames import TaskName
from notifications.services import MAX_ATTEMPTS

DELIVERY = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError, OperationalError),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "retry_jitter": True,
    # One more than the row allows, so the row's own count ends the story.
    "max_retries": MAX_ATTEMPTS,
}
BEAT = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 3,
}


@shared_task(name=TaskName.ALERT_EMAIL, **DELIVERY)
def alert_email_task(alert_id: int) -> None:
    """Email a new urgent or see-doctor alert; queued on commit by the alert's creation."""
    from alerts.models import Alert
    from notifications.services import alert_email_send

    alert = Alert.objects.select_related("user").filter(id=alert_id).first()
    if alert is not None:
        alert_email_send(alert=alert)


@shared_task(name=TaskName.OUTBOX_DELIVER, **DELIVERY)
def outbox_deliver_task(outbox_id: int) -> None:
    """Send one outbox row (follow-up, digest, log reminder, or a recovered alert email)."""
    from notifications.services import outbox_deliver

    outbox_deliver(outbox_id=outbox_id)


@shared_task(name=TaskName.FOLLOW_UPS_DUE, **BEAT)
def follow_ups_due_task() -> None:
    """Hourly: one reminder for each unacknowledged urgent/see-doctor alert 3 days old."""
    from notifications.kinds import follow_up

    follow_up.plan(now=timezone.now())


@shared_task(name=TaskName.DIGESTS_DUE, **BEAT)
def digests_due_task() -> None:
    """Every 15 minutes: last week's digest for people whose local time is Monday 08:xx."""
    from notifications.kinds import digest

    digest.plan(now=timezone.now())


@shared_task(name=TaskName.LOG_REMINDERS_DUE, **BEAT)
def log_reminders_due_task() -> None:
    """Every 15 minutes: "how did your legs feel?" 2 hours after an unanswered workout."""
    from notifications.kinds import log_reminder

    log_reminder.plan(now=timezone.now())


@shared_task(name=TaskName.DAILY_REMINDERS_DUE, **BEAT)
def daily_reminders_due_task() -> None:
    """Every 15 minutes: the daily reminder of people whose chosen local time has come."""
    from notifications.kinds import daily_reminder

    daily_reminder.plan(now=timezone.now())


@shared_task(name=TaskName.OUTBOX_SWEEP, **BEAT)
def outbox_sweep_task() -> None:
    """Every 5 minutes: re-queue emails a broker outage or a dead worker dropped."""
    from notifications.services import outbox_recover

    outbox_recover(now=timezone.now())

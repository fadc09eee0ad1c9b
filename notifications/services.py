"""The one write path for email nudges: delivery, the sweep, unsubscribe, answers.

Delivery is at-most-once per (user, kind, key) in every case but one:

1. ``outbox.outbox_ensure`` (each kind's ``plan``) writes the row (unique on user,
   kind, key) before any SMTP traffic; a second beat or a re-run finds it and adds
   nothing.
2. ``outbox_deliver`` claims the row with one conditional UPDATE
   (``pending`` -> ``sending``), so of two workers only one proceeds.
3. SMTP errors (``smtplib.SMTPException``, ``OSError``, ``ConnectionError``) put the
   row back to ``pending`` with the error and re-raise, so the Celery task retries with
   exponential backoff; after ``MAX_ATTEMPTS`` the row is ``failed``. A refused
   recipient fails at once. The admin shows status, attempts and the last error.
4. The one gap SMTP leaves: a worker that dies after the server accepted the message
   but before the row says ``sent`` leaves it ``sending``. After ``STALE_CLAIM`` the
   sweep sends it again, with the same Message-ID so that mail systems that
   de-duplicate on it show it once. Losing an urgent alert is worse than a rare
   duplicate, so this is the side we err on.

Any SMTP server works (``EMAIL_URL``). For a provider's HTTP API, django-anymail's
backend can be set as ``EMAIL_BACKEND``; it raises ``AnymailAPIError`` (not an
``OSError``), which would need adding to ``RETRYABLE`` before relying on retries.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile
from accounts.services import profile_get_or_create, profile_update
from alerts.models import Alert
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from notifications import kinds
from notifications.content import Email, Skip
from notifications.kinds import alert as alert_kind
from notifications.kinds.log_reminder import workout_is_answered
from notifications.models import OutboxEmail
from notifications.outbox import outbox_queue
from notifications.selectors import STALE_CLAIM, outbox_stuck
from tracker.models import Workout
from tracker.services import workout_mark_symptom_free

logger = logging.getLogger(__name__)

Status = OutboxEmail.Status

MAX_ATTEMPTS = 6
# A nudge that could not go out within two days is no longer useful.
EXPIRY = timedelta(days=2)
RETRYABLE: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)


# --- Outbox ---------------------------------------------------------------------------


def outbox_deliver(*, outbox_id: int, now: datetime | None = None) -> OutboxEmail | None:
    """Send the row's email unless someone else has, is, or it should not go out.

    Re-raises a retryable SMTP error (after storing it) while attempts remain. Returns
    the row as read when it was claimed (None if it does not exist).
    """
    now = now or timezone.now()
    claimed = (
        OutboxEmail.objects.filter(pk=outbox_id)
        .filter(
            Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        )
        .update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    outbox = (
        OutboxEmail.objects.select_related("user", "alert", "workout").filter(pk=outbox_id).first()
    )
    if not claimed or outbox is None:
        return outbox
    mine = OutboxEmail.objects.filter(pk=outbox_id, status=Status.SENDING, claimed_at=now)
    if now - outbox.created_at > EXPIRY:
        mine.update(status=Status.FAILED, note="expired before it could be sent")
        return outbox
    profile = profile_get_or_create(user=outbox.user)
    try:
        composed = kinds.compose(outbox=outbox, profile=profile, now=now)
    except OperationalError as error:
        # The database hiccuped: back to pending, and the task's retry tries again.
        mine.update(status=Status.PENDING, last_error=_describe(error))
        raise
    except Exception as error:
        # A bug, not a hiccup: say so in the admin instead of leaving the row "sending"
        # for the sweep to trip over every 15 minutes.
        mine.update(status=Status.FAILED, last_error=_describe(error))
        raise
    if isinstance(composed, Skip):
        mine.update(status=Status.SKIPPED, note=composed.reason[:200])
        return outbox
    mine.update(subject=composed.subject[:200])
    try:
        _send(outbox=outbox, email=composed)
    except smtplib.SMTPRecipientsRefused as error:
        mine.update(status=Status.FAILED, last_error=_describe(error))
        return outbox
    except RETRYABLE as error:
        final = outbox.attempts >= MAX_ATTEMPTS  # the claim already counted this one
        mine.update(status=Status.FAILED if final else Status.PENDING, last_error=_describe(error))
        logger.warning("email %s %s attempt failed: %s", outbox.kind, outbox.pk, error)
        if final:
            return outbox
        raise
    # last_error stays: the admin shows that a retry was needed, and why.
    mine.update(status=Status.SENT, sent_at=timezone.now())
    return outbox


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _send(*, outbox: OutboxEmail, email: Email) -> None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[outbox.user.email],
        headers={
            "Message-ID": outbox.message_id,
            "List-Unsubscribe": f"<{email.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": email.language,
        },
    )
    message.attach_alternative(email.html, "text/html")
    message.send(fail_silently=False)


def outbox_retry(*, outbox: OutboxEmail) -> OutboxEmail:
    """Give a failed row a fresh set of attempts (admin action) and queue it."""
    updated = OutboxEmail.objects.filter(pk=outbox.pk, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, last_error="", note=""
    )
    if updated:
        enqueue_on_commit(TaskName.OUTBOX_DELIVER, outbox.pk)
    outbox.refresh_from_db()
    return outbox


# --- Sending at once, and the sweep ---------------------------------------------------


def alert_email_send(*, alert: Alert) -> OutboxEmail | None:
    """The email for a new urgent or see-doctor alert (watch alerts wait for the digest)."""
    outbox = alert_kind.outbox_for(alert=alert)
    if outbox is None:
        return None
    return outbox_deliver(outbox_id=outbox.pk)


def outbox_recover(*, now: datetime) -> list[OutboxEmail]:
    """Catch what a broker outage or a dead worker dropped: alert emails never queued,
    rows left pending, claims left hanging."""
    recovered = alert_kind.plan(now=now)
    stuck = [row for row in outbox_stuck(now=now) if row.pk not in {r.pk for r in recovered}]
    return recovered + outbox_queue(stuck, include_stale=True)


# --- One-click answers ----------------------------------------------------------------


def email_unsubscribe(*, user: Any, kind: str) -> Profile:
    """Turn off the one kind of email a signed link names."""
    switch = kinds.KIND_SWITCH[kind]
    return profile_update(user=user, data={switch: None if switch == "reminder_time" else False})


def email_resubscribe(*, user: Any, kind: str) -> Profile:
    """Undo ``email_unsubscribe`` from the same signed link (the daily reminder comes back
    at ``daily_reminder.DEFAULT_TIME``; the settings page changes it)."""
    switch = kinds.KIND_SWITCH[kind]
    if switch == "reminder_time":
        return profile_update(user=user, data={switch: kinds.daily_reminder.DEFAULT_TIME})
    return profile_update(user=user, data={switch: True})


@transaction.atomic
def workout_answer_no_symptoms(*, workout: Workout, now: datetime | None = None) -> Workout:
    """Record "no symptoms after this workout", unless an episode already says otherwise."""
    workout = Workout.objects.select_for_update().get(pk=workout.pk)
    if workout.symptom_free_at is None and workout_is_answered(workout=workout):
        raise ValidationError(
            {"workout": [_("An episode is already logged for this workout.")]},
            code="episode_logged",
        )
    return workout_mark_symptom_free(workout=workout, now=now)

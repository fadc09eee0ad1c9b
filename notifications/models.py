"""The email outbox: what LegLog means to send, and whether it went."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """One email LegLog means to send, at most once per (user, kind, key).

    ``key`` names the subject object and period (``alert:42``, ``digest:2026-W47``,
    ``workout:17``), so a retry, a second beat or a re-run finds the row and sends
    nothing twice. The row is written before any SMTP traffic; a sender claims it with
    a conditional UPDATE (``pending`` -> ``sending``) and marks it ``sent`` afterwards.
    ``message_id`` is fixed when the row is made, so the rare resend after a crash
    between SMTP acceptance and the ``sent`` mark carries the same Message-ID and mail
    systems that de-duplicate on it show one message.
    """

    class Kind(models.TextChoices):
        ALERT = "alert", _("Alert")
        FOLLOW_UP = "follow_up", _("Follow-up")
        DIGEST = "digest", _("Weekly digest")
        LOG_REMINDER = "log_reminder", _("Log reminder")
        DAILY_REMINDER = "daily_reminder", _("Daily reminder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=64)
    # The subject object, when there is one; the key keeps naming it after a delete.
    alert = models.ForeignKey(
        "alerts.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workout = models.ForeignKey(
        "tracker.Workout", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Why a row was skipped (opted out, no address, already answered, empty week).
    note = models.CharField(max_length=200, blank=True)
    # Free of health detail by design, so it can be shown in the admin.
    subject = models.CharField(max_length=200, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="outbox_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"

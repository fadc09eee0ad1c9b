"""The email outbox: what LegLog means to send, and whether it went."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """One email LegLog means to send, at most once per (user, kind, key).

    ``key`` names the subject object and period (``alert:42``, ``digest:2026-W47``,
    ``workout:17``), so a retry, a second beat or a re-run finds the row and sends
    nothing twice.
    """

    class Kind(models.TextChoices):
        ALERT = "alert", _("Alert")
        FOLLOW_UP = "follow_up", _("Follow-up")
        DIGEST = "digest", _("Weekly digest")
        LOG_REMINDER = "log_reminder", _("Log reminder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="outbox_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"

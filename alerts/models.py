"""Alerts raised by the pattern job."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Most serious first; ``rank`` orders them."""

    URGENT = "urgent", _("Get help now")
    SEE_DOCTOR = "see_doctor", _("See a doctor")
    WATCH = "watch", _("Worth watching")


LEVEL_RANK = {Level.URGENT: 0, Level.SEE_DOCTOR: 1, Level.WATCH: 2}
# Levels worth an email of their own; `watch` alerts wait for the weekly digest.
EMAILED_LEVELS = frozenset({Level.URGENT, Level.SEE_DOCTOR})


class Alert(models.Model):
    """One finding of one rule, raised once per identity.

    ``identity`` is the rule's "once per" column made concrete: ``episode:<id>`` for
    per-episode rules, ``<scope>#<n>`` for the 30-day rules (``n`` counts the earlier
    alerts of that rule and scope), so two concurrent evaluations that both decide to
    raise the same alert collide on the unique constraint instead of creating twins.
    Title and message are rendered from ``context`` in the reader's language.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    rule = models.CharField(max_length=48)
    level = models.CharField(max_length=10, choices=Level.choices)
    identity = models.CharField(max_length=64)
    context = models.JSONField(default=dict, blank=True)
    episodes = models.ManyToManyField("symptoms.Episode", related_name="alerts", blank=True)
    workouts = models.ManyToManyField("tracker.Workout", related_name="alerts", blank=True)
    created_at = models.DateTimeField(db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # The person answered "I'm fine now" to an urgent alert (its episode had passed),
    # rather than just marking it read: the answer is kept, the doctor's report shows it.
    acknowledged_fine = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "rule", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "rule", "identity"], name="alert_once_per_identity"
            ),
            models.UniqueConstraint(fields=["user", "uuid"], name="alert_uuid_unique_per_user"),
            models.CheckConstraint(
                condition=models.Q(level__in=Level.values), name="alert_level_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.identity})"

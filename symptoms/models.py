"""Episodes of numbness, tingling, burning or pain: the symptom journal."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from common import bounds
from symptoms.definitions import is_paresthesia, whole_minutes
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side


@deconstructible
class ChoiceListValidator:
    """A JSON list of distinct values from a vocabulary; ``required`` means non-empty."""

    def __init__(self, allowed: list[str], *, required: bool) -> None:
        self.allowed = sorted(allowed)
        self.required = required

    def __call__(self, value: object) -> None:
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list."))
        if self.required and not value:
            raise ValidationError(_("Choose at least one."))
        unknown = [v for v in value if v not in self.allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(values)s."), params={"values": ", ".join(map(str, unknown))}
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("A value is listed twice."))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and (self.allowed, self.required) == (
            other.allowed,
            other.required,
        )


validate_sensations = ChoiceListValidator(Sensation.values, required=True)
validate_locations = ChoiceListValidator(Location.values, required=True)
validate_accompanying = ChoiceListValidator(Accompanying.values, required=False)
validate_relief_actions = ChoiceListValidator(ReliefAction.values, required=False)

ONE_ONGOING = _(
    "Another episode of yours is still going on. End it, or add to it, instead of starting "
    "a second one; or give this one an end time."
)


class Episode(models.Model):
    """One episode; ``ended_at`` is null while it is ongoing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="episodes"
    )
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    workout = models.ForeignKey(
        "tracker.Workout", null=True, blank=True, on_delete=models.SET_NULL, related_name="episodes"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    sensations = models.JSONField(validators=[validate_sensations])
    locations = models.JSONField(validators=[validate_locations])
    side = models.CharField(max_length=5, choices=Side.choices, default=Side.BOTH)
    severity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
        help_text=_("0 (none) to 10 (worst imaginable)."),
    )
    accompanying = models.JSONField(default=list, blank=True, validators=[validate_accompanying])
    relief_actions = models.JSONField(
        default=list, blank=True, validators=[validate_relief_actions]
    )
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "started_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "uuid"], name="episode_uuid_unique_per_user"),
            # One ongoing episode per person (alert-rules.md), whatever races the writes
            # run; its partial unique index also serves "the user's ongoing episode".
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_at__isnull=True),
                name="episode_one_ongoing_per_user",
                violation_error_message=ONE_ONGOING,
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="episode_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(severity__isnull=True) | models.Q(severity__lte=10),
                name="episode_severity_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values), name="episode_side_known"
            ),
        ]

    def __str__(self) -> str:
        return f"episode at {self.started_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        try:
            bounds.check_recorded(started_at=self.started_at, ended_at=self.ended_at)
        except ValidationError as error:
            errors: dict[str, Any] = dict(error.message_dict)
        else:
            errors = {}
        if (
            self.ended_at is not None
            and self.started_at is not None
            and self.ended_at < self.started_at
        ):
            errors["ended_at"] = _("An episode cannot end before it started.")
        if (
            self.workout_id is not None
            and self.workout is not None
            and self.workout.user_id != self.user_id
        ):
            errors["workout"] = _("Choose one of your own workouts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_ongoing(self) -> bool:
        return self.ended_at is None

    @property
    def is_paresthesia(self) -> bool:
        return is_paresthesia(self.sensations)

    @property
    def duration_minutes(self) -> int | None:
        """Whole minutes, or None while ongoing."""
        return whole_minutes(started_at=self.started_at, ended_at=self.ended_at)

    def duration(self, now: datetime | None = None) -> timedelta:
        """How long it lasted; an ongoing episode's duration grows with the clock."""
        end = self.ended_at or now or timezone.now()
        return end - self.started_at

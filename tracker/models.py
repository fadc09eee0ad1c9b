"""What the person did: workouts and body weight."""

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import bounds


class Activity(models.TextChoices):
    RUNNING = "running", _("Running")
    WALKING = "walking", _("Walking")
    CYCLING = "cycling", _("Cycling")
    WEIGHTLIFTING = "weightlifting", _("Weightlifting")
    YOGA = "yoga", _("Yoga")
    STEPPER = "stepper", _("Stepper")
    ELLIPTICAL = "elliptical", _("Elliptical")
    SWIMMING = "swimming", _("Swimming")
    HIIT = "hiit", _("HIIT")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    """Where a workout came from: typed in by hand, or imported from a device's file."""

    MANUAL = "manual", _("Logged by hand")
    FIT = "fit", _("FIT file")
    TCX = "tcx", _("TCX file")
    GPX = "gpx", _("GPX file")
    APPLE_HEALTH = "apple_health", _("Apple Health")
    STRAVA = "strava", _("Strava")


class ExposureTag(models.TextChoices):
    """Optional things about a session that may bring the symptoms on or ease them: what
    a "try one fix" experiment changes."""

    SHOES_OR_LACING = "shoes_or_lacing", _("Shoe or lacing change")
    FOOT_POSITION = "foot_position", _("Foot position on the stepper")
    COMPRESSION = "compression", _("Compression or tight clothing")
    HELD_POSE = "held_pose", _("Held yoga pose")
    HEAVY_LOAD = "heavy_load", _("Heavy load")


def validate_exposure_tags(value: object) -> None:
    """A JSON list of distinct ``ExposureTag`` values (empty: none)."""
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list."))
    unknown = [v for v in value if v not in ExposureTag.values]
    if unknown:
        raise ValidationError(
            _("Unknown value(s): %(values)s."), params={"values": ", ".join(map(str, unknown))}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A value is listed twice."))


class JsonListOf(models.Func):
    """A check-constraint condition: the JSON column holds a list (SQLite, PostgreSQL) of
    values from ``allowed`` only (PostgreSQL; SQLite forbids the subquery it would need,
    so there the model's validator is the only check of the values)."""

    output_field = models.BooleanField()
    template = "json_type(%(expressions)s) = 'array'"

    def __init__(self, expression: Any, *, allowed: list[str]) -> None:
        self.allowed = sorted(allowed)
        super().__init__(expression)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = self.source_expressions[0].as_sql(compiler, connection)
        return (
            f"(jsonb_typeof({sql}) = 'array' AND {sql} <@ %s::jsonb)",
            (*params, *params, json.dumps(self.allowed)),
        )


class Workout(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workouts"
    )
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    activity = models.CharField(max_length=16, choices=Activity.choices)
    started_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    intensity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Rate of perceived exertion, 1 to 10."),
    )
    tight_clothing = models.BooleanField(default=False)
    exposure_tags = models.JSONField(default=list, blank=True, validators=[validate_exposure_tags])
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    # Set when the person answered "no symptoms" for this workout (log reminder email).
    symptom_free_at = models.DateTimeField(null=True, blank=True)
    # Imported workouts: where from, the id there (or a content hash), and the measures.
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    source_id = models.CharField(max_length=128, blank=True)
    original_activity = models.CharField(max_length=64, blank=True)
    # Minutes east of UTC of the device's clock at the start (+420 for UTC+7), when known.
    utc_offset_minutes = models.SmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(-16 * 60), MaxValueValidator(16 * 60)]
    )
    distance_m = models.PositiveIntegerField(null=True, blank=True)
    avg_heart_rate = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(20), MaxValueValidator(260)]
    )
    max_heart_rate = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(20), MaxValueValidator(260)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "started_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "uuid"], name="workout_uuid_unique_per_user"),
            # A re-import adds nothing, even when two imports of one file race.
            models.UniqueConstraint(
                fields=["user", "source", "source_id"],
                condition=~models.Q(source="manual"),
                name="workout_imported_once_per_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(source="manual") | ~models.Q(source_id=""),
                name="workout_imported_has_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=1440),
                name="workout_duration_1_to_1440",
            ),
            models.CheckConstraint(
                condition=models.Q(intensity__isnull=True)
                | models.Q(intensity__gte=1, intensity__lte=10),
                name="workout_intensity_1_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(activity__in=Activity.values), name="workout_activity_known"
            ),
            models.CheckConstraint(
                condition=JsonListOf("exposure_tags", allowed=ExposureTag.values),
                name="workout_exposure_tags_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} at {self.started_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        bounds.check_recorded(started_at=self.started_at, symptom_free_at=self.symptom_free_at)

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.duration_minutes)


class BodyWeight(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_weights"
    )
    measured_on = models.DateField()
    weight_kg = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(20), MaxValueValidator(400)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["user", "measured_on"], name="body_weight_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(weight_kg__gte=20, weight_kg__lte=400),
                name="body_weight_20_to_400_kg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weight_kg} kg on {self.measured_on}"

    def clean(self) -> None:
        bounds.check_recorded(measured_on=self.measured_on)

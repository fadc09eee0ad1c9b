"""Parsing and rendering for the workout and body-weight API.

Serializers only parse types and render; the rules (ranges, one weight a day, strong
passwords) live in the models and services, which answer 400 through
``common.api.exception_handler``.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import StrictCharField, StrictUUIDField, ZonedModelSerializer
from tracker.models import BodyWeight, ExposureTag, Workout

User = get_user_model()


CLIENT_UUID_HELP = (
    "Optional, on create only: your own id for this entry (a UUID). Sending the same entry "
    "again with the same uuid (an offline entry replayed) answers 200 with the stored one "
    "instead of creating a second."
)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string", "enum": list(ExposureTag.values)},
        "uniqueItems": True,
    }
)
class ExposureTagsField(serializers.ListField):
    """The workout's exposure tags; the model validates the values."""

    child = StrictCharField()


class WorkoutSerializer(ZonedModelSerializer):
    exposure_tags = ExposureTagsField(
        required=False,
        help_text="Optional: what was different this session (shoes_or_lacing, "
        "foot_position, compression, held_pose, heavy_load); added field, default [].",
    )
    uuid = StrictUUIDField(required=False, write_only=True, help_text=CLIENT_UUID_HELP)

    class Meta:
        model = Workout
        fields = [
            "id",
            "activity",
            "started_at",
            "duration_minutes",
            "intensity",
            "tight_clothing",
            "exposure_tags",
            "notes",
            "created_at",
            "uuid",
        ]
        read_only_fields = ["id", "created_at"]


class BodyWeightSerializer(ZonedModelSerializer):
    # A JSON number (72.5), not DRF's default string; a string is accepted on input too.
    weight_kg = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        min_value=Decimal(20),
        max_value=Decimal(400),
    )

    class Meta:
        model = BodyWeight
        fields = ["id", "measured_on", "weight_kg", "created_at"]
        read_only_fields = ["id", "created_at"]

"""Parsing and rendering for the accounts, workout and body-weight API.

Serializers only parse types and render; the rules (ranges, one weight a day, strong
passwords, known time zones) live in the models and services, which answer 400 through
``config.api.exception_handler``.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from config.api import StrictCharField, ZonedModelSerializer
from tracker.models import BodyWeight, Language, Profile, Workout

User = get_user_model()


class RegisterSerializer(serializers.Serializer):
    username = StrictCharField(max_length=150)
    email = serializers.EmailField()
    password = StrictCharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    timezone = StrictCharField(
        max_length=64, required=False, help_text=_("IANA time zone name, e.g. Asia/Jakarta.")
    )


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ProfileSerializer(ZonedModelSerializer):
    """The account as ``/me/`` shows it: the user's name and email with the profile."""

    id = serializers.IntegerField(source="user.id", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    email = serializers.EmailField(source="user.email", required=False, allow_blank=True)

    class Meta:
        model = Profile
        fields = [
            "id",
            "username",
            "email",
            "timezone",
            "language",
            "email_alerts",
            "weekly_digest",
            "log_reminders",
            "birth_year",
            "sex",
        ]
        extra_kwargs = {"timezone": {"help_text": _("IANA time zone name, e.g. Asia/Jakarta.")}}


class PasswordSerializer(serializers.Serializer):
    password = StrictCharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )


class WorkoutSerializer(ZonedModelSerializer):
    class Meta:
        model = Workout
        fields = [
            "id",
            "activity",
            "started_at",
            "duration_minutes",
            "intensity",
            "tight_clothing",
            "notes",
            "created_at",
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

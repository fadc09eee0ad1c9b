"""Parsing and rendering for the accounts API (register, token, me).

Serializers only parse types and render; the rules (strong passwords, known time zones)
live in the models and services, which answer 400 through ``common.api.exception_handler``.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Language, Profile
from common.api import StrictCharField, ZonedModelSerializer

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

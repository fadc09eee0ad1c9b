"""Who the person is: their profile (language, zone, email switches) beside Django's user."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    INDONESIAN = "id", "Bahasa Indonesia"


class WeightUnit(models.TextChoices):
    """How body weight is typed and shown; it is stored in kilograms."""

    KILOGRAMS = "kg", _("Kilograms (kg)")
    POUNDS = "lb", _("Pounds (lb)")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone name."), params={"value": value}
        )


class Profile(models.Model):
    """One per user: preferences, and the marker the pattern sweep uses.

    ``evaluation_requested_at`` is set by every write of the user's data and cleared
    by an evaluation that started after it, so a write made while the broker was
    down is still evaluated by the next sweep.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    email_alerts = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    log_reminders = models.BooleanField(default=False)
    # A daily "how were your legs today?" email at this local time; None: no daily email.
    reminder_time = models.TimeField(null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    weight_unit = models.CharField(
        max_length=2, choices=WeightUnit.choices, default=WeightUnit.KILOGRAMS
    )
    evaluation_requested_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Born in the tracker app; the table kept its name when the model moved here.
        db_table = "tracker_profile"

    def __str__(self) -> str:
        return f"profile of {self.user_id}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

"""Web forms for sign-up, settings and account deletion: they parse input, the services decide."""

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Sex
from common.forms import WebForm


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Every IANA zone, grouped by region as people look for them ("Asia/Jakarta")."""
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")
    return [(zone, zone.replace("_", " ")) for zone in zones]


class SignupForm(WebForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("For password resets and, if you want them, alerts."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters, not a common password and not only digits."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        help_text=_("Your days and weeks are counted in this zone."),
        widget=forms.Select(attrs={"data-detect-timezone": ""}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class ProfileForm(WebForm):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        help_text=_("Times are shown, and days and weeks counted, in this zone."),
    )
    email_alerts = forms.BooleanField(label=_("Email me when an alert is raised"), required=False)
    weekly_digest = forms.BooleanField(label=_("Send me a weekly summary"), required=False)
    log_reminders = forms.BooleanField(
        label=_("Remind me to note any symptoms after a workout"), required=False
    )
    reminder_time = forms.TimeField(
        label=_("Remind me every day at (optional)"),
        help_text=_("An email at this time, in your time zone. Leave it empty for none."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth (optional)"),
        required=False,
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex (optional)"), required=False, choices=[("", "—"), *Sex.choices]
    )


class AccountDeleteForm(WebForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

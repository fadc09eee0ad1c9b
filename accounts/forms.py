"""Web forms for sign-up, settings and account deletion: they parse input, the services decide."""

import zoneinfo
from functools import cache
from importlib import resources
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Sex, WeightUnit
from common.forms import ChipRadioSelect, WebForm


@cache
def current_zones() -> tuple[str, ...]:
    """The zones in use today (IANA ``zone.tab``, one line per country and region), without
    the old aliases ("US/Eastern", "Asia/Calcutta") of ``available_timezones``."""
    table = (resources.files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    zones = {
        line.split("\t")[2]
        for line in table.splitlines()
        if line and not line.startswith("#") and len(line.split("\t")) > 2
    }
    return tuple(sorted(zone for zone in zones if zone in zoneinfo.available_timezones()))


def timezone_choices(current: str = "") -> list[tuple[str, Any]]:
    """The current zones grouped by region ("Asia": "Jakarta"), UTC first; a zone the
    person already has but that is no longer current stays choosable. The page's script
    puts the browser's own zone at the top."""
    zones = list(current_zones())
    if current and current not in zones and current != "UTC":
        zones.append(current)
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone in sorted(zones):
        region, _sep, place = zone.partition("/")
        groups.setdefault(region, []).append((zone, place.replace("_", " ").replace("/", " / ")))
    return [("UTC", "UTC"), *((region, places) for region, places in groups.items())]


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
        widget=forms.Select(
            attrs={
                "data-detect-timezone": "",
                "data-zone-list": "",
                "data-text-device": _("Your device's zone"),
            }
        ),
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
        widget=forms.Select(
            attrs={"data-zone-list": "", "data-text-device": _("Your device's zone")}
        ),
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
    weight_unit = forms.ChoiceField(
        label=_("Body weight in"),
        required=False,
        choices=WeightUnit.choices,
        widget=ChipRadioSelect,
    )

    def __init__(self, *args: Any, current_timezone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["timezone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = timezone_choices(current_timezone)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("weight_unit"):
            cleaned.pop("weight_unit", None)  # not sent: the unit stays as it is
        return cleaned


class ReminderForm(WebForm):
    """The last first-run screen: which reminders to get."""

    log_reminders = forms.BooleanField(
        label=_("Remind me to note any symptoms after a workout"), required=False
    )
    weekly_digest = forms.BooleanField(label=_("Send me a weekly summary"), required=False)


class AccountDeleteForm(WebForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

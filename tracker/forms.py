"""Web forms for accounts, settings and workouts: they parse input, the services decide.

Each form only turns text into typed values; every rule (a taken username, a weak
password, a duration out of range) is checked by the service, whose
``ValidationError`` is put back on the form by ``add_service_errors``.
"""

import zoneinfo
from datetime import date
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config import bounds
from tracker.models import Activity, Language, Sex


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Every IANA zone, grouped by region as people look for them ("Asia/Jakarta")."""
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")
    return [(zone, zone.replace("_", " ")) for zone in zones]


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is read in the person's own zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ChipRadioSelect(forms.RadioSelect):
    """Radio buttons drawn as large tappable chips."""

    template_name = "tracker/widgets/chips.html"
    option_template_name = "tracker/widgets/chip_option.html"


class ChipCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as large tappable chips; values in ``emphasised`` stand out."""

    template_name = "tracker/widgets/chips.html"
    option_template_name = "tracker/widgets/chip_option.html"

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, emphasised: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attrs=attrs)
        self.emphasised = emphasised

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["emphasised"] = option["value"] in self.emphasised
        return option


class BodyMapSelectMultiple(ChipCheckboxSelectMultiple):
    """Location chips in rows from the lower back down to the toes (grouped choices)."""

    template_name = "tracker/widgets/body_map.html"


class WebForm(forms.Form):
    """Labels without the trailing colon (the label sits above its field)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# --- Accounts -----------------------------------------------------------------------


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


# --- Workouts ---------------------------------------------------------------------------


class WorkoutForm(WebForm):
    activity = forms.ChoiceField(
        label=_("Activity"), choices=Activity.choices, widget=ChipRadioSelect
    )
    started_at = forms.DateTimeField(
        label=_("Started at"), widget=DateTimeLocalInput, help_text=_("In your time zone.")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 1440}),
    )
    intensity = forms.TypedChoiceField(
        label=_("Intensity (optional)"),
        help_text=_("How hard it felt: 1 very light, 10 maximal effort."),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, str(n)) for n in range(1, 11)],
        widget=ChipRadioSelect(attrs={"class": "chips-scale"}),
    )
    tight_clothing = forms.BooleanField(
        label=_("I wore tight clothing (leggings, compression wear, a tight belt)"),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for_new(cls, *, now: Any) -> dict[str, Any]:
        return {"started_at": timezone.localtime(now).replace(second=0, microsecond=0)}


class HistoryFilterForm(WebForm):
    """Date range and activity filters of the history lists; every field optional."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        validators=[bounds.validate_filter_day],
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput, validators=[bounds.validate_filter_day]
    )
    activity = forms.ChoiceField(
        label=_("Activity"), required=False, choices=[("", _("All")), *Activity.choices]
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: date | None = cleaned.get("date_from")
        end: date | None = cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


# --- Body weight ------------------------------------------------------------------------


class BodyWeightForm(WebForm):
    measured_on = forms.DateField(label=_("Day"), widget=DateInput)
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

"""Web forms for workouts, body weights and history filters; they parse, the services decide."""

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import bounds
from common.forms import ChipRadioSelect, DateInput, DateTimeLocalInput, WebForm
from tracker.models import Activity


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


def filter_by_date_and_activity(
    items: QuerySet[Any], form: HistoryFilterForm, *, activity_field: str = "activity"
) -> QuerySet[Any]:
    """Narrow a history list to the filter form's dates (person's zone) and activity."""
    if not form.is_valid():
        return items
    data = form.cleaned_data
    if data.get("date_from"):
        items = items.filter(started_at__date__gte=data["date_from"])
    if data.get("date_to"):
        items = items.filter(started_at__date__lte=data["date_to"])
    if data.get("activity"):
        items = items.filter(**{activity_field: data["activity"]})
    return items

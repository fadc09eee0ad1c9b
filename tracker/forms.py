"""Web forms for workouts, body weights and history filters; they parse, the services decide."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import WeightUnit
from common import bounds
from common.forms import (
    ChipCheckboxSelectMultiple,
    ChipRadioSelect,
    DateInput,
    DateTimeLocalInput,
    WebForm,
)
from tracker.models import Activity, ExposureTag

QUICK_DURATIONS = (15, 30, 45, 60, 90)
JUST_FINISHED = "finished"
STARTING_NOW = "now"


class WorkoutForm(WebForm):
    """A workout in three or four taps: activity, a duration chip, "just finished" or
    "starting now"; the exact start and any other duration stay editable."""

    activity = forms.ChoiceField(
        label=_("Activity"), choices=Activity.choices, widget=ChipRadioSelect
    )
    duration_quick = forms.TypedChoiceField(
        label=_("How long?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, _("%(minutes)d min") % {"minutes": n}) for n in QUICK_DURATIONS],
        widget=ChipRadioSelect,
    )
    when = forms.ChoiceField(
        label=_("When?"),
        required=False,
        choices=[(JUST_FINISHED, _("Just finished")), (STARTING_NOW, _("Starting now"))],
        widget=ChipRadioSelect,
    )
    started_at = forms.DateTimeField(
        label=_("Started at"),
        required=False,
        widget=DateTimeLocalInput,
        help_text=_("In your time zone."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        required=False,
        help_text=_("For another duration than the chips above."),
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
    exposure_tags = forms.MultipleChoiceField(
        label=_("Anything different this time? (optional)"),
        help_text=_("Tag what you changed or did, to compare sessions later."),
        required=False,
        choices=ExposureTag.choices,
        widget=ChipCheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    common_fields = ("activity", "duration_quick", "when")
    exact_fields = ("started_at", "duration_minutes")
    more_fields = ("intensity", "tight_clothing", "exposure_tags", "notes")

    def __init__(self, *args: Any, now: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    @classmethod
    def initial_for_new(cls, *, now: Any) -> dict[str, Any]:
        return {"started_at": timezone.localtime(now).replace(second=0, microsecond=0)}

    def group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def common(self) -> list[forms.BoundField]:
        return self.group(self.common_fields)

    def exact(self) -> list[forms.BoundField]:
        return self.group(self.exact_fields)

    def more(self) -> list[forms.BoundField]:
        return self.group(self.more_fields)

    def exact_has_errors(self) -> bool:
        return any(self[name].errors for name in self.exact_fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        quick = cleaned.pop("duration_quick", None)
        when = cleaned.pop("when", "")
        if cleaned.get("duration_minutes") is None:
            cleaned["duration_minutes"] = quick
        if cleaned["duration_minutes"] is None and "duration_minutes" not in self.errors:
            self.add_error("duration_minutes", _("Say how long it lasted."))
            return cleaned
        now = self.now.replace(second=0, microsecond=0)
        if when == JUST_FINISHED and cleaned.get("duration_minutes"):
            cleaned["started_at"] = now - timedelta(minutes=cleaned["duration_minutes"])
        elif when == STARTING_NOW:
            cleaned["started_at"] = now
        if cleaned.get("started_at") is None and "started_at" not in self.errors:
            self.add_error("started_at", _("Say when it started."))
        return cleaned


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


KG_PER_LB = Decimal("0.45359237")
TENTH = Decimal("0.1")


def kg_to_unit(weight_kg: Decimal, unit: str) -> Decimal:
    """A stored weight (kg) in the person's unit, to one decimal."""
    if unit == WeightUnit.POUNDS:
        return (Decimal(weight_kg) / KG_PER_LB).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Decimal(weight_kg).quantize(TENTH)


class BodyWeightForm(WebForm):
    """A weight typed in kilograms or pounds (the profile's unit), stored in kg. The
    field keeps the name ``weight_kg``; its cleaned value is always kilograms."""

    measured_on = forms.DateField(label=_("Day"), widget=DateInput)
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        max_digits=5,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, unit: str = WeightUnit.KILOGRAMS, **kwargs: Any) -> None:
        initial = kwargs.get("initial")
        if initial and initial.get("weight_kg") is not None:
            kwargs["initial"] = {**initial, "weight_kg": kg_to_unit(initial["weight_kg"], unit)}
        super().__init__(*args, **kwargs)
        self.unit = unit
        if unit == WeightUnit.POUNDS:
            self.fields["weight_kg"].label = _("Weight (lb)")

    def clean_weight_kg(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("weight_kg")
        if value is None or self.unit != WeightUnit.POUNDS:
            return value
        return (value * KG_PER_LB).quantize(TENTH, rounding=ROUND_HALF_UP)


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

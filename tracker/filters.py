"""List filters for workouts and body weights (django-filter); a bad value answers 400."""

import django_filters

from common.api import DayRangeFilterSet
from tracker.models import Activity, BodyWeight, Workout


class WorkoutFilter(DayRangeFilterSet):
    """``?activity=``, ``?from=`` and ``?to=`` (days of ``started_at`` in the user's zone)."""

    range_field = "started_at"
    activity = django_filters.ChoiceFilter(choices=Activity.choices)

    class Meta:
        model = Workout
        fields = ["activity"]


class BodyWeightFilter(DayRangeFilterSet):
    """``?from=`` and ``?to=`` on ``measured_on``, both days included."""

    range_field = "measured_on"

    class Meta:
        model = BodyWeight
        fields: list[str] = []

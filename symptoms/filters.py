"""List filters for episodes (django-filter); a bad value answers 400."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.api import DayRangeFilterSet
from symptoms.models import Episode


class EpisodeFilter(DayRangeFilterSet):
    """``?from=``, ``?to=`` (days of ``started_at`` in the user's zone), ``?ongoing=true|false``."""

    range_field = "started_at"
    # A choice, not a BooleanFilter: "ongoing=maybe" must answer 400, not be ignored.
    ongoing = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_ongoing",
        label=_("true: only episodes not yet ended; false: only ended ones"),
    )

    class Meta:
        model = Episode
        fields: list[str] = []

    def filter_ongoing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(ended_at__isnull=value == "true")

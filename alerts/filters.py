"""List filters for alerts (django-filter); an unknown value answers 400."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alerts.models import Alert, Level
from alerts.rules import rule_codes


class AlertFilter(django_filters.FilterSet):  # type: ignore[misc]
    """``?level=``, ``?rule=`` (a rule code) and ``?acknowledged=true|false``."""

    level = django_filters.ChoiceFilter(choices=Level.choices)
    rule = django_filters.ChoiceFilter(choices=[(code, code) for code in rule_codes()])
    # A choice, not a BooleanFilter: "acknowledged=maybe" must answer 400, not be ignored.
    acknowledged = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_acknowledged",
        label=_("true: only acknowledged alerts; false: only those not yet acknowledged"),
    )

    class Meta:
        model = Alert
        fields = ["level", "rule"]

    def filter_acknowledged(
        self, queryset: QuerySet[Alert], name: str, value: str
    ) -> QuerySet[Alert]:
        return queryset.filter(acknowledged_at__isnull=value == "false")

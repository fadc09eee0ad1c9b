"""List filters for alerts (django-filter); an unknown value answers 400."""

import django_filters

from alerts.models import Alert, Level
from alerts.rules import rule_codes


class AlertFilter(django_filters.FilterSet):  # type: ignore[misc]
    """``?level=``, ``?rule=`` (a rule code) and ``?acknowledged=true|false``."""

    level = django_filters.ChoiceFilter(choices=Level.choices)
    rule = django_filters.ChoiceFilter(choices=[(code, code) for code in rule_codes()])
    acknowledged = django_filters.BooleanFilter(
        field_name="acknowledged_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Alert
        fields = ["level", "rule", "acknowledged"]

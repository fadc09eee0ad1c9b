"""Template context every page needs: open urgent alerts (a banner) and the emergency number."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from alerts.messages import alert_title
from alerts.models import Alert
from alerts.selectors import urgent_alert_list_open


def urgent_alerts(request: HttpRequest) -> dict[str, Any]:
    """``emergency_number`` always; ``urgent_alerts`` (unacknowledged, titled) when signed in."""
    context: dict[str, Any] = {"emergency_number": settings.EMERGENCY_NUMBER}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        alerts: list[Alert] = list(urgent_alert_list_open(user=user))
        for alert in alerts:
            alert.title = alert_title(alert)  # type: ignore[attr-defined]
        context["urgent_alerts"] = alerts
    return context

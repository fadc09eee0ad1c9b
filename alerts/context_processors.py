"""Template context every page needs: open urgent alerts (a banner) and the emergency number."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from alerts.messages import alert_title
from alerts.models import Alert, Level
from alerts.selectors import alert_list


def urgent_alerts(request: HttpRequest) -> dict[str, Any]:
    """``emergency_number`` always; ``urgent_alerts`` (unacknowledged, titled) when signed in."""
    context: dict[str, Any] = {"emergency_number": settings.EMERGENCY_NUMBER}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        alerts: list[Alert] = list(
            alert_list(user=user)
            .filter(level=Level.URGENT, acknowledged_at__isnull=True)
            .prefetch_related(None)
        )
        for alert in alerts:
            alert.title = alert_title(alert)  # type: ignore[attr-defined]
        context["urgent_alerts"] = alerts
    return context

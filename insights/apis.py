"""``GET /api/v1/insights/``: the signed-in person's insights per activity."""

from dataclasses import asdict
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import UserPreferencesMixin
from insights.presenters import InsightRow, insight_rows
from insights.selectors import insights_get
from insights.serializers import InsightsSerializer
from insights.stats import Effect, Interval


def _interval(interval: Interval | None) -> dict[str, Any] | None:
    return asdict(interval) if interval is not None else None


def _effect(effect: Effect | None) -> dict[str, Any] | None:
    return asdict(effect) if effect is not None else None


def insight_data(row: InsightRow) -> dict[str, Any]:
    """One activity's insight as the API (and the JSON export) gives it."""
    item = row.insight
    km = item.time_to_onset
    return {
        "activity": row.activity,
        "activity_label": row.label,
        "rate": {
            "sessions_with_episode": item.rate.with_episode,
            "sessions_known": item.rate.known,
            "sessions_no_answer": item.rate.no_answer,
            "rate": item.rate.rate,
            "interval": _interval(item.rate.interval),
            "text": row.rate,
        },
        "onset": {
            "episodes": item.onset.count,
            "during": item.onset.during,
            "after": item.onset.after,
            "median_minutes": item.onset.median_minutes,
            "interval": _interval(item.onset.interval),
            "text": row.onset,
        },
        "time_to_onset": {
            "sessions": km.sessions,
            "onsets": km.events,
            "enough_data": km.enough,
            "median_reached": km.reached,
            "median_minutes": km.median_minutes,
            "interval": _interval(km.interval),
            "text": row.time_to_onset,
        },
        "dose_response": {
            "sessions": item.dose.sessions,
            "estimable": item.dose.estimable,
            "reason": item.dose.reason.value if item.dose.reason else None,
            "per_10_minutes": _effect(item.dose.duration),
            "per_intensity_point": _effect(item.dose.intensity),
            "text": row.dose,
        },
    }


class InsightsApi(UserPreferencesMixin, APIView):
    """Rates per activity with Wilson 95% intervals, onset, time to onset and
    dose-response; figures are null with a text saying so when there is not enough data."""

    @extend_schema(tags=["insights"], responses=InsightsSerializer)
    def get(self, request: Request) -> Response:
        rows = insight_rows(insights_get(user=request.user, now=timezone.now()))
        data = {"activities": [insight_data(row) for row in rows]}
        return Response(InsightsSerializer(data).data)

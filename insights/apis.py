"""``GET /api/v1/insights/``: the signed-in person's insights per activity."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import UserPreferencesMixin
from insights.presenters import (
    experiment_data,
    experiment_rows,
    insight_data,
    insight_rows,
    mnsi_caveat,
    mnsi_score_text,
    mnsi_trend_text,
)
from insights.selectors import experiment_comparisons, insights_get, mnsi_list
from insights.serializers import InsightsSerializer


class InsightsApi(UserPreferencesMixin, APIView):
    """Rates per activity with Wilson 95% intervals, onset, time to onset and
    dose-response; figures are null with a text saying so when there is not enough data.
    Also the "try one fix" experiments (compared only after their planned sessions) and
    the MNSI questionnaire scores."""

    @extend_schema(tags=["insights"], responses=InsightsSerializer)
    def get(self, request: Request) -> Response:
        now = timezone.now()
        rows = insight_rows(insights_get(user=request.user, now=now))
        experiments = experiment_rows(experiment_comparisons(user=request.user, now=now))
        responses = list(mnsi_list(user=request.user))[::-1]
        data = {
            "activities": [insight_data(row) for row in rows],
            "experiments": [experiment_data(row) for row in experiments],
            "mnsi": {
                "responses": [
                    {
                        "answered_at": r.answered_at,
                        "score": r.score,
                        "text": mnsi_score_text(r.score),
                    }
                    for r in responses
                ],
                "trend": mnsi_trend_text([r.score for r in responses]),
                "caveat": mnsi_caveat(),
            },
        }
        return Response(InsightsSerializer(data).data)

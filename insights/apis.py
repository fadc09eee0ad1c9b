"""``GET /api/v1/insights/``: the signed-in person's insights per activity."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import UserPreferencesMixin
from insights.presenters import insight_data, insight_rows
from insights.selectors import insights_get
from insights.serializers import InsightsSerializer


class InsightsApi(UserPreferencesMixin, APIView):
    """Rates per activity with Wilson 95% intervals, onset, time to onset and
    dose-response; figures are null with a text saying so when there is not enough data."""

    @extend_schema(tags=["insights"], responses=InsightsSerializer)
    def get(self, request: Request) -> Response:
        rows = insight_rows(insights_get(user=request.user, now=timezone.now()))
        data = {"activities": [insight_data(row) for row in rows]}
        return Response(InsightsSerializer(data).data)

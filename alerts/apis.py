"""The v1 API for alerts: list, retrieve, acknowledge. Alerts are raised only by the
pattern job, so the API never creates, changes or deletes one."""

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from alerts import selectors, services
from alerts.filters import AlertFilter
from alerts.models import Alert
from alerts.serializers import AlertSerializer
from common.api import UserPreferencesMixin


@extend_schema_view(
    list=extend_schema(
        description=(
            "Newest first. Filters: `level` (`urgent`, `see_doctor`, `watch`), `rule` (a rule "
            "code) and `acknowledged` (`true` or `false`). Title, message and advice are in "
            "your profile's language."
        )
    ),
)
@extend_schema(tags=["alerts"])
class AlertViewSet(
    UserPreferencesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Alert],
):
    """The signed-in user's alerts; another user's alert answers 404."""

    serializer_class = AlertSerializer
    filterset_class = AlertFilter
    queryset = Alert.objects.none()  # the schema's model; requests use the selector

    def get_queryset(self) -> QuerySet[Alert]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return self.queryset
        return selectors.alert_list(user=self.request.user)

    @extend_schema(
        operation_id="alerts_acknowledge", request=None, responses={200: AlertSerializer}
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """Mark the alert as read; acknowledging again keeps the first time."""
        alert = services.alert_acknowledge(alert=self.get_object(), now=timezone.now())
        return Response(self.get_serializer(alert).data)

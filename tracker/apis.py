"""The v1 API for workouts and body weights.

Each operation parses its input, calls one service, and renders the result. Objects
are looked up through the selectors, which are scoped to the signed-in user, so another
user's id answers 404 exactly like one that does not exist.
"""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from common.viewsets import OwnedObjectViewSet
from tracker import selectors, services
from tracker.filters import BodyWeightFilter, WorkoutFilter
from tracker.models import BodyWeight, Workout
from tracker.serializers import (
    BodyWeightSerializer,
    WorkoutSerializer,
)


@extend_schema_view(
    create=extend_schema(
        description=(
            "201 with the new workout; 200 with the stored one when the same `uuid` was "
            "sent before (an offline entry replayed)."
        ),
        responses={201: WorkoutSerializer, 200: WorkoutSerializer},
    ),
    list=extend_schema(
        description="Newest first. `from` and `to` are days in your own time zone, both included."
    ),
)
@extend_schema(tags=["workouts"])
class WorkoutViewSet(OwnedObjectViewSet):
    """The signed-in user's workouts; writes queue a pattern evaluation."""

    selector = staticmethod(selectors.workout_list)
    serializer_class = WorkoutSerializer
    filterset_class = WorkoutFilter
    queryset = Workout.objects.none()  # the schema's model; requests use the selector

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        client_uuid = serializer.validated_data.get("uuid")
        if client_uuid is not None:
            stored = selectors.workout_by_uuid(user=request.user, uuid=client_uuid)
            if stored is not None:  # a replay: the entry is already stored
                return Response(self.get_serializer(stored).data, status=status.HTTP_200_OK)
        workout = self.perform_create(dict(serializer.validated_data))
        return Response(self.get_serializer(workout).data, status=status.HTTP_201_CREATED)

    def perform_create(self, data: dict[str, Any]) -> Workout:
        return services.workout_create(user=self.request.user, **data)

    def perform_update(self, instance: Workout, data: dict[str, Any]) -> Workout:
        return services.workout_update(workout=instance, data=data)

    def perform_destroy(self, instance: Workout) -> None:
        services.workout_delete(workout=instance)


@extend_schema_view(
    list=extend_schema(description="Newest first. `from` and `to` are days, both included.")
)
@extend_schema(tags=["body weights"])
class BodyWeightViewSet(OwnedObjectViewSet):
    """The signed-in user's body weights, one a day; writes queue a pattern evaluation."""

    selector = staticmethod(selectors.body_weight_list)
    serializer_class = BodyWeightSerializer
    filterset_class = BodyWeightFilter
    queryset = BodyWeight.objects.none()  # the schema's model; requests use the selector

    def perform_create(self, data: dict[str, Any]) -> BodyWeight:
        return services.body_weight_create(user=self.request.user, **data)

    def perform_update(self, instance: BodyWeight, data: dict[str, Any]) -> BodyWeight:
        return services.body_weight_update(body_weight=instance, data=data)

    def perform_destroy(self, instance: BodyWeight) -> None:
        services.body_weight_delete(body_weight=instance)

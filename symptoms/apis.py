"""The v1 API for episodes: log, list, change, end and delete, each through one service."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.viewsets import OwnedObjectViewSet
from symptoms import selectors, services
from symptoms.filters import EpisodeFilter
from symptoms.models import Episode
from symptoms.serializers import EpisodeCreatedSerializer, EpisodeEndSerializer, EpisodeSerializer


def _episode_list_without_workouts(*, user: Any) -> Any:
    """``episode_list`` without joining each episode's workout: the API answers with the
    workout's id only, which the episode row holds."""
    return selectors.episode_list(user=user).select_related(None)


@extend_schema_view(
    create=extend_schema(
        summary="Log an episode",
        description=(
            "Answers at once with first-aid `guidance`; when an emergency symptom is "
            "listed, or signs of a compressed nerve root at the base of the spine (alert "
            "`possible_cauda_equina`), the first items (level `urgent`) say to seek help "
            "now. `started_at` more than 5 minutes in the future, or a second ongoing "
            "episode, answers 400."
        ),
        request=EpisodeSerializer,
        responses={201: EpisodeCreatedSerializer, 200: EpisodeCreatedSerializer},
    ),
    list=extend_schema(
        description=(
            "Newest first. `from` and `to` are days in your own time zone, both included; "
            "`ongoing=true` lists only episodes not yet ended."
        )
    ),
)
@extend_schema(tags=["episodes"])
class EpisodeViewSet(OwnedObjectViewSet):
    """The signed-in user's episodes; writes queue a pattern evaluation."""

    selector = staticmethod(_episode_list_without_workouts)
    serializer_class = EpisodeSerializer
    filterset_class = EpisodeFilter
    queryset = Episode.objects.none()  # the schema's model; requests use the selector

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The answer's serializer parses the request too (its guidance is read-only): one
        # serializer's fields built per request instead of two.
        serializer = EpisodeCreatedSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        client_uuid = serializer.validated_data.get("uuid")
        stored = (
            selectors.episode_by_uuid(user=request.user, uuid=client_uuid)
            if client_uuid is not None
            else None
        )
        if stored is not None:  # a replay (an entry made offline): already stored
            serializer.instance = stored
            return Response(serializer.data, status=status.HTTP_200_OK)
        serializer.instance = services.episode_create(
            user=request.user, **serializer.validated_data
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def perform_update(self, instance: Episode, data: dict[str, Any]) -> Episode:
        return services.episode_update(episode=instance, data=data)

    def perform_destroy(self, instance: Episode) -> None:
        services.episode_delete(episode=instance)

    @extend_schema(
        operation_id="episodes_end",
        summary="End an ongoing episode",
        request=EpisodeEndSerializer,
        responses={
            200: EpisodeSerializer,
            400: OpenApiResponse(description="Already ended, or an invalid end time."),
        },
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End the episode at ``ended_at``, or now when it is left out."""
        episode = self.get_object()
        serializer = EpisodeEndSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        episode = services.episode_end(
            episode=episode, ended_at=serializer.validated_data.get("ended_at")
        )
        return Response(self.get_serializer(episode).data)

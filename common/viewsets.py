"""The viewset every user-owned object's API is built on.

Kept apart from ``common.api``: DRF's viewsets read ``DEFAULT_PAGINATION_CLASS``
(``common.api.Pagination``) when they are imported.
"""

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from common.api import UserPreferencesMixin


class OwnedObjectViewSet(
    UserPreferencesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and retrieve from a user-scoped selector; writes go through the app's services.

    Subclasses set ``selector`` and implement ``perform_create(data)``,
    ``perform_update(instance, data)`` and ``perform_destroy(instance)`` with one service
    call each.
    """

    selector: Any  # staticmethod(<app>.selectors.<entity>_list)

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return super().get_queryset()
        queryset: QuerySet[Any] = self.selector(user=self.request.user)
        return queryset

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_create(dict(serializer.validated_data))
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        instance = self.perform_update(instance, dict(serializer.validated_data))
        return Response(self.get_serializer(instance).data)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.perform_destroy(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def perform_update(self, instance: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def perform_destroy(self, instance: Any) -> None:
        raise NotImplementedError

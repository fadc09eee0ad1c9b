"""The v1 API for accounts, workouts and body weights.

Each operation parses its input, calls one service, and renders the result. Objects
are looked up through the selectors, which are scoped to the signed-in user, so another
user's id answers 404 exactly like one that does not exist.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from config.api import ErrorSerializer, UserPreferencesMixin
from config.security import LoginLockedOut
from tracker import selectors, services
from tracker.filters import BodyWeightFilter, WorkoutFilter
from tracker.models import BodyWeight, Workout
from tracker.serializers import (
    BodyWeightSerializer,
    PasswordSerializer,
    ProfileSerializer,
    RegisterSerializer,
    TokenSerializer,
    UserSerializer,
    WorkoutSerializer,
)

# --- Accounts -------------------------------------------------------------------------


class RegisterApi(APIView):
    """Create an account; throttled (scope ``auth``) against guessing and spam."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_register",
        request=RegisterSerializer,
        responses={
            201: UserSerializer,
            400: OpenApiResponse(description="Weak password or taken name."),
        },
        tags=["accounts"],
    )
    def post(self, request: Request) -> Response:
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        optional: dict[str, Any] = {}
        if "language" in data:
            optional["language"] = data["language"]
        if "timezone" in data:
            optional["timezone_name"] = data["timezone"]
        user = services.user_register(
            username=data["username"], email=data["email"], password=data["password"], **optional
        )
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenApi(ObtainAuthToken):
    """Trade a username and password for the API token (``Authorization: Token <key>``).

    Counted by django-axes like the login page: after too many wrong passwords for one
    username from one address, the pair answers 429 for the cool-off, right password or not.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_token",
        request=AuthTokenSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Wrong credentials."),
            429: OpenApiResponse(
                response=ErrorSerializer,
                description=(
                    "Too many attempts: the `auth` rate, or too many wrong passwords for this "
                    "username from this address (locked for the cool-off, 15 minutes by "
                    "default, even with the right password). `Retry-After` gives the seconds."
                ),
            ),
        },
        tags=["accounts"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # axes keeps its marks on the HttpRequest (its middleware reads them there), so
        # authenticate() gets the Django request, not DRF's wrapper.
        http_request = request._request
        serializer = AuthTokenSerializer(data=request.data, context={"request": http_request})
        valid = serializer.is_valid()
        if getattr(http_request, "axes_locked_out", False):
            raise LoginLockedOut()
        if not valid:
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        # A token is a login: axes resets the pair's failures, Django notes last_login.
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeApi(UserPreferencesMixin, APIView):
    """The signed-in account: read, change preferences, or delete it with everything it owns."""

    @extend_schema(operation_id="me_retrieve", responses=ProfileSerializer, tags=["accounts"])
    def get(self, request: Request) -> Response:
        profile = services.profile_get_or_create(user=request.user)  # type: ignore[arg-type]
        return Response(ProfileSerializer(profile, context={"request": request}).data)

    @extend_schema(
        operation_id="me_partial_update",
        request=ProfileSerializer,
        responses=ProfileSerializer,
        tags=["accounts"],
    )
    def patch(self, request: Request) -> Response:
        serializer = ProfileSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.update(data.pop("user", {}))  # email is the user's, the rest the profile's
        profile = services.profile_update(user=request.user, data=data)
        return Response(ProfileSerializer(profile, context={"request": request}).data)

    @extend_schema(
        operation_id="me_destroy",
        request=PasswordSerializer,
        responses={204: None, 400: OpenApiResponse(description="The password is not correct.")},
        tags=["accounts"],
    )
    def delete(self, request: Request) -> Response:
        serializer = PasswordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_delete(user=request.user, password=serializer.validated_data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Workouts and body weights ----------------------------------------------------------


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


@extend_schema_view(
    list=extend_schema(
        description="Newest first. `from` and `to` are days in your own time zone, both included."
    )
)
@extend_schema(tags=["workouts"])
class WorkoutViewSet(OwnedObjectViewSet):
    """The signed-in user's workouts; writes queue a pattern evaluation."""

    selector = staticmethod(selectors.workout_list)
    serializer_class = WorkoutSerializer
    filterset_class = WorkoutFilter
    queryset = Workout.objects.none()  # the schema's model; requests use the selector

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

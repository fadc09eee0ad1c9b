"""The v1 API for accounts: register, token, and the signed-in person's own account."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import services
from accounts.security import LoginLockedOut
from accounts.serializers import (
    PasswordSerializer,
    ProfileSerializer,
    RegisterSerializer,
    TokenSerializer,
    UserSerializer,
)
from common.api import ErrorSerializer, UserPreferencesMixin


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

"""v1 API routes for accounts (mounted under ``/api/v1/``)."""

from django.urls import path

from accounts.apis import MeApi, RegisterApi, TokenApi

urlpatterns = [
    path("auth/register/", RegisterApi.as_view(), name="auth-register"),
    path("auth/token/", TokenApi.as_view(), name="auth-token"),
    path("me/", MeApi.as_view(), name="me"),
]

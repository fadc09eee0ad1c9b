"""v1 API routes for accounts, workouts and body weights (mounted under ``/api/v1/``)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from tracker.apis import BodyWeightViewSet, MeApi, RegisterApi, TokenApi, WorkoutViewSet

router = SimpleRouter()
router.register("workouts", WorkoutViewSet, basename="workout")
router.register("body-weights", BodyWeightViewSet, basename="body-weight")

urlpatterns = [
    path("auth/register/", RegisterApi.as_view(), name="auth-register"),
    path("auth/token/", TokenApi.as_view(), name="auth-token"),
    path("me/", MeApi.as_view(), name="me"),
    *router.urls,
]

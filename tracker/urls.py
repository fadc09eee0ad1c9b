"""v1 API routes for workouts and body weights (mounted under ``/api/v1/``)."""

from rest_framework.routers import SimpleRouter

from tracker.apis import BodyWeightViewSet, WorkoutViewSet

router = SimpleRouter()
router.register("workouts", WorkoutViewSet, basename="workout")
router.register("body-weights", BodyWeightViewSet, basename="body-weight")

urlpatterns = router.urls

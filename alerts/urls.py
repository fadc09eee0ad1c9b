"""v1 API routes for alerts (mounted under ``/api/v1/``)."""

from rest_framework.routers import SimpleRouter

from alerts.apis import AlertViewSet

router = SimpleRouter()
router.register("alerts", AlertViewSet, basename="alert")

urlpatterns = router.urls

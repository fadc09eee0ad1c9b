"""v1 API routes for episodes (mounted under ``/api/v1/``)."""

from rest_framework.routers import SimpleRouter

from symptoms.apis import EpisodeViewSet

router = SimpleRouter()
router.register("episodes", EpisodeViewSet, basename="episode")

urlpatterns = router.urls

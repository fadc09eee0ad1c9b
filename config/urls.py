from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from common.views import healthz
from symptoms import views as symptoms_views

api_v1: list[URLPattern | URLResolver] = [
    path("", include("accounts.urls")),
    path("", include("tracker.urls")),
    path("", include("symptoms.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("", include("imports.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dashboard.urls")),
    path("", include("accounts.web_urls")),
    path("", include("tracker.web_urls")),
    # A tracker page that lists the workout's episodes, so it is served by symptoms.
    path("workouts/<int:pk>/", symptoms_views.workout_detail, name="workout_detail"),
    path("", include("symptoms.web_urls")),
    path("", include("alerts.web_urls")),
    path("", include("notifications.urls")),
    path("", include("reports.web_urls")),
    path("", include("imports.web_urls")),
    path("", include("feeds.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

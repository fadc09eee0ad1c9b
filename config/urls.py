from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common.pwa import manifest, service_worker
from common.views import healthz
from symptoms import views as symptoms_views

# An unknown /api/ path answers JSON like every other API error.
handler404 = "common.views.not_found"

api_v1: list[URLPattern | URLResolver] = [
    path("", include("accounts.urls")),
    path("", include("tracker.urls")),
    path("", include("symptoms.urls")),
    path("", include("alerts.urls")),
    path("", include("insights.urls")),
    path("", include("reports.urls")),
    path("", include("imports.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The installable app: root scope, so served from the root, not /static/.
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="manifest"),
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
    path("", include("insights.web_urls")),
    path("", include("notifications.urls")),
    path("", include("reports.web_urls")),
    path("", include("imports.web_urls")),
    path("", include("feeds.urls")),
]

# Nothing under MEDIA_ROOT is served by URL, whatever DEBUG says: it holds export files of
# health data, fetched only through reports:job_file, which checks the owner.

handler500 = "common.views.server_error"

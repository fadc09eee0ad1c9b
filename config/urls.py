from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.views import healthz

api_v1: list[URLPattern | URLResolver] = [
    path("", include("tracker.urls")),
    path("", include("symptoms.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("tracker.web_urls")),
    path("", include("symptoms.web_urls")),
    path("", include("alerts.web_urls")),
    path("", include("alerts.notifications.urls")),
    path("", include("reports.web_urls")),
]

# Nothing under MEDIA_ROOT is served by URL, whatever DEBUG says: it holds export files of
# health data, fetched only through reports:job_file, which checks the owner.

handler500 = "config.views.server_error"

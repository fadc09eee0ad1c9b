from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.views import healthz

# An unknown /api/ path answers JSON like every other API error.
handler404 = "config.views.not_found"

api_v1: list[URLPattern | URLResolver] = [
    path("", include("tracker.urls")),
    path("", include("symptoms.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

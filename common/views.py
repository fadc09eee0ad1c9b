from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from rest_framework.exceptions import NotFound

from common.queue import broker_is_up


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers; the broker is reported, not required."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "down"
    body = {"database": database, "broker": "ok" if broker_is_up() else "down"}
    return JsonResponse(body, status=200 if database == "ok" else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's look, without a traceback and without touching the
    database (it may be what failed): only the template and the emergency number."""
    html = loader.get_template("500.html").render({"emergency_number": settings.EMERGENCY_NUMBER})
    return HttpResponseServerError(html)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: JSON under ``/api/`` (an API client reads the body), the page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception or Http404())

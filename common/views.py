from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

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

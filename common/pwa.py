"""The installable app: the web app manifest and the service worker, from the app's own origin.

The service worker is served at ``/sw.js`` (not under ``/static/``) so that its scope is
the whole site; its source is ``common/static/leglog/sw.js``, with the URLs of the files it
keeps for offline use filled in (they carry WhiteNoise's names in production).
"""

import json
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

SW_SOURCE = Path(__file__).resolve().parent / "static" / "leglog" / "sw.js"
OFFLINE_ASSETS = ("leglog/app.css", "leglog/app.js", "leglog/favicon.svg")


@cache
def _sw_source() -> str:
    return SW_SOURCE.read_text(encoding="utf-8")


@require_safe
@cache_control(no_cache=True, no_store=True, max_age=0)  # no copy kept, like every answer
def service_worker(request: HttpRequest) -> HttpResponse:
    assets = [static(name) for name in OFFLINE_ASSETS]
    body = _sw_source().replace("__OFFLINE_ASSETS__", json.dumps(assets))
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(no_store=True, private=True)  # in the person's language: no shared copy
def manifest(request: HttpRequest) -> JsonResponse:
    body = {
        "name": "LegLog",
        "short_name": "LegLog",
        "description": _("Log workouts and leg numbness or tingling, even offline."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f8fa",
        "theme_color": "#0b5cad",
        "icons": [
            {"src": static("leglog/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("leglog/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("leglog/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("leglog/icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response

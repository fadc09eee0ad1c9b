"""Response headers for a health-data app: no caching, no powerful browser features.

``Cache-Control: no-store, private`` goes on every answer that does not set its own:
pages and API answers carry health data, and no browser, proxy or shared cache should
keep them. Static files never get here (WhiteNoise answers them earlier, with its own
long-lived caching). The Content-Security-Policy comes from django-csp
(``CONTENT_SECURITY_POLICY`` in settings); ``Referrer-Policy`` from Django's
``SECURE_REFERRER_POLICY``.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

CACHE_CONTROL = "no-store, private"
# Features LegLog never uses, denied to the page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = CACHE_CONTROL
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

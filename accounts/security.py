"""Login throttling (django-axes) and the client address every limit counts by.

One rule for both login paths, the session pages (``/login/``, the admin's login) and
the API token call: after ``AXES_FAILURE_LIMIT`` wrong passwords for one username from
one address, that pair is refused for ``AXES_COOLOFF_TIME``, even with the right
password, then released. The counters are rows in the database (axes'
``AxesDatabaseHandler``), so every web process sees the same count.

The client address is DRF's: ``REMOTE_ADDR``, or, behind ``NUM_PROXIES`` trusted proxies,
the address that many hops from the right of ``X-Forwarded-For``. With ``NUM_PROXIES=0``
(the default) a client-supplied ``X-Forwarded-For`` is ignored, so it cannot pick the
address it is counted under. DRF's throttles and axes use this same function.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.throttling import BaseThrottle


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client as DRF's throttles count it (``REST_FRAMEWORK["NUM_PROXIES"]``)."""
    # get_ident reads only request.META, which a Django request and DRF's wrapper share.
    ident: str | None = BaseThrottle().get_ident(request)  # type: ignore[arg-type]
    return ident


def cool_off() -> timedelta:
    value: timedelta = settings.AXES_COOLOFF_TIME
    return value


def lockout_message() -> str:
    minutes = max(1, round(cool_off().total_seconds() / 60))
    return gettext(
        "Too many failed logins for this username from your address. "
        "Try again in %(minutes)s minutes."
    ) % {"minutes": minutes}


class LoginLockedOut(exceptions.APIException):
    """The API's answer to a locked username + address pair: 429 with ``Retry-After``."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(detail=lockout_message())
        self.wait = int(cool_off().total_seconds())


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: JSON 429 under ``/api/``, else the login page saying why."""
    retry_after = str(int(cool_off().total_seconds()))
    if request.path.startswith("/api/"):
        if original_response is not None and original_response.status_code == 429:
            return original_response  # the token view's own DRF answer
        response: HttpResponse = JsonResponse(
            {"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS
        )
    else:
        response = render(
            request,
            "registration/locked_out.html",
            {"message": lockout_message()},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
    response["Retry-After"] = retry_after
    return response

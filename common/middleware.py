"""HEAD answers: the headers of a GET, never its body.

Django and DRF answer HEAD by running the GET view, body included. gunicorn (23) writes
whatever the application returns, even for HEAD: it only refrains from chunking and
keeps the connection open, so a keep-alive client reads the stray body as the start of
its next response. Django's runserver and test client drop it themselves, which hides
the fault in development and in tests. This middleware, the outermost, empties the body
after every other one has run, keeping Content-Length as the GET would send it.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            # The iterator is dropped unread (an export is never built); its file, if any,
            # is closed with the response, as the server always closes it.
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
            response.content = b""  # type: ignore[attr-defined]
        return response

"""Request body parsers with limits: size for every parser, nesting depth for JSON.

DRF's own parsers read the request stream without Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``
check, and Python's JSON decoder recurses once per level (a body of 5,000 ``[`` ended in
a RecursionError, a 500). Here a body larger than the view's limit answers 413 before it
is read, and JSON nested deeper than ``MAX_JSON_DEPTH`` answers 400.
"""

import codecs
import json
import re
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, status

MAX_JSON_DEPTH = 32
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def body_limit(parser_context: dict[str, Any] | None) -> int:
    """The view's ``max_body_bytes``, else ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    view = (parser_context or {}).get("view")
    limit = getattr(view, "max_body_bytes", None)
    return int(limit or settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def check_body_size(parser_context: dict[str, Any] | None) -> int:
    """Refuse (413) a body whose ``Content-Length`` is over the limit; return the limit.

    Django never reads past ``Content-Length`` (a body without one is empty), so checking
    the header bounds what is read.
    """
    limit = body_limit(parser_context)
    request = (parser_context or {}).get("request")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        length = 0
    if length > limit:
        raise RequestTooLarge(
            _("The request body is larger than %(limit)s MB.")
            % {"limit": round(limit / 1_000_000, 1)}
        )
    return limit


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text`` (strings skipped), without recursion."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    if not brackets:
        return 0
    return max(accumulate(1 if char in "[{" else -1 for char in brackets))


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with the body size and nesting depth bounded."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        limit = check_body_size(parser_context)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(
                _("The request body is larger than %(limit)s MB.")
                % {"limit": round(limit / 1_000_000, 1)}
            )
        try:
            text = codecs.decode(raw, encoding)
        except UnicodeDecodeError as error:
            raise exceptions.ParseError(f"JSON parse error - {error}") from error
        return loads(text)


def loads(text: str) -> Any:
    """``json.loads`` with the depth bounded; any problem is a ``ParseError`` (400)."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise exceptions.ParseError(
            _("The JSON is nested more than %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH}
        )
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise exceptions.ParseError(f"JSON parse error - {error}") from error


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        check_body_size(parser_context)
        return super().parse(stream, media_type, parser_context)

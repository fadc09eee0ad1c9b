"""The OpenAPI schema tells every status an operation can answer (a drf-spectacular hook).

Views document what is special to them; the answers every operation shares are added
here, each only where it can happen: 400 where there is input, 401 where a login is
needed, 404 where the path names an object, 413 and 415 where there is a body, 429 on
the throttled account calls.
"""

from typing import Any

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": '`{"field": ["message", ...]}`; errors of no single field under '
    "`non_field_errors`, or `detail` for a body that could not be read.",
    "additionalProperties": True,
}
COMMON = {
    "400": ("Bad input: nothing was stored.", FIELD_ERRORS),
    "401": ("Not logged in: send `Authorization: Token <key>`.", ERROR),
    "404": ("No such object among yours (or, for a list, no such page).", ERROR),
    "413": ("The body is larger than the limit (2.5 MB; 10 MB for the import).", ERROR),
    "415": ("The body's Content-Type is not one this call reads.", ERROR),
    "429": ("Too many calls or failed logins; `Retry-After` says when to try again.", ERROR),
}
THROTTLED = {"/api/v1/auth/register/", "/api/v1/auth/token/"}


def _needs_login(operation: dict[str, Any]) -> bool:
    return any(requirement for requirement in operation.get("security", [{}]))


def _has_required_fields(result: dict[str, Any], body: dict[str, Any]) -> bool:
    """Whether the body's schema requires a field: then the body itself is required."""
    for media in body.get("content", {}).values():
        schema = media.get("schema", {})
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            schema = result["components"]["schemas"].get(ref.rsplit("/", 1)[1], {})
        if schema.get("required"):
            return True
    return False


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: add the shared error answers to every operation."""
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = []
            has_body = "requestBody" in operation
            if has_body or operation.get("parameters"):
                codes.append("400")
            if _needs_login(operation):
                codes.append("401")
            names = {parameter.get("name") for parameter in operation.get("parameters", [])}
            if "{" in path or "page" in names:
                codes.append("404")
            if has_body:
                codes += ["413", "415"]
            if path in THROTTLED:
                codes.append("429")
            if has_body and _has_required_fields(result, operation["requestBody"]):
                operation["requestBody"]["required"] = True
            responses = operation["responses"]
            for code in codes:
                description, schema = COMMON[code]
                if code not in responses:
                    responses[code] = {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    }
                elif "content" not in responses[code]:
                    responses[code]["content"] = {"application/json": {"schema": schema}}
    return result

"""Links an email carries: signed one-click actions and the pages of the web app.

Signed links need no login: the signature is the authorisation. Each action signs
with its own salt (one per email kind for unsubscribe), so a digest's unsubscribe
token cannot switch off alert emails, and neither can answer a log reminder.
"""

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from notifications.models import OutboxEmail

Kind = OutboxEmail.Kind

# A "no symptoms" answer makes sense for a few weeks; unsubscribe links never expire.
NO_SYMPTOMS_MAX_AGE_SECONDS = 30 * 24 * 3600


def _salt(action: str) -> str:
    return f"leglog.notifications.{action}"


def site_url(path: str) -> str:
    """An absolute URL on the site (``settings.SITE_URL`` + path)."""
    return f"{settings.SITE_URL}{path}"


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "leglog.localhost"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id}, salt=_salt(f"unsubscribe.{kind}"))


def unsubscribe_token_user_id(*, kind: str, token: str) -> int | None:
    """The user id a valid token for ``kind`` names, else None."""
    if kind not in Kind.values:
        return None
    return _load(token, salt=_salt(f"unsubscribe.{kind}"), key="u")


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return site_url(reverse("notifications:unsubscribe", kwargs={"kind": kind, "token": token}))


def no_symptoms_token(*, user_id: int, workout_id: int) -> str:
    return signing.dumps({"u": user_id, "w": workout_id}, salt=_salt("no_symptoms"))


def no_symptoms_token_read(*, token: str) -> tuple[int, int] | None:
    """(user id, workout id) from a valid, unexpired token, else None."""
    try:
        data = signing.loads(token, salt=_salt("no_symptoms"), max_age=NO_SYMPTOMS_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    user_id, workout_id = (data.get(k) if isinstance(data, dict) else None for k in ("u", "w"))
    if not isinstance(user_id, int) or not isinstance(workout_id, int):
        return None
    return user_id, workout_id


def no_symptoms_url(*, user_id: int, workout_id: int) -> str:
    token = no_symptoms_token(user_id=user_id, workout_id=workout_id)
    return site_url(reverse("notifications:no-symptoms", kwargs={"token": token}))


def _load(token: str, *, salt: str, key: str) -> int | None:
    try:
        data: Any = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


# Pages of the web app, by their URL names.
def alert_page_url(*, alert_id: int) -> str:
    return site_url(reverse("alerts:detail", kwargs={"pk": alert_id}))


def episode_form_url(*, workout_id: int) -> str:
    return site_url(f"{reverse('symptoms:episode_new')}?{urlencode({'workout': workout_id})}")


def reports_url() -> str:
    return site_url(reverse("reports:index"))


def dashboard_url() -> str:
    return site_url(reverse("home"))

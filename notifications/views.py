"""Pages behind the signed links in emails: unsubscribe and the "no symptoms" answer.

No login: the signature is the authorisation, so these views are CSRF-exempt. A GET
only shows a page with a button (link scanners in mail systems fetch links, and must
not switch off someone's alerts); the POST acts. RFC 8058 one-click unsubscribe POSTs
``List-Unsubscribe=One-Click`` to the same URL and works the same way.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.selectors import profile_get
from notifications import links
from notifications.kinds import KIND_SWITCH, kind_description
from notifications.services import (
    email_resubscribe,
    email_unsubscribe,
    workout_answer_no_symptoms,
)
from tracker.models import Workout

User = get_user_model()


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/invalid_link.html", status=400)


@contextmanager
def _as_reader(user: object) -> Iterator[None]:
    """Render in the link owner's language and time zone (nobody is signed in)."""
    profile = profile_get(user=user)
    if profile is None:
        yield
        return
    with translation.override(profile.language), timezone.override(profile.zone):
        yield


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, kind: str, token: str) -> HttpResponse:
    if kind not in KIND_SWITCH:
        raise Http404
    user_id = links.unsubscribe_token_user_id(kind=kind, token=token)
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None:
        return _invalid(request)
    with _as_reader(user):
        done = None
        if request.method == "POST":
            if request.POST.get("action") == "resubscribe":
                email_resubscribe(user=user, kind=kind)
                done = "resubscribed"
            else:
                email_unsubscribe(user=user, kind=kind)
                done = "unsubscribed"
        profile = profile_get(user=user)
        return render(
            request,
            "notifications/unsubscribe.html",
            {
                "kind": kind,
                "what": kind_description(kind),
                "done": done,
                "is_on": bool(getattr(profile, KIND_SWITCH[kind], False)),
            },
        )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def no_symptoms(request: HttpRequest, token: str) -> HttpResponse:
    ids = links.no_symptoms_token_read(token=token)
    if ids is None:
        return _invalid(request)
    user_id, workout_id = ids
    workout = Workout.objects.select_related("user").filter(id=workout_id, user_id=user_id).first()
    if workout is None:
        raise Http404
    with _as_reader(workout.user):
        error = None
        if request.method == "POST":
            try:
                workout = workout_answer_no_symptoms(workout=workout)
            except ValidationError as exc:
                error = exc.message_dict.get("workout", [""])[0]
        return render(
            request,
            "notifications/no_symptoms.html",
            {
                "workout": workout,
                "error": error,
                "episode_url": links.episode_form_url(workout_id=workout.id),
            },
            status=400 if error else 200,
        )

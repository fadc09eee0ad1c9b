"""The calendar page (make or revoke the address) and the feed calendars read."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.services import profile_get_or_create
from feeds import selectors, services
from feeds.ical import calendar_build


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "feeds/index.html", {"feed": selectors.calendar_feed_active(user=request.user)}
    )


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Make a new address and show it once (only its hash is kept)."""
    feed, token = services.calendar_feed_create(user=request.user)
    url = request.build_absolute_uri(reverse("feeds:calendar", args=[token]))
    return render(request, "feeds/index.html", {"feed": feed, "url": url})


@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_revoke(user=request.user)
    return redirect("feeds:index")


@require_GET
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal file; 404 for an unknown or revoked address (no login: calendars poll)."""
    feed = selectors.calendar_feed_by_token(token=token)
    if feed is None:
        raise Http404
    now = timezone.now()
    profile = profile_get_or_create(user=feed.user)
    body = calendar_build(user=feed.user, language=profile.language, zone=profile.zone, now=now)
    services.calendar_feed_mark_read(feed=feed, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response

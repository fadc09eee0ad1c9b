"""Episode pages: "my legs are numb now", first aid with a rest timer, logging and history."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.forms import add_service_errors
from common.pages import paginate
from symptoms import services
from symptoms.forms import EpisodeForm, EpisodeQuickForm, NumbNowForm, parse_since, recent_workout
from symptoms.guidance import REST_MINUTES, first_aid_steps, urgent_advice
from symptoms.models import ONE_ONGOING, Episode
from symptoms.selectors import episode_list as episodes_of
from symptoms.selectors import episode_ongoing
from tracker.forms import HistoryFilterForm, filter_by_date_and_activity
from tracker.selectors import workout_list

QUICK_FIELDS = ("sensations", "locations", "side", "severity", "accompanying", "relief_actions")


def _own_episode(request: HttpRequest, pk: int) -> Episode:
    return get_object_or_404(episodes_of(user=request.user), pk=pk)


def _after_save(request: HttpRequest, episode: Episode, message: str) -> HttpResponse:
    """Go to the episode; an emergency symptom, or signs of a compressed nerve root at the
    base of the spine, put "seek help now" above everything else."""
    urgent = urgent_advice(
        sensations=episode.sensations,
        locations=episode.locations,
        side=episode.side,
        accompanying=episode.accompanying,
    )
    for advice in urgent:
        messages.error(request, advice.text, extra_tags="emergency")
    if not urgent:
        messages.success(request, message)
    return redirect("symptoms:episode_detail", pk=episode.pk)


def _ongoing_conflict(
    request: HttpRequest, form: EpisodeForm, episode: Episode | None
) -> Episode | None:
    """The other ongoing episode, when the form was refused for leaving this one ongoing:
    the page offers to open or end it instead."""
    if str(ONE_ONGOING) not in form.errors.get("ended_at", []):
        return None
    others = episode_ongoing(user=request.user)
    if episode is not None:
        others = others.exclude(pk=episode.pk)
    return others.first()


def _detail_context(episode: Episode, quick_form: EpisodeQuickForm | None) -> dict[str, object]:
    """First aid, the 10 to 20 minute rest window from the episode's start, the short form."""
    low, high = REST_MINUTES
    return {
        "episode": episode,
        "first_aid": first_aid_steps(),
        "rest_low": low,
        "rest_high": high,
        "rest_from": episode.started_at + timedelta(minutes=low),
        "rest_until": episode.started_at + timedelta(minutes=high),
        "quick_form": quick_form,
    }


def _initial_from(episode: Episode, fields: tuple[str, ...]) -> dict[str, object]:
    return {field: getattr(episode, field) for field in fields}


@login_required
@require_http_methods(["GET"])
def episode_list(request: HttpRequest) -> HttpResponse:
    filters = HistoryFilterForm(request.GET or None)
    items = filter_by_date_and_activity(
        episodes_of(user=request.user), filters, activity_field="workout__activity"
    )
    page, query = paginate(request, items)
    return render(
        request, "symptoms/episode_list.html", {"filters": filters, "page": page, "query": query}
    )


@login_required
@require_http_methods(["GET", "POST"])
def episode_new(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    chosen = None
    if request.GET.get("workout", "").isdigit():
        chosen = get_object_or_404(workout_list(user=request.user), pk=int(request.GET["workout"]))
    if request.method == "POST":
        form = EpisodeForm(request.POST, user=request.user, now=now, keep=chosen)
        if form.is_valid():
            try:
                episode = services.episode_create(user=request.user, now=now, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _after_save(request, episode, _("Episode saved."))
    else:
        # No workout is linked unless the person says so (a reminder's link, or the
        # "after my last workout" chip).
        form = EpisodeForm(
            user=request.user,
            now=now,
            keep=chosen,
            initial={
                "workout": chosen,
                "started_at": timezone.localtime(now).replace(second=0, microsecond=0),
            },
        )
    return render(
        request,
        "symptoms/episode_form.html",
        {"form": form, "episode": None, "conflict": _ongoing_conflict(request, form, None)},
    )


@login_required
@require_POST
def episode_numb_now(request: HttpRequest) -> HttpResponse:
    """ "My legs are numb now": first aid at once and the two questions (what, where);
    nothing is recorded until they are answered. A second press goes to the episode
    already running."""
    ongoing = episode_ongoing(user=request.user).first()
    if ongoing is not None:
        return redirect("symptoms:episode_detail", pk=ongoing.pk)
    since = int(timezone.now().timestamp())
    return redirect(f"{reverse('symptoms:episode_now')}?since={since}")


@login_required
@require_http_methods(["GET", "POST"])
def episode_now(request: HttpRequest) -> HttpResponse:
    """The ongoing page before its two answers: first aid, the rest timer from the press,
    what and where (one tap each), and the workout just done only if confirmed."""
    ongoing = episode_ongoing(user=request.user).first()
    if ongoing is not None:
        return redirect("symptoms:episode_detail", pk=ongoing.pk)
    now = timezone.now()
    data = request.POST if request.method == "POST" else request.GET
    started_at = parse_since(data.get("since", ""), now=now) or now
    workout = recent_workout(user=request.user, now=started_at)
    if request.method == "POST":
        form = NumbNowForm(request.POST, now=now, workout=workout)
        if form.is_valid():
            values = form.episode_data()
            if "gone" in request.POST:
                values["ended_at"] = now
            try:
                episode = services.episode_create(user=request.user, now=now, **values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _after_save(request, episode, _("Noted."))
    else:
        form = NumbNowForm(initial={"since": int(started_at.timestamp())}, now=now, workout=workout)
    low, high = REST_MINUTES
    return render(
        request,
        "symptoms/episode_now.html",
        {
            "form": form,
            "started_at": started_at,
            "first_aid": first_aid_steps(),
            "rest_low": low,
            "rest_high": high,
            "rest_from": started_at + timedelta(minutes=low),
            "rest_until": started_at + timedelta(minutes=high),
        },
    )


@login_required
@require_http_methods(["GET"])
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    quick_form = (
        EpisodeQuickForm(initial=_initial_from(episode, QUICK_FIELDS))
        if episode.is_ongoing
        else None
    )
    return render(request, "symptoms/episode_detail.html", _detail_context(episode, quick_form))


@login_required
@require_POST
def episode_details(request: HttpRequest, pk: int) -> HttpResponse:
    """The short form of an ongoing episode: what is felt, where, what helped."""
    episode = _own_episode(request, pk)
    form = EpisodeQuickForm(request.POST)
    if form.is_valid():
        try:
            episode = services.episode_update(episode=episode, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_save(request, episode, _("Noted."))
    episode.refresh_from_db()
    return render(request, "symptoms/episode_detail.html", _detail_context(episode, form))


@login_required
@require_POST
def episode_end(request: HttpRequest, pk: int) -> HttpResponse:
    """ "It's gone": end the ongoing episode now."""
    episode = _own_episode(request, pk)
    try:
        episode = services.episode_end(episode=episode)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        minutes = episode.duration_minutes or 0
        messages.success(
            request,
            _("Good that it's gone. The episode lasted %(minutes)d minutes.")
            % {"minutes": minutes},
        )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("symptoms:episode_detail", pk=episode.pk)


@login_required
@require_http_methods(["GET", "POST"])
def episode_edit(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    now = timezone.now()
    if request.method == "POST":
        form = EpisodeForm(request.POST, user=request.user, now=now, keep=episode.workout)
        if form.is_valid():
            try:
                episode = services.episode_update(episode=episode, data=form.cleaned_data, now=now)
            except ValidationError as error:
                add_service_errors(form, error)
                episode.refresh_from_db()
            else:
                return _after_save(request, episode, _("Episode updated."))
    else:
        form = EpisodeForm(
            user=request.user,
            now=now,
            keep=episode.workout,
            initial=_initial_from(episode, services.EPISODE_FIELDS),
        )
    return render(
        request,
        "symptoms/episode_form.html",
        {"form": form, "episode": episode, "conflict": _ongoing_conflict(request, form, episode)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def episode_delete(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    if request.method == "POST":
        services.episode_delete(episode=episode)
        messages.success(request, _("Episode deleted."))
        return redirect("symptoms:episode_list")
    return render(request, "symptoms/episode_confirm_delete.html", {"episode": episode})


@login_required
@require_http_methods(["GET"])
def workout_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A workout with the episodes linked to it (tracker's page, served here: it shows episodes)."""
    workout = get_object_or_404(workout_list(user=request.user), pk=pk)
    episodes = episodes_of(user=request.user).filter(workout=workout)
    return render(
        request, "tracker/workout_detail.html", {"workout": workout, "episodes": episodes}
    )

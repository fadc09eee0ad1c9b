"""Log, list, edit and delete workouts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.forms import add_service_errors
from common.pages import paginate
from tracker import services
from tracker.forms import HistoryFilterForm, WorkoutForm, filter_by_date_and_activity
from tracker.models import Workout
from tracker.selectors import workout_list as workouts_of


def _own_workout(request: HttpRequest, pk: int) -> Workout:
    return get_object_or_404(workouts_of(user=request.user), pk=pk)


@login_required
@require_http_methods(["GET"])
def workout_list(request: HttpRequest) -> HttpResponse:
    filters = HistoryFilterForm(request.GET or None)
    items = filter_by_date_and_activity(workouts_of(user=request.user), filters)
    page, query = paginate(request, items)
    return render(
        request, "tracker/workout_list.html", {"filters": filters, "page": page, "query": query}
    )


@login_required
@require_http_methods(["GET", "POST"])
def workout_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = WorkoutForm(request.POST)
        if form.is_valid():
            try:
                workout = services.workout_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Workout saved: %(activity)s, %(minutes)d minutes.")
                    % {
                        "activity": workout.get_activity_display(),
                        "minutes": workout.duration_minutes,
                    },
                )
                return redirect("home")
    else:
        form = WorkoutForm(initial=WorkoutForm.initial_for_new(now=timezone.now()))
    return render(request, "tracker/workout_form.html", {"form": form, "workout": None})


@login_required
@require_http_methods(["GET", "POST"])
def workout_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workout = _own_workout(request, pk)
    if request.method == "POST":
        form = WorkoutForm(request.POST)
        if form.is_valid():
            try:
                services.workout_update(workout=workout, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Workout updated."))
                return redirect("workout_detail", pk=workout.pk)
    else:
        form = WorkoutForm(
            initial={field: getattr(workout, field) for field in services.WORKOUT_FIELDS}
        )
    return render(request, "tracker/workout_form.html", {"form": form, "workout": workout})


@login_required
@require_http_methods(["GET", "POST"])
def workout_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workout = _own_workout(request, pk)
    if request.method == "POST":
        services.workout_delete(workout=workout)
        messages.success(request, _("Workout deleted."))
        return redirect("workout_list")
    return render(request, "tracker/workout_confirm_delete.html", {"workout": workout})

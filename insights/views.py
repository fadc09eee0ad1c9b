"""The Insights page and the in-app "no symptoms after this workout" answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import add_service_errors
from insights import mnsi
from insights.charts import time_to_onset_chart
from insights.forms import ExperimentForm, MnsiForm
from insights.presenters import (
    experiment_rows,
    insight_rows,
    mnsi_caveat,
    mnsi_score_text,
    mnsi_trend_text,
)
from insights.selectors import (
    experiment_comparison,
    experiment_comparisons,
    experiment_list,
    insights_get,
    mnsi_list,
)
from insights.services import (
    experiment_start,
    experiment_stop,
    mnsi_record,
    workout_confirm_symptom_free,
)
from insights.stats import MIN_KNOWN_SESSIONS
from tracker.selectors import workout_list


@login_required
@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = insight_rows(insights_get(user=request.user, now=now))
    responses = list(mnsi_list(user=request.user))
    return render(
        request,
        "insights/insights.html",
        {
            "rows": rows,
            "chart": time_to_onset_chart(rows),
            "min_known": MIN_KNOWN_SESSIONS,
            "experiments": experiment_rows(experiment_comparisons(user=request.user, now=now)),
            "mnsi_latest": mnsi_score_text(responses[0].score) if responses else "",
            "mnsi_trend": mnsi_trend_text([r.score for r in reversed(responses)]),
            "mnsi_responses": responses,
            "mnsi_caveat": mnsi_caveat(),
        },
    )


@login_required
@require_POST
def workout_no_symptoms(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer "no symptoms after this workout" from the workout page or the dashboard."""
    workout = get_object_or_404(workout_list(user=request.user), pk=pk)
    try:
        workout_confirm_symptom_free(user=request.user, workout=workout, now=timezone.now())
    except ValidationError:
        messages.error(request, _("An episode is already logged for this workout."))
    else:
        messages.success(request, _("Noted: no symptoms after this workout."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("workout_detail", pk=workout.pk)


# --- Experiments ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def experiment_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ExperimentForm(request.POST)
        if form.is_valid():
            try:
                experiment = experiment_start(
                    user=request.user, now=timezone.now(), **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Experiment started."))
                return redirect("insights:experiment", pk=experiment.pk)
    else:
        form = ExperimentForm()
    return render(request, "insights/experiment_form.html", {"form": form})


@login_required
@require_GET
def experiment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = get_object_or_404(experiment_list(user=request.user), pk=pk)
    [row] = experiment_rows(
        [(experiment, experiment_comparison(experiment=experiment, now=timezone.now()))]
    )
    return render(request, "insights/experiment_detail.html", {"row": row})


@login_required
@require_POST
def experiment_end(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = get_object_or_404(experiment_list(user=request.user), pk=pk)
    experiment_stop(experiment=experiment, now=timezone.now())
    messages.success(request, _("Experiment stopped."))
    return redirect("insights:experiment", pk=experiment.pk)


# --- MNSI questionnaire -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mnsi_new(request: HttpRequest) -> HttpResponse:
    form = MnsiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = mnsi_record(user=request.user, answers=form.answers(), now=timezone.now())
        messages.success(request, mnsi_score_text(response.score))
        return redirect("insights:page")
    return render(
        request,
        "insights/mnsi_form.html",
        {"form": form, "instructions": mnsi.INSTRUCTIONS, "source_url": mnsi.CANONICAL_URL},
    )

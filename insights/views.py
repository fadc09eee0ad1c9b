"""The Insights page and the in-app "no symptoms after this workout" answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insights.charts import time_to_onset_chart
from insights.presenters import insight_rows
from insights.selectors import insights_get
from insights.services import workout_confirm_symptom_free
from insights.stats import MIN_KNOWN_SESSIONS
from tracker.selectors import workout_list


@login_required
@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    rows = insight_rows(insights_get(user=request.user, now=timezone.now()))
    return render(
        request,
        "insights/insights.html",
        {"rows": rows, "chart": time_to_onset_chart(rows), "min_known": MIN_KNOWN_SESSIONS},
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

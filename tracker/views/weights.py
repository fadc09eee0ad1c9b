"""Body weight: a short log beside the workouts (weight gain is one of the risk factors
the outer-thigh alert names)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import WeightUnit
from accounts.selectors import profile_get
from common.forms import add_service_errors
from common.pages import paginate
from tracker import services
from tracker.charts import body_weight_chart
from tracker.forms import BodyWeightForm, kg_to_unit
from tracker.selectors import body_weight_list, body_weight_list_since

CHART_DAYS = 365


def _unit(request: HttpRequest) -> str:
    profile = profile_get(user=request.user)
    return profile.weight_unit if profile is not None else WeightUnit.KILOGRAMS


@login_required
@require_http_methods(["GET", "POST"])
def weight_list(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    if request.method == "POST":
        form = BodyWeightForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                services.body_weight_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Weight saved."))
                return redirect("weight_list")
    else:
        form = BodyWeightForm(initial={"measured_on": timezone.localdate()}, unit=unit)
    since = timezone.localdate() - timedelta(days=CHART_DAYS)
    chart = body_weight_chart(
        points=[
            (w.measured_on, float(w.weight_kg))
            for w in body_weight_list_since(user=request.user, since=since)
        ]
    )
    page, query = paginate(request, body_weight_list(user=request.user))
    for weight in page.object_list:
        weight.shown = kg_to_unit(weight.weight_kg, unit)
    return render(
        request,
        "tracker/weight_list.html",
        {"form": form, "page": page, "query": query, "chart": chart, "unit": unit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def weight_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a weight: its day or its value, in the person's unit."""
    body_weight = get_object_or_404(body_weight_list(user=request.user), pk=pk)
    unit = _unit(request)
    if request.method == "POST":
        form = BodyWeightForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                services.body_weight_update(body_weight=body_weight, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Weight updated."))
                return redirect("weight_list")
    else:
        form = BodyWeightForm(
            initial={"measured_on": body_weight.measured_on, "weight_kg": body_weight.weight_kg},
            unit=unit,
        )
    return render(request, "tracker/weight_form.html", {"form": form, "body_weight": body_weight})


@login_required
@require_http_methods(["GET", "POST"])
def weight_delete(request: HttpRequest, pk: int) -> HttpResponse:
    body_weight = get_object_or_404(body_weight_list(user=request.user), pk=pk)
    if request.method == "POST":
        services.body_weight_delete(body_weight=body_weight)
        messages.success(request, _("Weight deleted."))
        return redirect("weight_list")
    return render(request, "tracker/weight_confirm_delete.html", {"body_weight": body_weight})

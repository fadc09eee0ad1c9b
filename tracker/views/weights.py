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

from common.forms import add_service_errors
from common.pages import paginate
from tracker import services
from tracker.charts import body_weight_chart
from tracker.forms import BodyWeightForm
from tracker.selectors import body_weight_list, body_weight_list_since

CHART_DAYS = 365


@login_required
@require_http_methods(["GET", "POST"])
def weight_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = BodyWeightForm(request.POST)
        if form.is_valid():
            try:
                services.body_weight_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Weight saved."))
                return redirect("weight_list")
    else:
        form = BodyWeightForm(initial={"measured_on": timezone.localdate()})
    since = timezone.localdate() - timedelta(days=CHART_DAYS)
    chart = body_weight_chart(
        points=[
            (w.measured_on, float(w.weight_kg))
            for w in body_weight_list_since(user=request.user, since=since)
        ]
    )
    page, query = paginate(request, body_weight_list(user=request.user))
    return render(
        request,
        "tracker/weight_list.html",
        {"form": form, "page": page, "query": query, "chart": chart},
    )


@login_required
@require_http_methods(["GET", "POST"])
def weight_delete(request: HttpRequest, pk: int) -> HttpResponse:
    body_weight = get_object_or_404(body_weight_list(user=request.user), pk=pk)
    if request.method == "POST":
        services.body_weight_delete(body_weight=body_weight)
        messages.success(request, _("Weight deleted."))
        return redirect("weight_list")
    return render(request, "tracker/weight_confirm_delete.html", {"body_weight": body_weight})

"""Alert pages: the list with filters, one alert with its evidence, and acknowledging it."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from alerts.messages import alert_title
from alerts.models import Alert, Level
from alerts.presenters import ARTICLE_TITLE, alert_cards
from alerts.selectors import alert_get, alert_list_by_level
from alerts.services import alert_acknowledge
from common.pages import paginate
from tracker.forms import HistoryFilterForm


class AlertFilterForm(HistoryFilterForm):
    """Dates (created, person's zone), activity of the evidence workouts, level, status."""

    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        required=False,
        choices=[("", gettext_lazy("All")), *Level.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("open", gettext_lazy("Open")),
            ("acknowledged", gettext_lazy("Acknowledged")),
        ],
    )


def _filtered(items: Any, form: AlertFilterForm) -> Any:
    if not form.is_valid():
        return items
    data = form.cleaned_data
    if data.get("date_from"):
        items = items.filter(created_at__date__gte=data["date_from"])
    if data.get("date_to"):
        items = items.filter(created_at__date__lte=data["date_to"])
    if data.get("activity"):
        items = items.filter(workouts__activity=data["activity"]).distinct()
    if data.get("level"):
        items = items.filter(level=data["level"])
    if data.get("status") == "open":
        items = items.filter(acknowledged_at__isnull=True)
    elif data.get("status") == "acknowledged":
        items = items.filter(acknowledged_at__isnull=False)
    return items


@login_required
@require_http_methods(["GET"])
def alert_list_page(request: HttpRequest) -> HttpResponse:
    filters = AlertFilterForm(request.GET or None)
    page, query = paginate(request, _filtered(alert_list_by_level(user=request.user), filters))
    cards = alert_cards(user=request.user, alerts=page.object_list)
    return render(
        request,
        "alerts/alert_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "cards": cards,
            "article_title": ARTICLE_TITLE,
        },
    )


def _own_alert(request: HttpRequest, pk: int) -> Alert:
    alert = alert_get(user=request.user, alert_id=pk)
    if alert is None:
        raise Http404
    return alert


@login_required
@require_http_methods(["GET"])
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _own_alert(request, pk)
    (card,) = alert_cards(user=request.user, alerts=[alert])
    return render(request, "alerts/alert_detail.html", {"card": card})


@login_required
@require_POST
def alert_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    fine_now = request.POST.get("fine_now") == "1"
    alert = alert_acknowledge(alert=_own_alert(request, pk), now=timezone.now(), fine_now=fine_now)
    if fine_now:
        messages.success(
            request,
            _("Recorded: you are fine now. The alert stays in your history and report: %(title)s")
            % {"title": alert_title(alert)},
        )
    else:
        messages.success(
            request, _("Alert marked as read: %(title)s") % {"title": alert_title(alert)}
        )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("alerts:detail", pk=alert.pk)

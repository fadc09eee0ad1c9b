"""Admin for profiles, and the base of every admin whose saves feed the pattern rules."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from accounts.models import Profile
from accounts.services import evaluation_request


class EvaluatedAdmin(admin.ModelAdmin):
    """A model that belongs to a user and feeds the pattern rules.

    ``delete_service`` is the app service that deletes one object (and queues the
    evaluation); a save asks for an evaluation itself, since the admin form has already
    validated and built the row.
    """

    delete_service: Callable[[Any], None]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            evaluation_request(user=obj.user)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        type(self).delete_service(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset.select_related("user"):
                type(self).delete_service(obj)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "timezone",
        "language",
        "email_alerts",
        "weekly_digest",
        "log_reminders",
        "evaluation_requested_at",
        "created_at",
    ]
    list_filter = ["language", "email_alerts", "weekly_digest", "log_reminders"]
    search_fields = ["user__username", "user__email", "timezone"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["evaluation_requested_at", "created_at"]

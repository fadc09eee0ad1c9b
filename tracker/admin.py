"""Admin for profiles, workouts and body weights.

Writes made here reach the same pattern evaluation as the API's: deletes go through the
services, saves (validated by the model form) request an evaluation after commit.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from tracker import services
from tracker.models import BodyWeight, Profile, Workout


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
            services.evaluation_request(user=obj.user)

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


def _delete_workout(workout: Workout) -> None:
    services.workout_delete(workout=workout)


def _delete_body_weight(body_weight: BodyWeight) -> None:
    services.body_weight_delete(body_weight=body_weight)


@admin.register(Workout)
class WorkoutAdmin(EvaluatedAdmin):
    delete_service = staticmethod(_delete_workout)
    list_display = [
        "id",
        "user",
        "activity",
        "started_at",
        "duration_minutes",
        "intensity",
        "tight_clothing",
        "created_at",
    ]
    list_filter = ["activity", "tight_clothing", "started_at"]
    search_fields = ["user__username", "user__email", "notes"]
    date_hierarchy = "started_at"
    readonly_fields = ["uuid", "symptom_free_at", "created_at", "updated_at"]


@admin.register(BodyWeight)
class BodyWeightAdmin(EvaluatedAdmin):
    delete_service = staticmethod(_delete_body_weight)
    list_display = ["id", "user", "measured_on", "weight_kg", "created_at"]
    list_filter = ["measured_on"]
    search_fields = ["user__username", "user__email"]
    date_hierarchy = "measured_on"
    readonly_fields = ["created_at"]

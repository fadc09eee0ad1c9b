"""Admin for workouts and body weights.

Writes made here reach the same pattern evaluation as the API's: deletes go through the
services, saves (validated by the model form) request an evaluation after commit.
"""

from django.contrib import admin

from accounts.admin import EvaluatedAdmin
from tracker import services
from tracker.models import BodyWeight, Workout


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
    # Set by imports only (tracker.services.workout_import), never typed in.
    readonly_fields = [
        "uuid",
        "symptom_free_at",
        *services.IMPORTED_FIELDS,
        "created_at",
        "updated_at",
    ]


@admin.register(BodyWeight)
class BodyWeightAdmin(EvaluatedAdmin):
    delete_service = staticmethod(_delete_body_weight)
    list_display = ["id", "user", "measured_on", "weight_kg", "created_at"]
    list_filter = ["measured_on"]
    search_fields = ["user__username", "user__email"]
    date_hierarchy = "measured_on"
    readonly_fields = ["created_at"]

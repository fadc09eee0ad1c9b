"""The server-rendered pages of the tracker app: workouts and body weights."""

from tracker.views.weights import weight_delete, weight_edit, weight_list
from tracker.views.workouts import workout_delete, workout_edit, workout_list, workout_new

__all__ = [
    "weight_delete",
    "weight_edit",
    "weight_list",
    "workout_delete",
    "workout_edit",
    "workout_list",
    "workout_new",
]

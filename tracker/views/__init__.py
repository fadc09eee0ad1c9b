"""The server-rendered pages of the tracker app: accounts, settings, dashboard, workouts."""

from tracker.views.accounts import account_delete, settings_page, signup
from tracker.views.dashboard import home
from tracker.views.weights import weight_delete, weight_list
from tracker.views.workouts import (
    workout_delete,
    workout_detail,
    workout_edit,
    workout_list,
    workout_new,
)

__all__ = [
    "account_delete",
    "home",
    "settings_page",
    "signup",
    "weight_delete",
    "weight_list",
    "workout_delete",
    "workout_detail",
    "workout_edit",
    "workout_list",
    "workout_new",
]

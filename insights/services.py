"""The one write the insights need: the in-app "no symptoms after this workout"."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from insights.selectors import workout_outcomes
from insights.stats import Outcome
from tracker.models import Workout
from tracker.services import workout_mark_symptom_free


def workout_confirm_symptom_free(*, user: Any, workout: Workout, now: datetime) -> Workout:
    """Record "no symptoms" for the user's workout, unless an episode already belongs to it
    (linked, or started between its start and 2 hours after its end)."""
    if workout.user_id != user.id:
        raise ValidationError(_("Not your workout."))
    outcome = workout_outcomes(user=user, workouts=[workout], now=now)[workout.id]
    if outcome is Outcome.EPISODE:
        raise ValidationError(
            {"workout": [_("An episode is already logged for this workout.")]},
            code="episode_logged",
        )
    return workout_mark_symptom_free(workout=workout, now=now)

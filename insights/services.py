"""The insights' writes: the in-app "no symptoms after this workout", experiments and
questionnaire answers."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from insights import mnsi
from insights.models import ONE_RUNNING, Experiment, MnsiResponse
from insights.selectors import experiment_comparison, workout_outcomes
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


# --- "Try one fix" experiments ----------------------------------------------------------


def experiment_start(
    *,
    user: Any,
    activity: str,
    planned_sessions: int,
    now: datetime,
    change_tag: str = "",
    change_text: str = "",
) -> Experiment:
    """Start an experiment now: its sessions are the next ``planned_sessions`` of
    ``activity``. One running experiment per activity."""
    experiment = Experiment(
        user=user,
        activity=activity,
        change_tag=change_tag,
        change_text=change_text.strip(),
        planned_sessions=planned_sessions,
        started_at=now,
    )
    experiment.full_clean()
    try:
        with transaction.atomic():
            experiment.save()
    except IntegrityError as error:  # a second start raced the first
        raise ValidationError(ONE_RUNNING) from error
    return experiment


def experiment_stop(*, experiment: Experiment, now: datetime) -> Experiment:
    """Stop a running experiment; stopped before its planned sessions, it is abandoned
    and compares nothing."""
    if experiment.ended_at is not None:
        return experiment
    comparison = experiment_comparison(experiment=experiment, now=now)
    experiment.ended_at = max(now, experiment.started_at)
    experiment.abandoned = comparison.done < experiment.planned_sessions
    experiment.save(update_fields=["ended_at", "abandoned"])
    return experiment


# --- Questionnaires ---------------------------------------------------------------------


def mnsi_record(*, user: Any, answers: list[bool], now: datetime) -> MnsiResponse:
    """Store one MNSI filling-in with its score (``insights.mnsi.score``)."""
    response = MnsiResponse(
        user=user, answered_at=now, answers=list(answers), score=mnsi.score(answers)
    )
    response.full_clean()
    response.save()
    return response

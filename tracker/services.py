"""The one write path for accounts, profiles, workouts and body weights."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.queue import enqueue_on_commit
from config.services import model_update
from tracker.erasure import user_files_delete, user_sessions_delete
from tracker.models import BodyWeight, Profile, Workout

User = get_user_model()

PROFILE_FIELDS = (
    "timezone",
    "language",
    "email_alerts",
    "weekly_digest",
    "log_reminders",
    "birth_year",
    "sex",
)
WORKOUT_FIELDS = (
    "activity",
    "started_at",
    "duration_minutes",
    "intensity",
    "tight_clothing",
    "notes",
)
BODY_WEIGHT_FIELDS = ("measured_on", "weight_kg")


def evaluation_request(*, user: Any) -> None:
    """Mark the user's data as changed and queue a pattern evaluation after commit.

    The mark stays until an evaluation that started after it finishes, so a write made
    while the broker is down is picked up by the periodic sweep.
    """
    Profile.objects.filter(user=user).update(evaluation_requested_at=timezone.now())
    enqueue_on_commit("alerts.tasks.evaluate_user_task", user.pk)


# --- Accounts -------------------------------------------------------------------------


def profile_get_or_create(*, user: AbstractBaseUser) -> Profile:
    """The user's profile; users made outside ``user_register`` (admin, shell) get one here."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def user_register(
    *, username: str, email: str, password: str, language: str = "en", timezone_name: str = "UTC"
) -> Any:
    """Create an account and its profile; ValidationError for a taken name or weak password."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("That username is taken.")]})
    user = User(username=username, email=User.objects.normalize_email(email))
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save()
    profile = Profile(user=user, language=language, timezone=timezone_name)
    profile.full_clean()
    profile.save()
    return user


@transaction.atomic
def profile_update(*, user: Any, data: dict[str, Any]) -> Profile:
    """Change the profile fields and email present in ``data``."""
    profile = profile_get_or_create(user=user)
    if "email" in data:
        model_update(instance=user, fields=["email"], data=data)
    profile, _changed = model_update(instance=profile, fields=PROFILE_FIELDS, data=data)
    return profile


@transaction.atomic
def user_delete(*, user: Any, password: str) -> None:
    """Delete the account and everything it owns, once the password is confirmed.

    Rows go by cascade; the files they name (export files) and the person's sessions are
    removed first, as nothing else would ever find them again. The one path for the API
    (``DELETE /api/v1/me/``) and the settings page.
    """
    if not user.check_password(password):
        raise ValidationError({"password": [_("The password is not correct.")]})
    # Files before rows: should the rows' delete fail, a lost export is rebuilt in a
    # click; files left behind by a committed delete would never be found again.
    user_files_delete(user=user)
    user_sessions_delete(user=user)
    user.delete()


# --- Workouts -------------------------------------------------------------------------


@transaction.atomic
def workout_create(
    *,
    user: Any,
    activity: str,
    started_at: datetime,
    duration_minutes: int,
    intensity: int | None = None,
    tight_clothing: bool = False,
    notes: str = "",
) -> Workout:
    workout = Workout(
        user=user,
        activity=activity,
        started_at=started_at,
        duration_minutes=duration_minutes,
        intensity=intensity,
        tight_clothing=tight_clothing,
        notes=notes,
    )
    workout.full_clean()
    workout.save()
    evaluation_request(user=user)
    return workout


@transaction.atomic
def workout_update(*, workout: Workout, data: dict[str, Any]) -> Workout:
    workout, changed = model_update(instance=workout, fields=WORKOUT_FIELDS, data=data)
    if changed:
        evaluation_request(user=workout.user)
    return workout


@transaction.atomic
def workout_delete(*, workout: Workout) -> None:
    user = workout.user
    workout.delete()
    evaluation_request(user=user)


@transaction.atomic
def workout_mark_symptom_free(*, workout: Workout, now: datetime | None = None) -> Workout:
    """Record the one-click "no symptoms after this workout" answer."""
    if workout.symptom_free_at is None:
        workout.symptom_free_at = now or timezone.now()
        workout.save(update_fields=["symptom_free_at", "updated_at"])
    return workout


# --- Body weight ----------------------------------------------------------------------


def _check_one_weight_per_day(
    *, user: Any, measured_on: date, exclude_id: int | None = None
) -> None:
    clash = BodyWeight.objects.filter(user=user, measured_on=measured_on)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if clash.exists():
        raise ValidationError({"measured_on": [_("There is already a weight for that day.")]})


@transaction.atomic
def body_weight_create(*, user: Any, measured_on: date, weight_kg: Decimal) -> BodyWeight:
    _check_one_weight_per_day(user=user, measured_on=measured_on)
    body_weight = BodyWeight(user=user, measured_on=measured_on, weight_kg=weight_kg)
    body_weight.full_clean()
    try:
        with transaction.atomic():
            body_weight.save()
    except IntegrityError as error:
        # Two requests for the same day raced past the check; the constraint decided.
        raise ValidationError(
            {"measured_on": [_("There is already a weight for that day.")]}
        ) from error
    evaluation_request(user=user)
    return body_weight


@transaction.atomic
def body_weight_update(*, body_weight: BodyWeight, data: dict[str, Any]) -> BodyWeight:
    if "measured_on" in data:
        _check_one_weight_per_day(
            user=body_weight.user, measured_on=data["measured_on"], exclude_id=body_weight.id
        )
    body_weight, changed = model_update(instance=body_weight, fields=BODY_WEIGHT_FIELDS, data=data)
    if changed:
        evaluation_request(user=body_weight.user)
    return body_weight


@transaction.atomic
def body_weight_delete(*, body_weight: BodyWeight) -> None:
    user = body_weight.user
    body_weight.delete()
    evaluation_request(user=user)

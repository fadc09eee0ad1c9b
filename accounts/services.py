"""The one write path for accounts and profiles."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.erasure import user_files_delete, user_login_attempts_delete, user_sessions_delete
from accounts.models import Profile
from common.queue import enqueue_on_commit
from common.services import model_update
from common.tasknames import TaskName

User = get_user_model()

PROFILE_FIELDS = (
    "reminder_time",
    "timezone",
    "language",
    "email_alerts",
    "weekly_digest",
    "log_reminders",
    "birth_year",
    "sex",
    "weight_unit",
)


def evaluation_request(*, user: Any) -> None:
    """Mark the user's data as changed and queue a pattern evaluation after commit.

    The mark stays until an evaluation that started after it finishes, so a write made
    while the broker is down is picked up by the periodic sweep.
    """
    Profile.objects.filter(user=user).update(evaluation_requested_at=timezone.now())
    enqueue_on_commit(TaskName.EVALUATE_USER, user.pk)


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
    user_login_attempts_delete(user=user)
    user.delete()

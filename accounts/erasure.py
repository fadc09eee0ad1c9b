"""What deleting an account removes beyond the rows its foreign keys cascade to.

The database cascades every row pointing at the person. Two things it cannot reach:
the files those rows name (background exports in storage) and the sessions, whose
owner is only inside their encoded data. ``user_delete`` calls both before the rows go.
"""

import contextlib
import os
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import models

# The engines that keep sessions in django_session, where they can be found again.
DATABASE_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def _files_of(model: type[models.Model]) -> list[models.FileField]:
    return [field for field in model._meta.fields if isinstance(field, models.FileField)]


def _user_fields_of(model: type[models.Model]) -> list[models.Field]:
    user_model = get_user_model()
    return [
        field
        for field in model._meta.fields
        if field.is_relation and field.related_model is user_model
    ]


def stored_file_delete(stored: Any) -> None:
    """Delete a FieldFile from its storage, and its folder once empty (export files each
    have their own random folder, which would otherwise pile up empty)."""
    name = stored.name
    stored.storage.delete(name)
    folder = os.path.dirname(name)
    if not folder:
        return
    with contextlib.suppress(NotImplementedError, OSError):  # not on disk, or not empty
        os.rmdir(stored.storage.path(folder))


def user_files_delete(*, user: Any) -> int:
    """Delete from storage every file named by a row that points at ``user``; the count."""
    deleted = 0
    for model in apps.get_models():
        file_fields = _files_of(model)
        if not file_fields:
            continue
        for user_field in _user_fields_of(model):
            rows = model._default_manager.filter(**{user_field.name: user})
            for row in rows.only("pk", *(field.name for field in file_fields)).iterator():
                for field in file_fields:
                    stored = getattr(row, field.name)
                    if stored:
                        stored_file_delete(stored)
                        deleted += 1
    return deleted


def user_sessions_delete(*, user: Any) -> int:
    """End every stored session logged in as ``user``, expired ones included; the count.

    The user's id is only inside each session's encoded data, so every row is decoded.
    Sessions kept outside the database (cookies, a cache alone) cannot be listed; they
    die with the account, as Django refuses a session whose user no longer exists.
    """
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user._meta.pk.value_to_string(user))
    keys = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=500)
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    for key in keys:
        store(session_key=key).delete()  # the row, and its cache entry with cached_db
    return len(keys)


def user_login_attempts_delete(*, user: Any) -> int:
    """Failed log-in counters (django-axes) keep the username as text, not a foreign key,
    so the cascade never reaches them; they name the person, so they go too."""
    from axes.models import AccessAttempt, AccessFailureLog

    username = user.get_username()
    deleted, _ = AccessAttempt.objects.filter(username=username).delete()
    failures, _ = AccessFailureLog.objects.filter(username=username).delete()
    return deleted + failures

"""Figure 2: every writable serializer and every page form, sent every field it must not
take with a hostile value: protected fields changed = 0.

The protected fields are found by introspection: every concrete field of the models an
operation writes (and of the person's own user and profile) that its serializer or form
does not list as writable. A hostile value is one no honest request produces (a date in
2001, the id of another person's object, ``True`` for ``is_staff``...); a field counts as
changed when it ends up holding that value. Writable foreign keys are then sent pointing
at the other person's objects, and must not be stored so.

Every API operation with a request body and every form class of the project is either a
case here or listed in ``NOT_WRITES`` with the reason, so a new one fails the test.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer

from accounts.forms import ProfileForm, ReminderForm, SignupForm
from accounts.models import Profile
from accounts.serializers import ProfileSerializer, RegisterSerializer
from alerts.models import Alert
from feeds.models import CalendarFeed
from imports.forms import ImportForm
from imports.models import ImportJob, MergeCandidate
from imports.serializers import ImportUploadSerializer
from insights.forms import ExperimentForm, MnsiForm
from insights.models import Experiment, MnsiResponse
from reports.models import ShareLink
from reports.serializers import (
    BodyWeightItemSerializer,
    EpisodeItemSerializer,
    ShareLinkCreateSerializer,
    WorkoutItemSerializer,
)
from reports.views import ShareLinkForm
from symptoms.forms import EpisodeForm, EpisodeQuickForm, NumbNowForm
from symptoms.models import Episode
from symptoms.serializers import EpisodeEndSerializer, EpisodeSerializer
from tests.security.people import (
    Owner,
    changed_tables,
    owner_with_everything,
    report,
    schema_routes,
    snapshot,
)
from tracker.forms import BodyWeightForm, WorkoutForm
from tracker.models import BodyWeight, Workout
from tracker.serializers import BodyWeightSerializer, WorkoutSerializer

pytestmark = pytest.mark.django_db
User = get_user_model()

HOSTILE_ID = 987_654
HOSTILE_UUID = UUID("00000000-0000-4000-8000-00000000dead")
HOSTILE_MOMENT = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
HOSTILE_DAY = date(2001, 2, 3)
# Names no model has, tried everywhere: privilege flags and ownership under other names.
EXTRA_NAMES = ["is_staff", "is_superuser", "owner", "owner_id", "user", "user_id", "key", "token"]

# Operations and forms that write no field of a stored row, and why.
NOT_WRITES = {
    "DELETE /api/v1/me/": "deletes the account; its body is the password only",
    "DELETE /api/v1/share-links/{share_link_id}/": "revokes; no body",
    "DELETE /api/v1/workouts/{pk}/": "deletes; no body",
    "DELETE /api/v1/body-weights/{pk}/": "deletes; no body",
    "DELETE /api/v1/episodes/{pk}/": "deletes; no body",
    "HistoryFilterForm": "filters a list, stores nothing",
    "AlertFilterForm": "filters a list, stores nothing",
    "PeriodForm": "the date range of a download, stores nothing",
    "ExportForm": "a download below 2,000 rows answers the file; the job stores only "
    "format and dates, chosen by the person",
    "AccountDeleteForm": "deletes the account",
    "EpisodeForm (admin)": "the admin's, for staff only",
    "WebForm": "a base class, no fields",
    "SymptomFields": "a base class, used through EpisodeForm and EpisodeQuickForm",
}


def hostile(f: models.Field, victim: Owner) -> tuple[Any, Any] | None:
    """(what is sent, what would be stored) for ``f``, or None when there is nothing to send."""
    if f.is_relation:
        target = f.related_model
        if target is User:
            return victim.user.pk, victim.user.pk
        for obj in victim.objects.values():
            if type(obj) is target:
                return obj.pk, obj.pk
        return None
    if isinstance(f, models.AutoField):
        return HOSTILE_ID, HOSTILE_ID
    if isinstance(f, models.UUIDField):
        return str(HOSTILE_UUID), HOSTILE_UUID
    if isinstance(f, models.DateTimeField):
        return HOSTILE_MOMENT.isoformat(), HOSTILE_MOMENT
    if isinstance(f, models.DateField):
        return HOSTILE_DAY.isoformat(), HOSTILE_DAY
    if isinstance(f, models.BooleanField):
        value = not f.default if isinstance(f.default, bool) else True
        return value, value
    if isinstance(f, models.DecimalField):
        return "123.4", Decimal("123.4")
    if isinstance(f, models.IntegerField):
        return 4242, 4242
    if isinstance(f, models.JSONField):
        return {"hostile": True}, {"hostile": True}
    if isinstance(f, models.FileField):
        return "exports/hostile.json", "exports/hostile.json"
    if isinstance(f, models.CharField | models.TextField):
        if f.choices:
            value = next(v for v, _ in reversed(f.choices) if v != f.default)
            return value, value
        value = "hostile"[: f.max_length or 7]
        return value, value
    return None


def serializer_writable(serializer: type[serializers.Serializer]) -> set[str]:
    """The model fields a serializer writes: its writable fields, by source."""
    names = set()
    for name, f in serializer().fields.items():
        if not f.read_only:
            names.add(name)
            names.add(f.source.split(".")[-1] if f.source and f.source != "*" else name)
    return names


def form_writable(form: type[forms.BaseForm]) -> set[str]:
    return set(form.base_fields)


@dataclass
class Case:
    """One write: ``watch`` lists (model, which rows) whose protected fields are checked."""

    name: str
    method: str
    url: Callable[[Owner], str]
    body: Callable[[Owner], dict[str, Any]]
    writable: set[str]
    watch: list[tuple[type[models.Model], str]]
    api: bool = True
    own_fk: dict[str, str] = field(default_factory=dict)  # writable FK -> victim's object
    prefix: str = ""
    multipart: bool = False  # an upload: the body goes as multipart/form-data


def _when(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


def _workout(o: Owner) -> dict[str, Any]:
    return {"activity": "cycling", "started_at": _when(30).isoformat(), "duration_minutes": 33}


def _workout_form(o: Owner) -> dict[str, Any]:
    return {**_workout(o), "started_at": _when(30).strftime("%Y-%m-%dT%H:%M")}


def _episode(o: Owner) -> dict[str, Any]:
    return {
        "started_at": _when(20).isoformat(),
        "ended_at": _when(19).isoformat(),
        "sensations": ["burning"],
        "locations": ["shin"],
    }


def _episode_form(o: Owner) -> dict[str, Any]:
    return {
        **_episode(o),
        "started_at": _when(20).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": _when(19).strftime("%Y-%m-%dT%H:%M"),
        "side": "left",
    }


def _weight(days: int) -> Callable[[Owner], dict[str, Any]]:
    return lambda o: {
        "measured_on": (timezone.localdate() - timedelta(days=days)).isoformat(),
        "weight_kg": "77.7",
    }


def _own(name: str, path: str) -> Callable[[Owner], str]:
    return lambda o: path.format(o.pk(name))


def _own_uuid(name: str, path: str) -> Callable[[Owner], str]:
    return lambda o: path.format(o.objects[name].uuid)


def _upload(o: Owner) -> dict[str, Any]:
    gpx = b'<?xml version="1.0"?><gpx version="1.1" creator="test"></gpx>'
    return {"file": SimpleUploadedFile("ride.gpx", gpx, content_type="application/gpx+xml")}


# What a cancel sets by itself, whatever the body says: the request to stop, and the
# status of a job that was still waiting.
CANCEL_EFFECT = {"cancel_requested", "status"}


ME = [(User, "requester"), (Profile, "requester"), (Token, "requester")]
PROFILE_FORM = {"email", "language", "timezone", "email_alerts", "weekly_digest"}
PROFILE_FORM |= {"log_reminders", "birth_year", "sex"}

CASES = [
    Case(
        "POST /api/v1/workouts/",
        "POST",
        lambda o: "/api/v1/workouts/",
        _workout,
        serializer_writable(WorkoutSerializer),
        [(Workout, "new"), *ME],
    ),
    Case(
        "PUT /api/v1/workouts/{pk}/",
        "PUT",
        _own("workout", "/api/v1/workouts/{}/"),
        _workout,
        serializer_writable(WorkoutSerializer),
        [(Workout, "workout"), *ME],
    ),
    Case(
        "PATCH /api/v1/workouts/{pk}/",
        "PATCH",
        _own("workout", "/api/v1/workouts/{}/"),
        lambda o: {"notes": "patched"},
        serializer_writable(WorkoutSerializer),
        [(Workout, "workout"), *ME],
    ),
    Case(
        "POST /api/v1/body-weights/",
        "POST",
        lambda o: "/api/v1/body-weights/",
        _weight(10),
        serializer_writable(BodyWeightSerializer),
        [(BodyWeight, "new"), *ME],
    ),
    Case(
        "PUT /api/v1/body-weights/{pk}/",
        "PUT",
        _own("body_weight", "/api/v1/body-weights/{}/"),
        _weight(11),
        serializer_writable(BodyWeightSerializer),
        [(BodyWeight, "body_weight"), *ME],
    ),
    Case(
        "PATCH /api/v1/body-weights/{pk}/",
        "PATCH",
        _own("body_weight", "/api/v1/body-weights/{}/"),
        lambda o: {"weight_kg": "78.8"},
        serializer_writable(BodyWeightSerializer),
        [(BodyWeight, "body_weight"), *ME],
    ),
    Case(
        "POST /api/v1/episodes/",
        "POST",
        lambda o: "/api/v1/episodes/",
        _episode,
        serializer_writable(EpisodeSerializer),
        [(Episode, "new"), *ME],
        own_fk={"workout": "workout"},
    ),
    Case(
        "PUT /api/v1/episodes/{pk}/",
        "PUT",
        _own("episode", "/api/v1/episodes/{}/"),
        _episode,
        serializer_writable(EpisodeSerializer),
        [(Episode, "episode"), *ME],
        own_fk={"workout": "workout"},
    ),
    Case(
        "PATCH /api/v1/episodes/{pk}/",
        "PATCH",
        _own("episode", "/api/v1/episodes/{}/"),
        lambda o: {"severity": 2},
        serializer_writable(EpisodeSerializer),
        [(Episode, "episode"), *ME],
        own_fk={"workout": "workout"},
    ),
    Case(
        "POST /api/v1/episodes/{pk}/end/",
        "POST",
        _own("ongoing", "/api/v1/episodes/{}/end/"),
        lambda o: {},
        serializer_writable(EpisodeEndSerializer),
        [(Episode, "ongoing"), *ME],
    ),
    Case(
        "POST /api/v1/alerts/{pk}/acknowledge/",
        "POST",
        _own("alert", "/api/v1/alerts/{}/acknowledge/"),
        lambda o: {},
        set(),
        [(Alert, "alert"), *ME],
    ),
    Case(
        "PATCH /api/v1/me/",
        "PATCH",
        lambda o: "/api/v1/me/",
        lambda o: {"language": "id"},
        serializer_writable(ProfileSerializer),
        ME,
    ),
    Case(
        "POST /api/v1/auth/register/",
        "POST",
        lambda o: "/api/v1/auth/register/",
        lambda o: {"username": "newcomer", "email": "n@example.com", "password": "Xk9!v2#pLq"},
        serializer_writable(RegisterSerializer) | {"password"},
        [(User, "new"), (Profile, "new")],
    ),
    Case(
        "POST /api/v1/auth/token/",
        "POST",
        lambda o: "/api/v1/auth/token/",
        lambda o: {"username": o.user.username, "password": o.password},
        serializer_writable(AuthTokenSerializer),
        [(Token, "new"), *ME],
    ),
    Case(
        "POST /api/v1/share-links/",
        "POST",
        lambda o: "/api/v1/share-links/",
        lambda o: {"expires_in_days": 3},
        serializer_writable(ShareLinkCreateSerializer) | {"start_on", "end_on"},
        [(ShareLink, "new"), *ME],
    ),
    Case(
        "POST /api/v1/imports/",
        "POST",
        lambda o: "/api/v1/imports/",
        _upload,
        serializer_writable(ImportUploadSerializer),
        [(ImportJob, "new"), *ME],
        multipart=True,
    ),
    Case(
        "POST /api/v1/imports/{job_id}/cancel/",
        "POST",
        _own("import_job", "/api/v1/imports/{}/cancel/"),
        lambda o: {},
        CANCEL_EFFECT,
        [(ImportJob, "import_job"), *ME],
    ),
    Case(
        "POST /api/v1/import/",
        "POST",
        lambda o: "/api/v1/import/",
        lambda o: {},  # built by _import_body: the hostile fields go into every item
        serializer_writable(WorkoutItemSerializer)
        | serializer_writable(EpisodeItemSerializer)
        | serializer_writable(BodyWeightItemSerializer),
        [(Workout, "new"), (Episode, "new"), (BodyWeight, "new"), *ME],
    ),
    # Pages
    Case(
        "POST /workouts/new/",
        "POST",
        lambda o: "/workouts/new/",
        _workout_form,
        form_writable(WorkoutForm),
        [(Workout, "new"), *ME],
        api=False,
    ),
    Case(
        "POST /workouts/{pk}/edit/",
        "POST",
        _own("workout", "/workouts/{}/edit/"),
        _workout_form,
        form_writable(WorkoutForm),
        [(Workout, "workout"), *ME],
        api=False,
    ),
    Case(
        "POST /weights/{pk}/edit/",
        "POST",
        _own("body_weight", "/weights/{}/edit/"),
        _weight(13),
        form_writable(BodyWeightForm),
        [(BodyWeight, "body_weight"), *ME],
        api=False,
    ),
    Case(
        "POST /weights/",
        "POST",
        lambda o: "/weights/",
        _weight(12),
        form_writable(BodyWeightForm),
        [(BodyWeight, "new"), *ME],
        api=False,
    ),
    Case(
        "POST /episodes/new/",
        "POST",
        lambda o: "/episodes/new/",
        _episode_form,
        form_writable(EpisodeForm),
        [(Episode, "new"), *ME],
        api=False,
        own_fk={"workout": "workout"},
    ),
    Case(
        "POST /episodes/{pk}/edit/",
        "POST",
        _own("episode", "/episodes/{}/edit/"),
        _episode_form,
        form_writable(EpisodeForm),
        [(Episode, "episode"), *ME],
        api=False,
        own_fk={"workout": "workout"},
    ),
    Case(
        "POST /episodes/{pk}/details/",
        "POST",
        _own("ongoing", "/episodes/{}/details/"),
        lambda o: {"sensations": ["numbness"], "locations": ["calf"], "side": "left"},
        form_writable(EpisodeQuickForm),
        [(Episode, "ongoing"), *ME],
        api=False,
    ),
    Case(
        "POST /episodes/{pk}/end/",
        "POST",
        _own("ongoing", "/episodes/{}/end/"),
        lambda o: {},
        set(),
        [(Episode, "ongoing"), *ME],
        api=False,
    ),
    Case(
        "POST /episodes/numb-now/",
        "POST",
        lambda o: "/episodes/numb-now/",
        lambda o: {
            "since": int(_when(0.2).timestamp()),
            "sensations": ["numbness"],
            "locations": ["calf"],
            "side": "left",
        },
        form_writable(NumbNowForm),
        [(Episode, "new"), *ME],
        api=False,
    ),
    Case(
        "POST /alerts/{pk}/acknowledge/",
        "POST",
        _own("alert", "/alerts/{}/acknowledge/"),
        lambda o: {},
        set(),
        [(Alert, "alert"), *ME],
        api=False,
    ),
    Case(
        "POST /alerts/{pk}/acknowledge/ (I'm fine now)",
        "POST",
        _own("alert", "/alerts/{}/acknowledge/"),
        lambda o: {"fine_now": "1"},
        {"fine_now", "acknowledged_fine"},  # the answer the person gives, by choice
        [(Alert, "alert"), *ME],
        api=False,
    ),
    Case(
        "POST /welcome/3/",
        "POST",
        lambda o: "/welcome/3/",
        lambda o: {"log_reminders": "on"},
        form_writable(ReminderForm),
        ME,
        api=False,
    ),
    Case(
        "POST /imports/",
        "POST",
        lambda o: "/imports/",
        _upload,
        form_writable(ImportForm),
        [(ImportJob, "new"), *ME],
        api=False,
        multipart=True,
    ),
    Case(
        "POST /imports/{job_uuid}/cancel/",
        "POST",
        _own_uuid("import_job", "/imports/{}/cancel/"),
        lambda o: {},
        CANCEL_EFFECT,
        [(ImportJob, "import_job"), *ME],
        api=False,
    ),
    Case(
        "POST /imports/merges/{candidate_id}/",
        "POST",
        _own("merge_candidate", "/imports/merges/{}/"),
        lambda o: {"choice": "keep"},
        {"choice"},
        [(MergeCandidate, "merge_candidate"), (Workout, "workout"), *ME],
        api=False,
    ),
    Case(
        "POST /calendar/revoke/",
        "POST",
        lambda o: "/calendar/revoke/",
        lambda o: {},
        set(),
        [(CalendarFeed, "calendar_feed"), *ME],
        api=False,
    ),
    Case(
        "POST /calendar/new/",
        "POST",
        lambda o: "/calendar/new/",
        lambda o: {},
        set(),
        [(CalendarFeed, "new"), *ME],
        api=False,
    ),
    Case(
        "POST /settings/",
        "POST",
        lambda o: "/settings/",
        lambda o: {"email": o.user.email, "language": "en", "timezone": "Asia/Jakarta"},
        form_writable(ProfileForm),
        ME,
        api=False,
    ),
    Case(
        "POST /settings/password/",
        "POST",
        lambda o: "/settings/password/",
        lambda o: {
            "old_password": o.password,
            "new_password1": "Another-Passw0rd!",
            "new_password2": "Another-Passw0rd!",
        },
        form_writable(PasswordChangeForm) | {"password"},
        ME,
        api=False,
    ),
    Case(
        "POST /signup/",
        "POST",
        lambda o: "/signup/",
        lambda o: {
            "username": "pagecomer",
            "email": "p@example.com",
            "password": "Xk9!v2#pLq",
            "password_again": "Xk9!v2#pLq",
            "language": "en",
            "timezone": "UTC",
        },
        form_writable(SignupForm),
        [(User, "new"), (Profile, "new")],
        api=False,
    ),
    Case(
        "POST /reports/share-links/",
        "POST",
        lambda o: "/reports/share-links/",
        lambda o: {"expires_in_days": 3},
        form_writable(ShareLinkForm) | {"start_on", "end_on"},
        [(ShareLink, "new"), *ME],
        api=False,
        prefix="share-",
    ),
    Case(
        "POST /insights/experiments/new/",
        "POST",
        lambda o: "/insights/experiments/new/",
        lambda o: {"activity": "stepper", "change_tag": "shoes_or_lacing", "planned_sessions": 8},
        form_writable(ExperimentForm),
        [(Experiment, "new"), *ME],
        api=False,
    ),
    Case(
        "POST /insights/experiments/{pk}/stop/",
        "POST",
        _own("experiment", "/insights/experiments/{}/stop/"),
        lambda o: {},
        set(),
        [(Experiment, "experiment"), *ME],
        api=False,
    ),
    Case(
        "POST /insights/mnsi/new/",
        "POST",
        lambda o: "/insights/mnsi/new/",
        lambda o: {f"q{n}": "no" for n in range(1, 16)},
        {f"q{n}" for n in range(1, 16)},
        [(MnsiResponse, "new"), *ME],
        api=False,
    ),
]
PAGE_FORMS = {
    NumbNowForm,
    ReminderForm,
    ImportForm,
    WorkoutForm,
    BodyWeightForm,
    EpisodeForm,
    EpisodeQuickForm,
    ProfileForm,
    SignupForm,
    ShareLinkForm,
    ExperimentForm,
    MnsiForm,
}


def protected_fields(model: type[models.Model], writable: set[str]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in writable]


def hostile_body(case: Case, victim: Owner) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for model, _rows in case.watch:
        for f in protected_fields(model, case.writable):
            value = hostile(f, victim)
            if value is not None:
                body.setdefault(f.name, value[0])
                body.setdefault(f.attname, value[0])
    for name in EXTRA_NAMES:
        if name not in case.writable:
            body.setdefault(name, True if name.startswith("is_") else victim.user.pk)
    return body


def _import_body(attacker: Owner, extra: dict[str, Any]) -> dict[str, Any]:
    from reports.exports import SCHEMA_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "workouts": [
            {
                **extra,
                "uuid": "5f2b3c1e-0000-4000-8000-000000000001",
                "activity": "walking",
                "started_at": _when(50).isoformat(),
                "duration_minutes": 20,
            }
        ],
        "body_weights": [{**extra, "measured_on": "2025-05-05", "weight_kg": "70.0"}],
        "episodes": [
            {
                **extra,
                "uuid": "5f2b3c1e-0000-4000-8000-000000000002",
                "started_at": _when(49).isoformat(),
                "sensations": ["tingling"],
                "locations": ["calf"],
            }
        ],
        **extra,
    }


@dataclass
class Tally:
    attempts: int = 0
    requests: int = 0
    accepted: int = 0
    changed: list[str] = field(default_factory=list)


def rows_for(
    model: type[models.Model], which: str, attacker: Owner, before: dict[type, set[int]]
) -> list[models.Model]:
    manager = model._default_manager
    if which == "new":
        return list(manager.exclude(pk__in=before[model]))
    if which == "requester":
        lookup = {"pk": attacker.user.pk} if model is User else {"user": attacker.user}
        return list(manager.filter(**lookup))
    return list(manager.filter(pk=attacker.objects[which].pk))


def send(client: Client, case: Case, url: str, body: dict[str, Any]) -> Any:
    if case.api and not case.multipart:
        return client.generic(case.method, url, json.dumps(body), content_type="application/json")
    form = {
        f"{case.prefix}{k}" if k in case.writable or k in ("expires_in_days",) else k: v
        for k, v in body.items()
    }
    flat = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in form.items()}
    if case.multipart:
        return client.post(url, flat)  # multipart/form-data, the file as a file part
    return client.generic(
        case.method,
        url,
        urlencode(flat, doseq=True),
        content_type="application/x-www-form-urlencoded",
    )


def run_case(case: Case, attacker: Owner, victim: Owner, client: Client, tally: Tally) -> None:
    url = case.url(attacker)
    extra = hostile_body(case, victim)
    if case.name == "POST /api/v1/import/":
        body = _import_body(attacker, extra)
    else:
        body = {**extra, **case.body(attacker)}
    watched = {model for model, _ in case.watch}
    before_pks = {m: set(m._default_manager.values_list("pk", flat=True)) for m in watched}
    before_rows = {
        (m, which): {r.pk: r for r in rows_for(m, which, attacker, before_pks)}
        for m, which in case.watch
        if which != "new"
    }
    victim_before = snapshot(victim.user)

    response = send(client, case, url, body)

    tally.requests += 1
    tally.accepted += response.status_code < 400
    for model, which in case.watch:
        for row in rows_for(model, which, attacker, before_pks):
            old = before_rows.get((model, which), {}).get(row.pk)
            for f in protected_fields(model, case.writable):
                value = hostile(f, victim)
                if value is None or value[0] not in (body.get(f.name), body.get(f.attname)):
                    continue
                tally.attempts += 1
                landed = getattr(row, f.attname) == value[1]
                if landed and (old is None or getattr(old, f.attname) != value[1]):
                    tally.changed.append(f"{case.name}: {model._meta.label}.{f.name}")
    if changed := changed_tables(victim_before, snapshot(victim.user)):
        tally.changed.append(f"{case.name}: the other person's {changed}")


def run_own_fk(case: Case, attacker: Owner, victim: Owner, client: Client, tally: Tally) -> None:
    """Writable foreign keys pointed at the other person's objects: never stored so."""
    for name, victims_object in case.own_fk.items():
        target_pk = victim.objects[victims_object].pk
        model = case.watch[0][0]
        before = set(model._default_manager.values_list("pk", flat=True))
        response = send(client, case, case.url(attacker), {**case.body(attacker), name: target_pk})
        tally.requests += 1
        tally.attempts += 1
        rows = model._default_manager.filter(**{f"{name}_id": target_pk}).exclude(user=victim.user)
        if rows.exists():
            tally.changed.append(f"{case.name}: {name} of another person ({response.status_code})")
        model._default_manager.exclude(pk__in=before).delete()


PROJECT_APPS = {
    "common",
    "accounts",
    "tracker",
    "symptoms",
    "alerts",
    "notifications",
    "reports",
    "insights",
    "imports",
    "feeds",
    "dashboard",
}


def project_form_classes() -> set[type[forms.BaseForm]]:
    found: set[type[forms.BaseForm]] = set()
    stack: list[type] = [forms.Form, forms.ModelForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in PROJECT_APPS:
                found.add(sub)
    return found


def test_every_api_write_and_page_form_is_tried_or_named_as_no_write():
    tried = {c.name for c in CASES}
    writes = {
        f"{method} {path.replace('{id}', '{pk}')}"
        for path, methods in schema_routes().items()
        for method in methods
        if method in ("POST", "PUT", "PATCH", "DELETE")
    }
    forms_named = {c.__name__ for c in PAGE_FORMS} | set(NOT_WRITES)
    admin_forms = {c for c in project_form_classes() if c.__module__.endswith(".admin")}

    assert writes - tried - set(NOT_WRITES) == set()
    assert {c.__name__ for c in project_form_classes() - admin_forms} - forms_named == set()


def test_no_protected_field_takes_a_hostile_value(record_property):
    victim = owner_with_everything("alice")
    attacker = owner_with_everything("mallory")
    token = Token.objects.get(user=attacker.user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.force_login(attacker.user)
    tally = Tally()

    for case in CASES:
        if case.name == "POST /settings/password/":
            continue  # last: it ends the session
        run_case(case, attacker, victim, client, tally)
        run_own_fk(case, attacker, victim, client, tally)
    run_case(
        next(c for c in CASES if c.name == "POST /settings/password/"),
        attacker,
        victim,
        client,
        tally,
    )

    report(
        record_property,
        "mass_assignment",
        protected_changed=len(tally.changed),
        attempts=tally.attempts,
        requests=tally.requests,
        accepted=tally.accepted,
        operations=len(CASES),
    )
    assert tally.changed == []
    # Most requests must be accepted, or the figure would only say that bad bodies fail.
    assert tally.accepted >= len(CASES) - 2

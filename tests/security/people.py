"""Two people for the trust figures: Alice, who owns one object of every kind, and
whoever tries to reach them. Alice's rows are found by introspecting foreign keys, so a
new model that points at a person is watched without anyone listing it here."""

import functools
import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, models
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from alerts.models import Alert
from feeds.services import calendar_feed_create
from imports.models import ImportJob, MergeCandidate
from insights.models import Experiment
from insights.services import mnsi_record
from notifications import links
from notifications.models import OutboxEmail
from reports import services as report_services
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory

User = get_user_model()


def marker() -> str:
    """A string that appears nowhere but in the notes it is written to."""
    return f"CANARY-{uuid4().hex}"


@dataclass
class Owner:
    """A person with one object of every kind; ``secret`` is in the notes of each."""

    user: Any
    secret: str
    password: str = "correct horse battery"
    objects: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def pk(self, name: str) -> Any:
        obj = self.objects[name]
        return obj.uuid if name == "export_job" else obj.pk


def owner_with_everything(username: str = "alice") -> Owner:
    """``username`` with a workout, body weight, ended and ongoing episodes, an alert, an
    active and a revoked share link, a finished export file, an outbox email, a token, an
    import waiting to run, a merge candidate and a calendar feed (and a revoked one)."""
    secret = marker()
    user = UserFactory(username=username)
    now = timezone.now()
    workout = WorkoutFactory(user=user, notes=secret, started_at=now - timedelta(hours=5))
    episode = EpisodeFactory(
        user=user, workout=workout, notes=secret, started_at=now - timedelta(hours=4)
    )
    ongoing = EpisodeFactory(
        user=user, notes=secret, started_at=now - timedelta(minutes=10), ended_at=None
    )
    weight = BodyWeightFactory(user=user, weight_kg=Decimal("81.5"))
    alert = Alert.objects.create(
        user=user,
        rule="prolonged_tingling",
        level="see_doctor",
        identity=f"episode:{episode.pk}",
        context={"date": "2026-11-20", "time": "07:30", "minutes": 75, "ongoing": False},
        created_at=now,
    )
    alert.episodes.add(episode)
    link, link_token = report_services.share_link_create(user=user, expires_in_days=7)
    revoked, revoked_token = report_services.share_link_create(user=user, expires_in_days=7)
    report_services.share_link_revoke(share_link=revoked)
    job = report_services.export_job_run(
        job=report_services.export_job_create(user=user, format="json", start=None, end=None)
    )
    outbox = OutboxEmail.objects.create(
        user=user, kind="alert", key=f"alert:{alert.pk}", alert=alert, subject="An alert"
    )
    token, _ = Token.objects.get_or_create(user=user)
    import_job = ImportJob.objects.create(
        user=user, filename=f"{secret}.gpx", size_bytes=9, errors=[{"file": secret, "error": "x"}]
    )
    imported = WorkoutFactory(
        user=user,
        notes=secret,
        source="gpx",
        source_id=secret,
        started_at=now - timedelta(hours=5),
    )
    merge = MergeCandidate.objects.create(user=user, manual=workout, imported=imported)
    _old_feed, revoked_feed_token = calendar_feed_create(user=user)
    feed, _feed_token = calendar_feed_create(user=user)  # revokes the first address
    # A failed log-in as Alice from an address: axes keeps it by username (its admin lists it).
    attempt = AccessAttempt.objects.create(
        username=username, ip_address="192.0.2.7", user_agent="test", failures_since_start=1
    )
    failure = AccessFailureLog.objects.create(
        username=username, ip_address="192.0.2.7", user_agent="test"
    )
    access = AccessLog.objects.create(username=username, ip_address="192.0.2.7", user_agent="test")
    # A finished experiment (stopping it again changes nothing) and a questionnaire answer.
    experiment = Experiment.objects.create(
        user=user,
        activity="yoga",
        change_tag="held_pose",
        change_text=secret[:100],
        planned_sessions=6,
        started_at=now - timedelta(days=20),
        ended_at=now - timedelta(days=1),
    )
    mnsi_response = mnsi_record(user=user, answers=[True] * 15, now=now - timedelta(days=2))
    owner = Owner(user=user, secret=secret)
    owner.objects = {
        "user": user,
        "profile": user.profile,
        "token": token,
        "workout": workout,
        "episode": episode,
        "ongoing": ongoing,
        "body_weight": weight,
        "alert": alert,
        "share_link": link,
        "revoked_share_link": revoked,
        "export_job": job,
        "experiment": experiment,
        "mnsi_response": mnsi_response,
        "outbox_email": outbox,
        "import_job": import_job,
        "imported_workout": imported,
        "merge_candidate": merge,
        "calendar_feed": feed,
        "access_attempt": attempt,
        "access_failure": failure,
        "access_log": access,
        # Not a person's: the admin's groups, so the group routes have an object too.
        "group": Group.objects.create(name=f"clinic-{uuid4().hex[:6]}"),
    }
    owner.tokens = {
        "share": link_token,
        "revoked_share": revoked_token,
        # Signed for the digest, presented as an alert unsubscribe: must not work.
        "unsubscribe_wrong_kind": links.unsubscribe_token(user_id=user.pk, kind="digest"),
        "no_symptoms_tampered": links.no_symptoms_token(user_id=user.pk, workout_id=workout.pk)
        + "x",
        "revoked_calendar": revoked_feed_token,
    }
    return owner


# --- What belongs to a person -------------------------------------------------------------


def _path_to_user(model: type[models.Model], depth: int = 3) -> str | None:
    """The lookup from ``model`` to its owner's id (``user_id``, ``episode__user_id``...)."""
    if model is User:
        return "pk"
    if depth == 0:
        return None
    for f in model._meta.get_fields():
        if not (f.is_relation and f.concrete and (f.many_to_one or f.one_to_one)):
            continue
        target = f.related_model
        if target is User:
            return f"{f.name}_id"
        if target is not None and target is not model:
            inner = _path_to_user(target, depth - 1)
            if inner is not None and inner != "pk":
                return f"{f.name}__{inner}"
    return None


def personal_models() -> list[tuple[type[models.Model], str]]:
    """Every concrete model (m2m tables included) whose rows lead to a person, and the lookup."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        path = _path_to_user(model)
        if path is not None:
            found.append((model, path))
    return found


def snapshot(user: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model that leads to ``user``, field by field.

    The queries are compiled once per person and then run as plain SQL: the matrix takes
    a snapshot after each of its ~1,200 requests.
    """
    with connection.cursor() as cursor:
        taken = {}
        for label, sql, params in _snapshot_queries(user.pk):
            cursor.execute(sql, params)
            taken[label] = cursor.fetchall()
    return taken


@functools.cache
def _personal_models_cached() -> tuple[tuple[type[models.Model], str], ...]:
    return tuple(personal_models())


def _snapshot_queries(user_id: int) -> list[tuple[str, str, tuple[Any, ...]]]:
    queries = []
    for model, path in _personal_models_cached():
        queryset = model._default_manager.filter(**{path: user_id}).order_by("pk")
        sql, params = queryset.values_list().query.sql_with_params()
        queries.append((model._meta.label, sql, params))
    return queries


def changed_tables(before: dict[str, list], after: dict[str, list]) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


# --- Responses ----------------------------------------------------------------------------


def body_of(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def mentions(response: HttpResponse, secret: str) -> bool:
    """True when the secret is in the body or in any header (a redirect's Location...)."""
    if secret.encode() in body_of(response):
        return True
    return any(secret in str(value) for value in response.headers.values())


# --- Routes -------------------------------------------------------------------------------

_CONVERTER = re.compile(r"<(?:[^:>]+:)?([^>]+)>")
_GROUP = re.compile(r"\(\?P<([^>]+)>[^)]*\)")


def route_template(route: str) -> str:
    """``api/v1/^episodes/(?P<pk>[^/.]+)/end/$`` -> ``/api/v1/episodes/{pk}/end/``."""
    route = _GROUP.sub(r"{\1}", route)
    route = _CONVERTER.sub(r"{\1}", route)
    route = route.replace("^", "").replace("$", "")
    return "/" + route


def resolver_routes() -> list[str]:
    """Every route of the URL resolver, as a template with ``{param}`` placeholders."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns: list, prefix: str) -> list[str]:
        out: list[str] = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                out += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                out.append(route_template(prefix + str(pattern.pattern)))
        return out

    return sorted(set(walk(get_resolver().url_patterns, "")))


def schema_routes() -> dict[str, list[str]]:
    """The OpenAPI paths, drf-spectacular's generator run in-process: ``{path: [methods]}``."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: sorted(m.upper() for m in operations if m != "parameters")
        for path, operations in schema["paths"].items()
    }


def report(record_property: Any, name: str, **values: Any) -> None:
    """Print ``FIGURE name k=v ...`` and keep it in the JUnit XML (``figure`` property),
    where ``tests/conftest.py`` finds it for the summary at the end of the run."""
    line = f"{name} " + " ".join(f"{k}={v}" for k, v in values.items())
    record_property("figure", line)
    print(f"FIGURE {line}")  # noqa: T201

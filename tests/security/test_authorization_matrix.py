"""Figure 1: every route x every method, tried by a second person on Alice's objects and by
an anonymous visitor: 0 successes.

The routes come from the URL resolver (every page, API and admin route) and the methods
from a fixed list, so a new route is tried as soon as it exists. A route with a parameter
the matrix cannot fill from Alice's objects fails the test: add it to ``FILLS`` with the
object it names, rather than letting it go untried.

An attempt succeeds (for the attacker) when it answers 2xx on a route that is not public,
when it changes any of Alice's rows (found by introspecting foreign keys), or when the
answer (body or headers) carries the secret written in the notes of Alice's objects.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory
from tests.security.people import (
    Owner,
    changed_tables,
    mentions,
    owner_with_everything,
    report,
    resolver_routes,
    schema_routes,
    snapshot,
)
from tracker.models import Workout

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "PUT", "PATCH", "DELETE", "POST"]

# Routes anyone may open, and why. Only these may answer 2xx to a visitor who is not
# signed in; a change to Alice's rows or her secret in the answer still counts there.
PUBLIC = {
    "/healthz": "database and broker status, no personal data",
    "/api/v1/auth/register/": "creating an account",
    "/api/v1/auth/token/": "trading one's own username and password for a token",
    "/api/v1/schema/": "the API's description, no data",
    "/api/v1/docs/": "the API's browsable description, no data",
    "/login/": "the login page",
    "/signup/": "the sign-up page",
    "/logout/": "logging out (POST only)",
    "/password-reset/": "asking for a reset email",
    "/password-reset/sent/": "the 'email sent' page",
    "/password-reset/done/": "the 'password changed' page",
    "/password-reset/{uidb64}/{token}/": (
        "the reset form; without the emailed token it says the link is invalid"
    ),
    "/admin/login/": "the admin's login page",
    "/i18n/setlang/": "switching the language: a cookie, no data",
    "/manifest.webmanifest": "the installable app's name, colours and icons, no data",
    "/sw.js": "the service worker's code, the same for everyone, no data",
}
# Public routes whose authorisation is a token in the URL. A valid token is a documented
# way in (tests/reports/test_share_links.py, tests/notifications/test_unsubscribe.py);
# the matrix presents a revoked, wrong-kind or tampered one, which must not answer 2xx.
CAPABILITY = {
    "/share/{token}/": "Alice's revoked share link",
    "/share/{token}/pdf/": "Alice's revoked share link",
    "/email/unsubscribe/{kind}/{token}/": "Alice's digest token presented for alert emails",
    "/email/no-symptoms/{token}/": "Alice's no-symptoms token with one character added",
    "/calendar/{token}.ics": "Alice's calendar address, revoked when she made a new one",
}
# Static files are served by WhiteNoise before URL resolution (not in the resolver);
# they are the app's CSS/JS/SVG, no personal data.


def _admin_object(owner: Owner, template: str) -> Any:
    from django.apps import apps

    app_label, model_name = re.match(r"/admin/(\w+)/(\w+)/", template).groups()  # type: ignore[union-attr]
    model = apps.get_model(app_label, model_name)
    if model._meta.proxy:
        model = model._meta.concrete_model
    for obj in owner.objects.values():
        if type(obj) is model:
            return obj
    raise KeyError(f"no object of {model._meta.label} for {template}")


def _fills() -> dict[str, Callable[[Owner], dict[str, Any]]]:
    def obj(name: str, param: str = "pk") -> Callable[[Owner], dict[str, Any]]:
        return lambda o: {param: o.pk(name)}

    def token(name: str, **extra: str) -> Callable[[Owner], dict[str, Any]]:
        return lambda o: {"token": o.tokens[name], **extra}

    def uuid_of(name: str) -> Callable[[Owner], dict[str, Any]]:
        return lambda o: {"job_uuid": o.objects[name].uuid}

    return {
        # Pages
        "/weights/{pk}/edit/": obj("body_weight"),
        "/weights/{pk}/delete/": obj("body_weight"),
        "/workouts/{pk}/": obj("workout"),
        "/workouts/{pk}/edit/": obj("workout"),
        "/workouts/{pk}/delete/": obj("workout"),
        "/workouts/{pk}/no-symptoms/": obj("workout"),
        "/insights/experiments/{pk}/": obj("experiment"),
        "/insights/experiments/{pk}/stop/": obj("experiment"),
        "/episodes/{pk}/": obj("episode"),
        "/episodes/{pk}/edit/": obj("episode"),
        "/episodes/{pk}/delete/": obj("episode"),
        "/episodes/{pk}/details/": obj("ongoing"),
        "/episodes/{pk}/end/": obj("ongoing"),
        "/alerts/{pk}/": obj("alert"),
        "/alerts/{pk}/acknowledge/": obj("alert"),
        "/reports/jobs/{job_uuid}/": obj("export_job", "job_uuid"),
        "/reports/jobs/{job_uuid}/status/": obj("export_job", "job_uuid"),
        "/reports/jobs/{job_uuid}/file/": obj("export_job", "job_uuid"),
        "/reports/share-links/{share_link_id}/revoke/": obj("share_link", "share_link_id"),
        "/share/{token}/": token("revoked_share"),
        "/share/{token}/pdf/": token("revoked_share"),
        "/email/unsubscribe/{kind}/{token}/": token("unsubscribe_wrong_kind", kind="alert"),
        "/email/no-symptoms/{token}/": token("no_symptoms_tampered"),
        "/imports/{job_uuid}/": uuid_of("import_job"),
        "/imports/{job_uuid}/status/": uuid_of("import_job"),
        "/imports/{job_uuid}/cancel/": uuid_of("import_job"),
        "/imports/merges/{candidate_id}/": obj("merge_candidate", "candidate_id"),
        "/calendar/{token}.ics": token("revoked_calendar"),
        "/password-reset/{uidb64}/{token}/": lambda o: {
            "uidb64": urlsafe_base64_encode(force_bytes(o.user.pk)),
            "token": "cz4k2p-0123456789abcdef0123456789abcdef",
        },
        # API
        "/api/v1/workouts/{pk}/": obj("workout"),
        "/api/v1/body-weights/{pk}/": obj("body_weight"),
        "/api/v1/episodes/{pk}/": obj("episode"),
        "/api/v1/episodes/{pk}/end/": obj("ongoing"),
        "/api/v1/alerts/{pk}/": obj("alert"),
        "/api/v1/alerts/{pk}/acknowledge/": obj("alert"),
        "/api/v1/share-links/{share_link_id}/": obj("share_link", "share_link_id"),
        "/api/v1/export/jobs/{job_uuid}/": obj("export_job", "job_uuid"),
        "/api/v1/export/jobs/{job_uuid}/file/": obj("export_job", "job_uuid"),
        "/api/v1/imports/{job_id}/": obj("import_job", "job_id"),
        "/api/v1/imports/{job_id}/cancel/": obj("import_job", "job_id"),
        # Admin (model routes are filled by _admin_object)
        "/admin/auth/user/{id}/password/": obj("user", "id"),
        "/admin/r/{content_type_id}/{object_id}/": lambda o: {
            "content_type_id": ContentType.objects.get_for_model(Workout).pk,
            "object_id": o.pk("workout"),
        },
        # Parameters that name no object
        "/admin/{app_label}/": lambda o: {"app_label": "tracker"},
        "/admin/{url}": lambda o: {"url": f"tracker/workout/{o.pk('workout')}/nothing/"},
        # The signed-in person's own onboarding screens: a step number, nobody's object.
        "/welcome/{step}/": lambda o: {"step": 1},
    }


FILLS = _fills()
NOT_AN_ID = {"/admin/{app_label}/", "/admin/{url}", "/welcome/{step}/"}
# Ids carried in a query string rather than the path.
QUERY_REFERENCES = {"/episodes/new/?workout={workout}": lambda o: {"workout": o.pk("workout")}}


@dataclass(frozen=True)
class Target:
    template: str
    url: str

    @property
    def public(self) -> bool:
        return self.template in PUBLIC

    @property
    def api(self) -> bool:
        return self.url.startswith("/api/")


def targets_for(owner: Owner, templates: list[str]) -> tuple[list[Target], list[str]]:
    """The concrete URLs of ``templates`` on ``owner``'s objects, and the templates that
    could not be filled."""
    found, unfilled = [], []
    for template in templates:
        if "{" not in template:
            found.append(Target(template, template))
            continue
        try:
            if template in FILLS:
                values = FILLS[template](owner)
            elif re.match(r"/admin/\w+/\w+/\{object_id\}/", template):
                values = {"object_id": _admin_object(owner, template).pk}
            else:
                raise KeyError(template)
        except KeyError:
            unfilled.append(template)
            continue
        found.append(Target(template, template.format(**values)))
    return found, unfilled


def query_targets(owner: Owner) -> list[Target]:
    return [Target(t, t.format(**fill(owner))) for t, fill in QUERY_REFERENCES.items()]


def file_targets(owner: Owner) -> list[Target]:
    """Alice's export file at the URLs a media route would give it."""
    name = owner.objects["export_job"].file.name
    return [Target(f"/{name}", f"/{name}"), Target(f"/media/{name}", f"/media/{name}")]


def bodies() -> tuple[str, str]:
    """One JSON and one form body that would change any of Alice's objects were it let in:
    a valid value for every field of every form and serializer."""
    now = timezone.now()
    values: dict[str, Any] = {
        "activity": "yoga",
        "started_at": (now - timedelta(hours=1)).isoformat(),
        "ended_at": now.isoformat(),
        "duration_minutes": 99,
        "intensity": 9,
        "tight_clothing": True,
        "notes": "written by someone else",
        "measured_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "weight_kg": "99.5",
        "sensations": ["burning"],
        "locations": ["shin"],
        "side": "right",
        "severity": 9,
        "expires_in_days": 3,
        "share-expires_in_days": 3,
        "format": "json",
        "username": "alice",
        "password": "not-her-password-1",
        "new_password1": "a-new-password-77",
        "new_password2": "a-new-password-77",
        "password1": "a-new-password-77",
        "password2": "a-new-password-77",
        "email": "someone.else@example.com",
        "timezone": "Asia/Jakarta",
        "language": "id",
        "email_alerts": False,
        "action": "unsubscribe",
    }
    form = dict(values, started_at=(now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    form["ended_at"] = now.strftime("%Y-%m-%dT%H:%M")
    return json.dumps(values), urlencode(form, doseq=True)


@dataclass
class Tally:
    attempts: int = 0
    server_errors: int = 0

    def __post_init__(self) -> None:
        self.successes: list[str] = []


def attack(client: Client, owner: Owner, targets: list[Target], tally: Tally) -> None:
    """Every method on every target; her rows are compared after the six methods of each
    target (a change is reported with the target's URL), answers after each request."""
    json_body, form_body = bodies()
    before = snapshot(owner.user)
    for target in targets:
        for method in METHODS:
            if method in ("GET", "HEAD"):
                response = client.generic(method, target.url)
            elif target.api:
                response = client.generic(
                    method, target.url, json_body, content_type="application/json"
                )
            else:
                response = client.generic(
                    method,
                    target.url,
                    form_body,
                    content_type="application/x-www-form-urlencoded",
                )
            tally.attempts += 1
            why = []
            if 200 <= response.status_code < 300 and not target.public:
                why.append(f"answered {response.status_code}")
            if mentions(response, owner.secret):
                why.append("showed her secret")
            if response.status_code >= 500:
                tally.server_errors += 1
            if why:
                tally.successes.append(f"{method} {target.url}: {'; '.join(why)}")
        after = snapshot(owner.user)
        if changed := changed_tables(before, after):
            tally.successes.append(f"{' '.join(METHODS)} {target.url}: changed {changed}")
            before = after  # count the next change afresh


@pytest.fixture
def alice() -> Owner:
    return owner_with_everything()


def _templates() -> list[str]:
    return resolver_routes()


def test_every_documented_api_path_is_a_route_the_matrix_tries():
    routes = set(_templates())
    documented = {re.sub(r"\{id\}", "{pk}", path) for path in schema_routes()}

    assert documented, "drf-spectacular produced no paths"
    assert documented - routes == set()


def test_every_route_with_a_parameter_has_an_object_to_try(alice):
    _targets, unfilled = targets_for(alice, _templates())

    assert unfilled == [], "new routes: add them to FILLS in this file"


def test_the_lists_of_public_routes_name_existing_routes():
    routes = set(_templates())

    assert set(PUBLIC) - routes == set()
    assert set(CAPABILITY) - routes == set()
    assert set(FILLS) - routes == set()


def test_nobody_else_reaches_alices_objects_on_any_route_or_method(alice, record_property):
    start = snapshot(alice.user)
    bob = UserFactory(username="bob")
    token, _ = Token.objects.get_or_create(user=bob)
    # Signed in both ways: a session for the pages, a token for the API (so that DRF's
    # CSRF check on sessions does not hide what its permission checks would answer).
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.force_login(bob)
    client.raise_request_exception = False
    targets, unfilled = targets_for(alice, [t for t in _templates() if "{" in t])
    targets = [t for t in targets if t.template not in NOT_AN_ID]
    targets += query_targets(alice) + file_targets(alice)
    tally = Tally()

    attack(client, alice, targets, tally)

    report(
        record_property,
        "cross_user",
        successes=len(tally.successes),
        attempts=tally.attempts,
        routes=len(targets),
        server_errors=tally.server_errors,
    )
    assert unfilled == []
    assert tally.successes == []
    assert tally.server_errors == 0
    assert changed_tables(start, snapshot(alice.user)) == []


def test_an_anonymous_visitor_succeeds_on_no_route_or_method(alice, record_property):
    start = snapshot(alice.user)
    client = Client()
    client.raise_request_exception = False
    targets, unfilled = targets_for(alice, _templates())
    targets += query_targets(alice) + file_targets(alice)
    tally = Tally()

    attack(client, alice, targets, tally)

    report(
        record_property,
        "anonymous",
        successes=len(tally.successes),
        attempts=tally.attempts,
        routes=len(targets),
        public_routes=len(PUBLIC),
        server_errors=tally.server_errors,
    )
    assert unfilled == []
    assert tally.successes == []
    assert tally.server_errors == 0
    assert changed_tables(start, snapshot(alice.user)) == []

"""Every page and API answer says: do not store, no inline scripts, no powerful features.

The routes come from the URL resolver itself, so a new page is covered the day it is
added; routes with an id are filled in with the signed-in person's own objects.
"""

import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from alerts.models import Alert
from feeds.services import calendar_feed_create
from imports.models import ImportJob, MergeCandidate
from reports import services as report_services
from reports.models import ExportJob
from tests.factories import BodyWeightFactory, EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


def all_routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


@pytest.fixture
def objects(user):
    workout = WorkoutFactory(user=user)
    episode = EpisodeFactory(user=user, workout=workout)
    alert = Alert.objects.create(
        user=user,
        rule="prolonged_tingling",
        level="see_doctor",
        identity="x",
        context={},
        created_at=timezone.now(),
    )
    alert.episodes.add(episode)
    link, token = report_services.share_link_create(
        user=user, expires_in_days=7, start=None, end=None
    )
    weight = BodyWeightFactory(user=user).pk
    import_job = ImportJob.objects.create(user=user, filename="ride.gpx", size_bytes=9)
    merge = MergeCandidate.objects.create(
        user=user,
        manual=workout,
        imported=WorkoutFactory(user=user, source="gpx", source_id="ride-1"),
    )
    _feed, calendar_token = calendar_feed_create(user=user)
    return {
        "workouts": workout.pk,
        "episodes": episode.pk,
        "alerts": alert.pk,
        "weights": weight,
        "body-weights": weight,
        "share-links": link.pk,
        "job": ExportJob.objects.create(user=user, format="json").uuid,
        "share": token,
        "import_job": import_job,
        "merges": merge.pk,
        "calendar": calendar_token,
    }


def concrete(route, objects):
    """The route as a path, its parameters filled in with the person's own objects."""
    path = "/" + route.replace("^", "").replace("$", "")
    first = next((part for part in path.split("/") if part and part != "api" and part != "v1"), "")
    value = objects.get(first)
    path = re.sub(r"\(\?P<pk>[^)]*\)|<int:pk>|<int:share_link_id>", str(value), path)
    import_job = objects["import_job"]
    path = path.replace("<int:job_id>", str(import_job.pk))
    path = path.replace("<int:candidate_id>", str(objects["merges"]))
    path = path.replace("<int:step>", "1")
    job_uuid = import_job.uuid if first == "imports" else objects["job"]
    path = path.replace("<uuid:job_uuid>", str(job_uuid))
    token = objects[first] if first in ("share", "calendar") else "not-a-token"
    path = path.replace("<str:token>", token)
    path = path.replace("<str:kind>", "digest").replace("<uidb64>", "MQ").replace("<token>", "x")
    assert not re.search(r"<|\(\?", path), path
    return path


def assert_private_headers(response, path):
    assert "no-store" in response["Cache-Control"], path
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in script_src, path
    assert "'unsafe-inline'" not in script_src, path
    assert "object-src 'none'" in policy, path
    assert "frame-ancestors 'none'" in policy, path
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"], path
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer"), path


def test_every_page_and_api_route_answers_with_the_privacy_headers(
    user, objects, client, auth_client
):
    client.force_login(user)
    checked = []
    for route in all_routes():
        if route.startswith("admin/") and route not in ("admin/", "admin/login/"):
            continue
        path = concrete(route, objects)
        caller = auth_client if path.startswith("/api/") else client
        response = caller.get(path)
        assert response.status_code < 500, path
        assert_private_headers(response, path)
        checked.append(path)

    assert len(checked) > 50
    assert f"/api/v1/workouts/{objects['workouts']}/" in checked
    assert f"/share/{objects['share']}/" in checked
    assert f"/api/v1/imports/{objects['import_job'].pk}/" in checked
    assert f"/calendar/{objects['calendar']}.ics" in checked


def test_anonymous_answers_carry_them_too(client, api_client):
    for path in ("/login/", "/signup/", "/api/v1/workouts/", "/api/v1/docs/", "/healthz"):
        assert_private_headers(client.get(path), path)
    assert_private_headers(api_client.get("/api/v1/schema/"), "/api/v1/schema/")


def test_the_api_docs_page_has_no_inline_script(client):
    page = client.get("/api/v1/docs/").content.decode()
    script = client.get("/api/v1/docs/?script=")

    assert re.findall(r"<script>", page) == []
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_pages_have_no_inline_script_or_event_handler(user, objects, client):
    client.force_login(user)
    for path in ("/", "/workouts/", "/episodes/", "/reports/", "/settings/", "/alerts/"):
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def test_an_export_download_is_not_stored_either(user, auth_client):
    EpisodeFactory(user=user, started_at=timezone.now() - timedelta(days=1))
    response = auth_client.get("/api/v1/export/", {"format": "fhir"})

    assert response.status_code == 200
    assert_private_headers(response, "export")

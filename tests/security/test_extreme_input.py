"""Extreme dates and deeply nested JSON answer a clear 400, never a 500 (config/bounds.py)."""

import json
from datetime import UTC, datetime

import pytest
import time_machine

from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
RECORDED = "Enter a date from 1 January 1900 to tomorrow."
FILTER = "Enter a day from 1900-01-01 to 9999-12-30."
EPISODE = {"sensations": ["tingling"], "locations": ["calf"]}
WEIGHTS = "/api/v1/body-weights/"
WORKOUT = {"activity": "stepper", "duration_minutes": 40}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/episodes/", {**EPISODE, "started_at": "0001-01-01T00:00:00+00:00"}, "started_at"),
        ("/api/v1/episodes/", {**EPISODE, "started_at": "1899-12-31T00:00:00+00:00"}, "started_at"),
        ("/api/v1/workouts/", {**WORKOUT, "started_at": "0001-01-01T00:00:00+00:00"}, "started_at"),
        ("/api/v1/workouts/", {**WORKOUT, "started_at": "2026-11-24T12:00:01+00:00"}, "started_at"),
        ("/api/v1/workouts/", {**WORKOUT, "started_at": "9999-12-31T23:59:00+00:00"}, "started_at"),
        (
            "/api/v1/body-weights/",
            {"weight_kg": "70.0", "measured_on": "0001-01-01"},
            "measured_on",
        ),
        (
            "/api/v1/body-weights/",
            {"weight_kg": "70.0", "measured_on": "2026-11-25"},
            "measured_on",
        ),
    ],
)
def test_a_start_or_day_outside_1900_to_tomorrow_answers_400(auth_client, url, body, field):
    response = auth_client.post(url, body, format="json")

    assert response.status_code == 400
    assert RECORDED in response.json()[field]


def test_an_episode_can_still_start_on_the_first_day_of_1900_and_a_weight_be_tomorrows(
    auth_client,
):
    episode = {**EPISODE, "started_at": "1900-01-01T00:00:00+07:00"}
    weight = {"weight_kg": "70.0", "measured_on": "2026-11-24"}

    assert auth_client.post("/api/v1/episodes/", episode, format="json").status_code == 201
    assert auth_client.post("/api/v1/body-weights/", weight, format="json").status_code == 201


def test_an_import_with_a_year_one_start_answers_400_and_the_fhir_export_keeps_working(
    user, auth_client
):
    exported = auth_client.get("/api/v1/export/", {"format": "json"})
    data = json.loads(b"".join(exported.streaming_content))
    data["episodes"] = [
        {
            "uuid": "8f4c7c1e-7c53-4c1e-9d7e-2f1b3a4c5d6e",
            "started_at": "0001-01-01T00:00:00+00:00",
            **EPISODE,
        }
    ]

    response = auth_client.post("/api/v1/import/", data, format="json")

    assert response.status_code == 400
    assert RECORDED in json.dumps(response.json())
    assert auth_client.get("/api/v1/export/", {"format": "fhir"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "extra"),
    [
        ("/api/v1/episodes/", {}),
        ("/api/v1/workouts/", {}),
        (WEIGHTS, {}),
        *[("/api/v1/export/", {"format": fmt}) for fmt in ("json", "pdf", "fhir", "csv")],
    ],
)
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "0001-01-01", "to": "9999-12-31"}, "from", FILTER),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "to", FILTER),
        ({"from": "2026-01-01", "to": "2026-13-45"}, "to", None),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to", "The end is before the start."),
    ],
)
def test_a_filter_day_out_of_range_or_unparsable_or_reversed_answers_400(
    user, auth_client, url, extra, params, field, message
):
    EpisodeFactory(user=user)
    WorkoutFactory(user=user)

    response = auth_client.get(url, {**params, **extra})

    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    if message:
        assert message in errors[field]


@pytest.mark.parametrize("url", ["/api/v1/episodes/", "/api/v1/workouts/"])
def test_the_widest_filter_range_answers_200(user, auth_client, url):
    EpisodeFactory(user=user)
    WorkoutFactory(user=user)

    response = auth_client.get(url, {"from": "1900-01-01", "to": "9999-12-30"})

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "url", ["/api/v1/episodes/?ongoing=maybe", "/api/v1/alerts/?acknowledged=maybe"]
)
def test_a_wrongly_typed_boolean_filter_answers_400(auth_client, url):
    assert auth_client.get(url).status_code == 400


def test_the_history_page_refuses_year_one_politely(client, user):
    client.force_login(user)

    page = client.get("/workouts/", {"date_from": "0001-01-01"})

    assert page.status_code == 200
    assert FILTER in page.content.decode()


@pytest.mark.parametrize("depth", [33, 5000])
def test_a_deeply_nested_json_body_answers_400(auth_client, depth):
    body = "[" * depth + "]" * depth

    response = auth_client.post("/api/v1/workouts/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_nesting_within_the_limit_is_parsed_as_usual(auth_client):
    body = json.dumps({**WORKOUT, "started_at": "2026-11-23T07:00:00+00:00", "x": [[[["]]]"]]]]})

    response = auth_client.post("/api/v1/workouts/", body, content_type="application/json")

    assert response.status_code == 201

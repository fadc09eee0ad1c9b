"""The OpenAPI schema generates cleanly and describes the API; the docs page is self-hosted."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        from drf_spectacular.generators import SchemaGenerator

        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    # --fail-on-warn turns every spectacular warning or error into a failure.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )

    schema = yaml.safe_load((tmp_path / "schema.yaml").read_text())
    assert schema["openapi"].startswith("3.")


def test_the_schema_endpoint_answers_without_login(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert "/api/v1/episodes/{id}/end/" in response.json()["paths"]


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/v1/auth/register/", {"post"}),
        ("/api/v1/auth/token/", {"post"}),
        ("/api/v1/me/", {"get", "patch", "delete"}),
        ("/api/v1/workouts/", {"get", "post"}),
        ("/api/v1/workouts/{id}/", {"get", "put", "patch", "delete"}),
        ("/api/v1/body-weights/", {"get", "post"}),
        ("/api/v1/body-weights/{id}/", {"get", "put", "patch", "delete"}),
        ("/api/v1/episodes/", {"get", "post"}),
        ("/api/v1/episodes/{id}/", {"get", "put", "patch", "delete"}),
        ("/api/v1/episodes/{id}/end/", {"post"}),
    ],
)
def test_the_schema_lists_every_endpoint_and_method(schema, path, methods):
    assert methods <= set(schema["paths"][path])


def _component(schema, ref):
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_the_episode_create_answer_carries_guidance(schema):
    answer = schema["paths"]["/api/v1/episodes/"]["post"]["responses"]["201"]
    component = _component(schema, answer["content"]["application/json"]["schema"]["$ref"])

    guidance = component["properties"]["guidance"]
    item = _component(schema, guidance["items"]["$ref"])
    assert guidance["type"] == "array"
    assert set(item["properties"]) == {"level", "text"}


def test_the_end_action_takes_an_optional_end_and_answers_the_episode(schema):
    operation = schema["paths"]["/api/v1/episodes/{id}/end/"]["post"]
    request = _component(
        schema, operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    )
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]

    assert set(request["properties"]) == {"ended_at"}
    assert not request.get("required")
    assert answer.endswith("/Episode")


def test_read_only_fields_are_not_in_request_bodies(schema):
    episode_request = schema["components"]["schemas"]["EpisodeRequest"]["properties"]
    workout_request = schema["components"]["schemas"]["WorkoutRequest"]["properties"]

    assert not {"id", "created_at", "duration_minutes", "guidance"} & set(episode_request)
    assert not {"id", "created_at"} & set(workout_request)
    assert "duration_minutes" in workout_request  # a workout's duration is the user's to give


def test_vocabulary_fields_list_their_values(schema):
    episode = schema["components"]["schemas"]["Episode"]["properties"]
    locations = episode["locations"]["items"]
    enum = locations.get("enum") or _component(schema, locations["$ref"])["enum"]

    assert "outer_thigh" in enum
    assert "foot_sole" in enum


def test_list_filters_are_documented(schema):
    workouts = {p["name"] for p in schema["paths"]["/api/v1/workouts/"]["get"]["parameters"]}
    episodes = {p["name"] for p in schema["paths"]["/api/v1/episodes/"]["get"]["parameters"]}

    assert {"activity", "from", "to", "page", "page_size"} <= workouts
    assert {"from", "to", "ongoing"} <= episodes


def test_the_docs_page_answers_and_loads_nothing_from_another_host(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    external = re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//[^"']+""", html)
    assert external == []
    assert "cdn" not in html.lower()
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert len(assets) >= 3
    for asset in assets:
        assert finders.find(asset), f"{asset} is not shipped with the app"


def test_the_schema_lists_the_new_vocabulary_and_the_cauda_equina_rule_filter(schema):
    episode = schema["components"]["schemas"]["Episode"]["properties"]

    def enum(items):
        return items.get("enum") or _component(schema, items["$ref"])["enum"]

    alerts = schema["paths"]["/api/v1/alerts/"]["get"]["parameters"]
    [rule] = [p for p in alerts if p["name"] == "rule"]
    assert "saddle_area" in enum(episode["locations"]["items"])
    assert "bowel_control_change" in enum(episode["accompanying"]["items"])
    assert "possible_cauda_equina" in enum(rule["schema"])

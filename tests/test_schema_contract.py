"""The OpenAPI schema and the answers agree (the findings of the schemathesis run, pinned)."""

import pytest

from reports.models import ShareLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return response.json()


def component(schema, ref_holder):
    return schema["components"]["schemas"][ref_holder["$ref"].rsplit("/", 1)[1]]


def test_the_share_link_list_is_documented_and_answered_as_a_page(schema, auth_client):
    documented = schema["paths"]["/api/v1/share-links/"]["get"]["responses"]["200"]
    page = component(schema, documented["content"]["application/json"]["schema"])

    answer = auth_client.get("/api/v1/share-links/").json()

    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert set(answer) == {"count", "next", "previous", "results"}


def test_a_revoked_share_link_is_gone_from_the_api(auth_client):
    link = auth_client.post("/api/v1/share-links/", {"expires_in_days": 7}, format="json").json()
    assert auth_client.delete(f"/api/v1/share-links/{link['id']}/").status_code == 204

    response = auth_client.get(f"/api/v1/share-links/{link['id']}/")

    assert response.status_code == 410
    assert ShareLink.objects.get().revoked_at is not None


def test_the_schema_bounds_the_weight_and_requires_the_import_keys(schema):
    weight = schema["components"]["schemas"]["BodyWeightRequest"]["properties"]["weight_kg"]
    body = schema["paths"]["/api/v1/import/"]["post"]["requestBody"]
    history = component(schema, body["content"]["application/json"]["schema"])

    assert (weight["minimum"], weight["maximum"]) == (20, 400)
    assert body["required"] is True
    assert {"schema_version", "workouts", "body_weights", "episodes"} <= set(history["required"])


def test_every_operation_documents_its_error_answers(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if operation.get("security") != [{}]:
                assert "401" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= codes, (method, path)
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_the_api_reads_json_only_except_the_import(schema):
    workouts = schema["paths"]["/api/v1/workouts/"]["post"]["requestBody"]["content"]
    upload = schema["paths"]["/api/v1/import/"]["post"]["requestBody"]["content"]

    assert set(workouts) == {"application/json"}
    assert set(upload) == {"application/json", "multipart/form-data"}


@pytest.mark.parametrize(
    "query",
    ["to=", "from=", "page_size=0", "page_size=-1", "page_size=abc", "page=0", "page=x"],
)
def test_a_blank_filter_or_a_bad_page_answers_400(auth_client, query):
    assert auth_client.get(f"/api/v1/workouts/?{query}").status_code == 400


def test_blank_filters_on_alerts_and_exports_answer_400(auth_client):
    assert auth_client.get("/api/v1/alerts/?level=").status_code == 400
    assert auth_client.get("/api/v1/export/?format=fhir&to=").status_code == 400


@pytest.mark.parametrize(
    ("field", "value"), [("tight_clothing", 0), ("tight_clothing", "yes"), ("notes", 0)]
)
def test_a_wrongly_typed_flag_or_text_answers_400(auth_client, field, value):
    body = {
        "activity": "running",
        "started_at": "2026-01-01T07:00:00+00:00",
        "duration_minutes": 30,
        field: value,
    }

    response = auth_client.post("/api/v1/workouts/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_an_unknown_api_path_answers_json_404(auth_client):
    response = auth_client.get("/api/v1/workouts/0.5/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_number_for_a_username_answers_400(api_client):
    body = {"username": 56219581586, "email": "n@example.com", "password": "violet-kettle-42"}

    response = api_client.post("/api/v1/auth/register/", body, format="json")

    assert response.status_code == 400
    assert "username" in response.json()

"""GET /api/v1/insights/: the signed-in person's own insights, 401 for anonymous."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/insights/"


def test_insights_api_gives_the_rate_with_its_wilson_interval(user, client_for, stepper_history):
    stepper_history(user, with_episode=6, free=8, no_answer=2)

    body = client_for(user).get(URL).json()

    [stepper] = body["activities"]
    assert stepper["activity"] == "stepper"
    rate = stepper["rate"]
    assert (rate["sessions_with_episode"], rate["sessions_known"]) == (6, 14)
    assert rate["sessions_no_answer"] == 2
    assert rate["rate"] == pytest.approx(6 / 14)
    assert rate["interval"]["low"] == pytest.approx(0.2138, abs=1e-4)
    assert rate["interval"]["high"] == pytest.approx(0.6741, abs=1e-4)
    assert stepper["onset"]["median_minutes"] == 20
    assert stepper["onset"]["during"] == 6
    assert stepper["dose_response"]["estimable"] is False
    assert stepper["dose_response"]["reason"] == "too_few_sessions"


def test_insights_api_gives_null_figures_and_says_not_enough_data(
    user, client_for, stepper_history
):
    stepper_history(user, with_episode=1, free=2)

    rate = client_for(user).get(URL).json()["activities"][0]["rate"]

    assert rate["rate"] is None
    assert rate["interval"] is None
    assert rate["text"].startswith("Not enough data yet")


def test_insights_api_never_shows_another_persons_data(user, client_for, stepper_history):
    stepper_history(UserFactory(), with_episode=6, free=8, activity="yoga")
    stepper_history(user, with_episode=1, free=5)

    body = client_for(user).get(URL).json()

    assert [a["activity"] for a in body["activities"]] == ["stepper"]
    assert body["activities"][0]["rate"]["sessions_known"] == 6


def test_insights_api_answers_401_to_anonymous_callers(api_client):
    assert api_client.get(URL).status_code == 401


def test_insights_api_answers_in_the_persons_language(user, client_for, stepper_history):
    user.profile.language = "id"
    user.profile.save()
    stepper_history(user, with_episode=6, free=8)

    response = client_for(user).get(URL)

    assert response["Content-Language"] == "id"
    assert response.json()["activities"][0]["rate"]["text"].startswith("Gejala setelah 6 dari 14")


def test_insights_api_is_in_the_openapi_schema(auth_client):
    schema = auth_client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/insights/" in schema["paths"]
    assert "Insights" in schema["components"]["schemas"]

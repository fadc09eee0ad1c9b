"""Anonymous calls answer 401; another user's workout or weight answers 404 and stays as it was."""

from datetime import date
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from tests.factories import BodyWeightFactory, WorkoutFactory
from tracker.models import BodyWeight, Workout

pytestmark = pytest.mark.django_db

WORKOUT_BODY = {"activity": "yoga", "started_at": "2026-11-23T07:30:00Z", "duration_minutes": 30}
WEIGHT_BODY = {"measured_on": "2026-11-02", "weight_kg": "99.0"}
METHODS = ["get", "put", "patch", "delete"]


@pytest.fixture
def others_workout(other_user):
    return WorkoutFactory(user=other_user, activity="running", duration_minutes=45)


@pytest.fixture
def others_weight(other_user):
    return BodyWeightFactory(
        user=other_user, measured_on=date(2026, 11, 1), weight_kg=Decimal("70")
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("url", "body"),
    [("/api/v1/workouts/", WORKOUT_BODY), ("/api/v1/body-weights/", WEIGHT_BODY)],
)
def test_lists_without_credentials_answer_401_and_store_nothing(api_client, method, url, body):
    response = getattr(api_client, method)(url, body, format="json")

    assert response.status_code == 401
    assert not Workout.objects.exists()
    assert not BodyWeight.objects.exists()


@pytest.mark.parametrize("method", METHODS)
def test_a_workout_without_credentials_answers_401_and_stays(api_client, others_workout, method):
    before = model_to_dict(others_workout)

    response = getattr(api_client, method)(
        f"/api/v1/workouts/{others_workout.id}/", WORKOUT_BODY, format="json"
    )

    assert response.status_code == 401
    assert model_to_dict(Workout.objects.get(id=others_workout.id)) == before


@pytest.mark.parametrize("method", METHODS)
def test_a_weight_without_credentials_answers_401_and_stays(api_client, others_weight, method):
    before = model_to_dict(others_weight)

    response = getattr(api_client, method)(
        f"/api/v1/body-weights/{others_weight.id}/", WEIGHT_BODY, format="json"
    )

    assert response.status_code == 401
    assert model_to_dict(BodyWeight.objects.get(id=others_weight.id)) == before


def test_a_bad_token_answers_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.get("/api/v1/workouts/").status_code == 401


@pytest.mark.parametrize("method", METHODS)
def test_another_users_workout_answers_404_and_stays(auth_client, others_workout, method):
    before = model_to_dict(others_workout)

    response = getattr(auth_client, method)(
        f"/api/v1/workouts/{others_workout.id}/", WORKOUT_BODY, format="json"
    )

    assert response.status_code == 404
    assert model_to_dict(Workout.objects.get(id=others_workout.id)) == before


@pytest.mark.parametrize("method", METHODS)
def test_another_users_weight_answers_404_and_stays(auth_client, others_weight, method):
    before = model_to_dict(others_weight)

    response = getattr(auth_client, method)(
        f"/api/v1/body-weights/{others_weight.id}/", WEIGHT_BODY, format="json"
    )

    assert response.status_code == 404
    assert model_to_dict(BodyWeight.objects.get(id=others_weight.id)) == before


def test_another_users_workout_looks_exactly_like_one_that_does_not_exist(
    auth_client, others_workout
):
    missing = auth_client.get(f"/api/v1/workouts/{others_workout.id + 1000}/")
    others = auth_client.get(f"/api/v1/workouts/{others_workout.id}/")

    assert missing.status_code == others.status_code == 404
    assert missing.json() == others.json()

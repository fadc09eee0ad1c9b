from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from accounts.models import Profile
from alerts.models import Alert
from symptoms.models import Episode
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory
from tracker.models import BodyWeight, Workout

pytestmark = pytest.mark.django_db

User = get_user_model()
REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"
STRONG = "violet-kettle-harbour-42"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


# --- Register ----------------------------------------------------------------------------


def test_registering_creates_the_account_with_a_profile(api_client):
    body = {"username": "sari", "email": "sari@example.com", "password": STRONG}

    response = api_client.post(REGISTER, body, format="json")

    assert response.status_code == 201
    user = User.objects.get(username="sari")
    assert response.json() == {"id": user.id, "username": "sari", "email": "sari@example.com"}
    assert user.check_password(STRONG)
    profile = Profile.objects.get(user=user)
    assert (profile.timezone, profile.language) == ("UTC", "en")


def test_registering_can_set_the_language_and_time_zone(api_client):
    body = {
        "username": "budi",
        "email": "budi@example.com",
        "password": STRONG,
        "language": "id",
        "timezone": "Asia/Jakarta",
    }

    response = api_client.post(REGISTER, body, format="json")

    assert response.status_code == 201
    profile = Profile.objects.get(user__username="budi")
    assert (profile.timezone, profile.language) == ("Asia/Jakarta", "id")


@pytest.mark.parametrize("password", ["short1", "password123", "1234567890", "sari-sari"])
def test_registering_with_a_weak_password_answers_400_and_creates_nothing(api_client, password):
    body = {"username": "sari-sari", "email": "sari@example.com", "password": password}

    response = api_client.post(REGISTER, body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    assert not User.objects.exists()


@pytest.mark.parametrize("name", ["taken", "TAKEN", " taken "])
def test_registering_a_taken_name_answers_400(api_client, name):
    UserFactory(username="taken")

    response = api_client.post(
        REGISTER, {"username": name, "email": "x@example.com", "password": STRONG}, format="json"
    )

    assert response.status_code == 400
    assert "username" in response.json()
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("username", "has space"),
        ("language", "fr"),
        ("timezone", "Mars/Olympus"),
    ],
)
def test_registering_with_a_bad_field_answers_400_and_creates_nothing(api_client, field, value):
    body = {"username": "sari", "email": "sari@example.com", "password": STRONG, field: value}

    response = api_client.post(REGISTER, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()
    assert not Profile.objects.exists()


# --- Token -----------------------------------------------------------------------------


def test_the_token_call_answers_a_token_that_opens_the_api(api_client):
    user = UserFactory(username="sari")

    response = api_client.post(
        TOKEN, {"username": "sari", "password": "correct horse battery"}, format="json"
    )

    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=user).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(ME).json()["username"] == "sari"


def test_an_unknown_token_or_an_inactive_persons_answers_401(client_for):
    inactive = UserFactory(is_active=False)
    strangers = APIClient()
    strangers.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    unknown = strangers.get(ME)
    refused = client_for(inactive).get(ME)

    assert (unknown.status_code, unknown.json()) == (401, {"detail": "Invalid token."})
    assert (refused.status_code, refused.json()) == (401, {"detail": "User inactive or deleted."})


def test_a_token_of_a_person_without_a_profile_opens_the_api_in_the_default_language(
    client_for,
):
    user = UserFactory(username="tanpa")
    Profile.objects.filter(user=user).delete()

    response = client_for(user).get("/api/v1/episodes/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("username", "password"), [("sari", "wrong password"), ("nobody", "correct horse battery")]
)
def test_the_token_call_with_wrong_credentials_answers_400(api_client, username, password):
    UserFactory(username="sari")

    response = api_client.post(TOKEN, {"username": username, "password": password}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_register_and_token_are_throttled(api_client, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"})
    UserFactory(username="sari")
    body = {"username": "sari", "password": "wrong password"}

    answers = [api_client.post(TOKEN, body, format="json").status_code for _ in range(3)]

    assert answers == [400, 400, 429]
    register = {"username": "new", "email": "new@example.com", "password": STRONG}
    assert api_client.post(REGISTER, register, format="json").status_code == 429


# --- Me --------------------------------------------------------------------------------


def test_me_shows_the_account_and_its_preferences(user, auth_client):
    response = auth_client.get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "timezone": "UTC",
        "language": "en",
        "email_alerts": True,
        "weekly_digest": True,
        "log_reminders": False,
        "birth_year": None,
        "sex": "",
    }


def test_me_gives_a_user_made_outside_the_api_a_profile(client_for):
    user = User.objects.create_user("shell-made", password=STRONG)

    response = client_for(user).get(ME)

    assert response.status_code == 200
    assert response.json()["timezone"] == "UTC"
    assert Profile.objects.filter(user=user).exists()


def test_patching_me_changes_the_preferences(user, auth_client):
    body = {
        "email": "new@example.com",
        "timezone": "Asia/Jakarta",
        "language": "id",
        "email_alerts": False,
        "weekly_digest": False,
        "log_reminders": True,
        "birth_year": 1988,
        "sex": "female",
    }

    response = auth_client.patch(ME, body, format="json")

    assert response.status_code == 200
    assert response.json() == {"id": user.id, "username": user.username, **body}
    user.refresh_from_db()
    profile = Profile.objects.get(user=user)
    assert user.email == "new@example.com"
    assert (profile.timezone, profile.language, profile.log_reminders) == (
        "Asia/Jakarta",
        "id",
        True,
    )


def test_the_username_cannot_be_changed_through_me(user, auth_client):
    name = user.username

    response = auth_client.patch(ME, {"username": "someone-else"}, format="json")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.username == name


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Jakarta"),
        ("timezone", "Mars/Olympus"),
        ("language", "fr"),
        ("email", "not-an-email"),
        ("email_alerts", "sometimes"),
        ("birth_year", 1800),
        ("sex", "unknown"),
    ],
)
def test_patching_me_with_a_bad_value_answers_400_and_changes_nothing(
    user, auth_client, field, value
):
    response = auth_client.patch(ME, {"language": "id", field: value}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    profile = Profile.objects.get(user=user)
    assert (profile.timezone, profile.language) == ("UTC", "en")


def test_an_indonesian_profile_gets_answers_in_indonesian(user, auth_client):
    Profile.objects.filter(user=user).update(language="id")

    with translation.override("en"):
        response = auth_client.get(ME)
        after = translation.get_language()

    assert response.headers["Content-Language"] == "id"
    assert after == "en", "the thread keeps its language once the answer is built"


def test_answers_are_in_the_language_of_the_profile_not_of_the_browser(user, auth_client):
    response = auth_client.get(ME, HTTP_ACCEPT_LANGUAGE="id")

    assert response.headers["Content-Language"] == "en"


def test_deleting_me_with_a_wrong_password_answers_400_and_keeps_everything(user, auth_client):
    WorkoutFactory(user=user)

    response = auth_client.delete(ME, {"password": "not it"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()
    assert User.objects.filter(id=user.id).exists()
    assert Workout.objects.filter(user=user).exists()


def test_deleting_me_without_a_password_answers_400(user, auth_client):
    response = auth_client.delete(ME)

    assert response.status_code == 400
    assert User.objects.filter(id=user.id).exists()


def test_deleting_me_removes_the_account_and_all_its_data(user, other_user, auth_client):
    workout = WorkoutFactory(user=user)
    EpisodeFactory(user=user, workout=workout)
    BodyWeightFactory(user=user)
    Alert.objects.create(
        user=user,
        rule="emergency_symptoms",
        level="urgent",
        identity="x",
        created_at=timezone.now(),
    )
    kept = WorkoutFactory(user=other_user, started_at=timezone.now() - timedelta(days=1))

    response = auth_client.delete(ME, {"password": "correct horse battery"}, format="json")

    assert response.status_code == 204
    assert not User.objects.filter(id=user.id).exists()
    for model in (Profile, Workout, BodyWeight, Episode, Alert, Token):
        assert not model.objects.filter(user_id=user.id).exists(), model.__name__
    assert Workout.objects.filter(id=kept.id).exists()
    assert auth_client.get(ME).status_code == 401


@pytest.mark.parametrize(("method", "url"), [("get", ME), ("patch", ME), ("delete", ME)])
def test_me_without_credentials_answers_401(api_client, method, url):
    response = getattr(api_client, method)(url, {}, format="json")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"

"""django-axes on both login paths: the page (and the admin's) and the API token call."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
RIGHT = "correct horse battery"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture(autouse=True)
def _fresh_drf_throttle_counts():
    cache.clear()
    yield
    cache.clear()


def token_attempt(password, *, username="sari", **extra):
    client = APIClient()
    return client.post(TOKEN, {"username": username, "password": password}, format="json", **extra)


def page_attempt(password, *, path="/login/", username="sari", **extra):
    return Client().post(path, {"username": username, "password": password}, **extra)


def test_the_lockout_defaults_lock_a_username_and_address_pair_for_a_while():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_the_token_call_refuses_the_right_password_after_too_many_wrong_ones():
    UserFactory(username="sari")
    answers = [token_attempt("wrong").status_code for _ in range(LIMIT - 1)]

    locking = token_attempt("wrong")
    refused = token_attempt(RIGHT)

    assert answers == [400] * (LIMIT - 1)
    assert locking.status_code == 429
    assert refused.status_code == 429
    assert "token" not in refused.json()
    assert "Too many failed logins" in refused.json()["detail"]
    assert refused["Retry-After"] == str(15 * 60)


def test_the_login_page_refuses_the_right_password_after_too_many_wrong_ones():
    UserFactory(username="sari")
    for _ in range(LIMIT):
        page_attempt("wrong")

    refused = page_attempt(RIGHT)

    assert refused.status_code == 429
    assert "_auth_user_id" not in refused.client.session
    assert "Too many failed logins" in refused.content.decode()


def test_the_admin_login_is_locked_by_the_same_rule():
    UserFactory(username="sari", is_staff=True, is_superuser=True)
    for _ in range(LIMIT):
        page_attempt("wrong", path="/admin/login/")

    refused = page_attempt(RIGHT, path="/admin/login/")

    assert refused.status_code == 429
    assert "_auth_user_id" not in refused.client.session


def test_failures_on_the_page_and_the_api_add_up():
    UserFactory(username="sari")
    for _ in range(LIMIT - 2):
        page_attempt("wrong")
    token_attempt("wrong")

    assert token_attempt("wrong").status_code == 429
    assert page_attempt(RIGHT).status_code == 429


def test_another_address_or_username_is_not_locked_out():
    UserFactory(username="sari")
    UserFactory(username="budi")
    for _ in range(LIMIT):
        token_attempt("wrong", REMOTE_ADDR="203.0.113.7")

    assert token_attempt(RIGHT, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert token_attempt(RIGHT, REMOTE_ADDR="198.51.100.2").status_code == 200
    assert token_attempt(RIGHT, username="budi", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_spoofed_forwarded_for_header_does_not_reset_the_count():
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    UserFactory(username="sari")
    for n in range(LIMIT):
        token_attempt("wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    spoofed_api = token_attempt(RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99")
    spoofed_page = page_attempt(RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.100")

    assert spoofed_api.status_code == 429
    assert spoofed_page.status_code == 429


def test_behind_one_proxy_the_forwarded_address_is_the_one_counted(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    UserFactory(username="sari")
    for _ in range(LIMIT):
        token_attempt("wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert token_attempt(RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert token_attempt(RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_the_cool_off_releases_the_lock():
    UserFactory(username="sari")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(LIMIT):
            token_attempt("wrong")
        clock.shift(timedelta(minutes=14))
        assert token_attempt(RIGHT).status_code == 429
        assert page_attempt(RIGHT).status_code == 429

        clock.shift(timedelta(minutes=1, seconds=1))

        assert token_attempt(RIGHT).status_code == 200
        assert page_attempt(RIGHT).status_code == 302


def test_a_successful_login_resets_the_count():
    UserFactory(username="sari")
    for _ in range(LIMIT - 1):
        token_attempt("wrong")
    assert token_attempt(RIGHT).status_code == 200

    answers = [token_attempt("wrong").status_code for _ in range(LIMIT - 1)]

    assert answers == [400] * (LIMIT - 1)
    assert page_attempt(RIGHT).status_code == 302


def test_the_lockout_is_said_in_indonesian():
    UserFactory(username="sari")
    for _ in range(LIMIT):
        page_attempt("wrong")

    refused = page_attempt(RIGHT, HTTP_ACCEPT_LANGUAGE="id")

    assert "Terlalu banyak" in refused.content.decode()

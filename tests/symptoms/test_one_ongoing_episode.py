"""A person has at most one ongoing episode: the API, the service under a race, the
database constraint and the web forms all refuse a second one."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from symptoms.models import Episode
from symptoms.services import episode_create
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/episodes/"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ONGOING = {
    "started_at": "2026-11-23T11:50:00+00:00",
    "ended_at": None,
    "sensations": ["numbness"],
    "locations": ["foot"],
    "side": "left",
}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def web(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def running(user):
    """The user's ongoing episode, started 30 minutes ago."""
    return EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=30), ended_at=None)


def test_starting_a_second_ongoing_episode_answers_400_on_ended_at_and_stores_nothing(
    user, auth_client, running
):
    response = auth_client.post(URL, ONGOING, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ended_at"]
    assert "still going on" in response.json()["ended_at"][0]
    assert list(Episode.objects.filter(user=user)) == [running]


def test_a_second_ongoing_episode_with_another_mistake_is_refused_on_ended_at_first(
    user, auth_client, running
):
    response = auth_client.post(URL, {**ONGOING, "sensations": ["itching"]}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ended_at"]
    assert "still going on" in response.json()["ended_at"][0]
    assert list(Episode.objects.filter(user=user)) == [running]


@pytest.mark.django_db(transaction=True)
def test_a_second_ongoing_episode_is_refused_when_its_write_is_the_only_transaction():
    # Outside any test transaction the insert runs in its own, rolled back whole.
    user = UserFactory()
    running = EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=30), ended_at=None)

    with pytest.raises(ValidationError) as refused:
        episode_create(
            user=user, started_at=NOW, sensations=["numbness"], locations=["foot"], now=NOW
        )

    assert list(refused.value.message_dict) == ["ended_at"]
    assert list(Episode.objects.filter(user=user)) == [running]
    user.profile.refresh_from_db()
    assert user.profile.evaluation_requested_at is None


def test_an_ended_episode_can_be_logged_while_one_is_ongoing(user, auth_client, running):
    ended = {**ONGOING, "started_at": "2026-11-23T08:00:00+00:00"}
    ended["ended_at"] = "2026-11-23T08:20:00+00:00"

    response = auth_client.post(URL, ended, format="json")

    assert response.status_code == 201
    assert Episode.objects.filter(user=user).count() == 2


def test_another_persons_ongoing_episode_does_not_block_mine(other_user, auth_client):
    EpisodeFactory(user=other_user, ended_at=None)

    assert auth_client.post(URL, ONGOING, format="json").status_code == 201


def test_the_refusal_is_written_in_the_users_language(user, auth_client, running):
    user.profile.language = "id"
    user.profile.save()

    response = auth_client.post(URL, ONGOING, format="json")

    assert "masih berlangsung" in response.json()["ended_at"][0]


@pytest.mark.parametrize("method", ["patch", "put"])
def test_reopening_an_ended_episode_while_another_is_ongoing_answers_400(
    user, auth_client, running, method
):
    ended = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=3))
    ended_at = ended.ended_at
    body = {"ended_at": None} if method == "patch" else {**ONGOING, "ended_at": None}

    response = getattr(auth_client, method)(f"{URL}{ended.id}/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ended_at"]
    ended.refresh_from_db()
    assert ended.ended_at == ended_at


def test_reopening_an_ended_episode_when_none_is_ongoing_is_allowed(user, auth_client):
    ended = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=3))

    response = auth_client.patch(f"{URL}{ended.id}/", {"ended_at": None}, format="json")

    assert response.status_code == 200
    assert response.json()["ended_at"] is None


def test_changing_the_ongoing_episode_itself_keeps_it_ongoing(user, auth_client, running):
    body = {**ONGOING, "started_at": "2026-11-23T11:40:00+00:00"}

    response = auth_client.put(f"{URL}{running.id}/", body, format="json")

    assert response.status_code == 200
    running.refresh_from_db()
    assert running.is_ongoing
    assert running.started_at == datetime(2026, 11, 23, 11, 40, tzinfo=UTC)


def test_the_database_refuses_a_second_ongoing_episode_written_around_the_service(user, running):
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(
            user=user, started_at=NOW, sensations=["numbness"], locations=["foot"]
        )


# --- Web forms ---------------------------------------------------------------------------


def test_the_full_form_refuses_a_second_ongoing_episode_and_offers_the_running_one(
    web, user, running
):
    form = {
        "started_at": "2026-11-23T11:55",
        "ended_at": "",
        "sensations": ["tingling"],
        "locations": ["calf"],
        "side": "left",
    }

    response = web.post("/episodes/new/", form)

    assert response.status_code == 200
    assert "still going on" in response.context["form"].errors["ended_at"][0]
    assert response.context["conflict"] == running
    page = response.content.decode()
    assert f'href="/episodes/{running.id}/"' in page
    assert f'action="/episodes/{running.id}/end/"' in page
    assert list(Episode.objects.filter(user=user)) == [running]


def test_the_edit_form_refuses_to_reopen_an_episode_while_another_is_ongoing(web, user, running):
    ended = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=3))
    form = {
        "started_at": "2026-11-23T09:00",
        "ended_at": "",
        "sensations": ["tingling"],
        "locations": ["calf"],
        "side": "left",
    }

    response = web.post(f"/episodes/{ended.id}/edit/", form)

    assert response.status_code == 200
    assert response.context["conflict"] == running
    ended.refresh_from_db()
    assert ended.ended_at is not None


def test_my_legs_are_numb_now_goes_to_the_running_episode_instead_of_a_second(web, user, running):
    response = web.post("/episodes/numb-now/")

    assert response["Location"] == f"/episodes/{running.id}/"
    assert list(Episode.objects.filter(user=user)) == [running]


# --- A race on PostgreSQL ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_starts_leave_one_ongoing_episode_and_refuse_the_other():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them by locking)")
    user = UserFactory()
    barrier = threading.Barrier(2)
    created, refused, errors = [], [], []

    def start():
        try:
            barrier.wait(timeout=10)
            created.append(
                episode_create(
                    user=user,
                    started_at=NOW - timedelta(minutes=1),
                    sensations=["numbness"],
                    locations=["foot"],
                    now=NOW,
                )
            )
        except ValidationError as error:
            refused.append(error.message_dict)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(created) == 1
    assert [list(r) for r in refused] == [["ended_at"]]
    assert Episode.objects.filter(user=user, ended_at__isnull=True).count() == 1

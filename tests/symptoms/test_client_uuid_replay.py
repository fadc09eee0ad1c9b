"""An episode logged offline is replayed with the uuid the phone gave it: stored once."""

import uuid

import pytest

from symptoms import services
from symptoms.models import Episode
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/episodes/"
EPISODE = {
    "started_at": "2026-11-23T08:10:00+07:00",
    "ended_at": "2026-11-23T08:25:00+07:00",
    "sensations": ["tingling"],
    "locations": ["calf"],
    "side": "left",
}


def test_an_episode_sent_twice_with_the_same_uuid_is_stored_once_and_the_replay_answers_200(
    auth_client,
):
    entry = {**EPISODE, "uuid": str(uuid.uuid4())}

    first = auth_client.post(URL, entry, format="json")
    replay = auth_client.post(URL, entry, format="json")

    assert first.status_code == 201
    assert replay.status_code == 200
    assert replay.json()["id"] == first.json()["id"]
    assert replay.json()["guidance"]  # the same answer as the first time
    assert Episode.objects.count() == 1


def test_replaying_an_ongoing_episode_is_not_refused_as_a_second_ongoing_one(auth_client):
    entry = {**EPISODE, "ended_at": None, "started_at": "2026-11-23T08:10:00+07:00"}
    entry["uuid"] = str(uuid.uuid4())

    first = auth_client.post(URL, entry, format="json")
    replay = auth_client.post(URL, entry, format="json")

    assert first.status_code == 201
    assert replay.status_code == 200
    assert Episode.objects.filter(ended_at__isnull=True).count() == 1


def test_another_persons_episode_with_the_same_uuid_does_not_hide_mine(user, auth_client):
    theirs = EpisodeFactory()

    response = auth_client.post(URL, {**EPISODE, "uuid": str(theirs.uuid)}, format="json")

    assert response.status_code == 201
    assert Episode.objects.filter(user=user, uuid=theirs.uuid).count() == 1
    assert Episode.objects.get(pk=theirs.pk).user == theirs.user


def test_the_service_answers_a_replay_with_the_stored_episode(user):
    client_uuid = uuid.uuid4()
    fields = {
        "user": user,
        "started_at": EpisodeFactory.build().started_at,
        "sensations": ["numbness"],
        "locations": ["foot"],
        "uuid": client_uuid,
    }

    first = services.episode_create(**fields)
    again = services.episode_create(**fields)

    assert again.pk == first.pk
    assert Episode.objects.filter(user=user).count() == 1

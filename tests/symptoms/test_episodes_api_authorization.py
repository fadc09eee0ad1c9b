"""Anonymous calls answer 401; another user's episode answers 404 and stays as it was."""

import pytest
from django.forms.models import model_to_dict

from symptoms.models import Episode
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

BODY = {
    "started_at": "2026-01-01T10:00:00+00:00",
    "ended_at": "2026-01-01T10:30:00+00:00",
    "sensations": ["burning"],
    "locations": ["outer_thigh"],
    "severity": 9,
}
CALLS = [
    ("get", "/api/v1/episodes/{id}/"),
    ("put", "/api/v1/episodes/{id}/"),
    ("patch", "/api/v1/episodes/{id}/"),
    ("delete", "/api/v1/episodes/{id}/"),
    ("post", "/api/v1/episodes/{id}/end/"),
]


@pytest.fixture
def others_episode(other_user):
    return EpisodeFactory(user=other_user, ended_at=None)


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_list_without_credentials_answers_401_and_stores_nothing(api_client, method):
    response = getattr(api_client, method)("/api/v1/episodes/", BODY, format="json")

    assert response.status_code == 401
    assert not Episode.objects.exists()


@pytest.mark.parametrize(("method", "url"), CALLS)
def test_an_episode_without_credentials_answers_401_and_stays(
    api_client, others_episode, method, url
):
    before = model_to_dict(others_episode)

    response = getattr(api_client, method)(url.format(id=others_episode.id), BODY, format="json")

    assert response.status_code == 401
    assert model_to_dict(Episode.objects.get(id=others_episode.id)) == before


@pytest.mark.parametrize(("method", "url"), CALLS)
def test_another_users_episode_answers_404_and_stays(auth_client, others_episode, method, url):
    before = model_to_dict(others_episode)

    response = getattr(auth_client, method)(url.format(id=others_episode.id), BODY, format="json")

    assert response.status_code == 404
    assert model_to_dict(Episode.objects.get(id=others_episode.id)) == before

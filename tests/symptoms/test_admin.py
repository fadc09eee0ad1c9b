"""The episode admin validates like the model and queues an evaluation after writes."""

import pytest

from accounts.models import Profile
from symptoms.models import Episode
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/symptoms/episode/add/"


def episode_form(user, **changes):
    form = {
        "user": user.id,
        "started_at_0": "2026-11-20",
        "started_at_1": "08:00:00",
        "ended_at_0": "2026-11-20",
        "ended_at_1": "08:20:00",
        "sensations": ["tingling"],
        "locations": ["calf", "foot"],
        "side": "left",
        "severity": 4,
        "notes": "",
    }
    form.update(changes)
    return form


def test_adding_an_episode_in_the_admin_stores_it_and_queues_an_evaluation(admin_client, user):
    response = admin_client.post(ADD, episode_form(user, accompanying=["nausea"]))

    assert response.status_code == 302, response.content.decode()[:2000]
    episode = Episode.objects.get()
    assert (episode.user, episode.sensations, episode.accompanying) == (
        user,
        ["tingling"],
        ["nausea"],
    )
    assert episode.duration_minutes == 20
    assert Profile.objects.get(user=user).evaluation_requested_at is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"ended_at_1": "07:59:00"},
        {"sensations": []},
        {"locations": ["elbow"]},
        {"severity": 11},
    ],
)
def test_the_admin_refuses_an_invalid_episode(admin_client, user, changes):
    response = admin_client.post(ADD, episode_form(user, **changes))

    assert response.status_code == 200
    assert not Episode.objects.exists()


def test_the_admin_refuses_to_link_another_users_workout(admin_client, user, other_user):
    workout = WorkoutFactory(user=other_user)

    response = admin_client.post(ADD, episode_form(user, workout=workout.id))

    assert response.status_code == 200
    assert "Choose one of your own workouts." in response.content.decode()
    assert not Episode.objects.exists()


def test_the_ongoing_filter_lists_only_ongoing_episodes(admin_client, user):
    EpisodeFactory(user=user, ended_at=None, notes="still going")
    EpisodeFactory(user=user, notes="long over")

    page = admin_client.get("/admin/symptoms/episode/", {"ongoing": "yes"}).content.decode()

    assert "1 episode" in page


def test_deleting_an_episode_in_the_admin_goes_through_the_service(admin_client, user):
    episode = EpisodeFactory(user=user)

    response = admin_client.post(f"/admin/symptoms/episode/{episode.id}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Episode.objects.exists()
    assert Profile.objects.get(user=user).evaluation_requested_at is not None

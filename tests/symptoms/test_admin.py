"""The episode admin validates like the model, and its writes are evaluated after commit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.models import Alert
from alerts.services import alerts_evaluate
from symptoms.models import Episode
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/symptoms/episode/add/"


def episode_form(user, **changes):
    """The add form for an episode yesterday from 08:00 to 08:20 (UTC, the admin's zone)."""
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    form = {
        "user": user.id,
        "started_at_0": yesterday,
        "started_at_1": "08:00:00",
        "ended_at_0": yesterday,
        "ended_at_1": "08:20:00",
        "sensations": ["tingling"],
        "locations": ["calf", "foot"],
        "side": "left",
        "severity": 4,
        "notes": "",
    }
    form.update(changes)
    return form


def test_adding_an_episode_with_nausea_in_the_admin_raises_the_urgent_alert(
    admin_client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD, episode_form(user, accompanying=["nausea"]))

    assert response.status_code == 302, response.content.decode()[:2000]
    episode = Episode.objects.get()
    assert (episode.user, episode.sensations, episode.accompanying) == (
        user,
        ["tingling"],
        ["nausea"],
    )
    assert episode.duration_minutes == 20
    [alert] = Alert.objects.filter(user=user, rule="emergency_symptoms")
    assert list(alert.episodes.all()) == [episode]


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


def test_deleting_an_episode_in_the_admin_removes_the_alert_it_was_the_evidence_of(
    admin_client, user, django_capture_on_commit_callbacks
):
    episode = EpisodeFactory(user=user, accompanying=["nausea"])
    kept = EpisodeFactory(user=user, accompanying=["breathing_difficulty"])
    alerts_evaluate(user=user, now=timezone.now())
    assert Alert.objects.filter(user=user, rule="emergency_symptoms").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/symptoms/episode/{episode.id}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert list(Episode.objects.all()) == [kept]
    [alert] = Alert.objects.filter(user=user)
    assert list(alert.episodes.all()) == [kept]

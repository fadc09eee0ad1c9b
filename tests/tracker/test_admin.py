"""The admin lists, searches and edits workouts and weights; its writes queue an evaluation too."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Profile
from tests.factories import BodyWeightFactory, EpisodeFactory, WorkoutFactory
from tracker.models import BodyWeight, Workout

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/tracker/workout/",
        "/admin/tracker/bodyweight/",
        "/admin/symptoms/episode/",
    ],
)
def test_the_admin_lists_load_with_rows_and_a_search(admin_client, user, url):
    workout = WorkoutFactory(user=user)
    EpisodeFactory(user=user, workout=workout)
    BodyWeightFactory(user=user)

    listing = admin_client.get(url)
    search = admin_client.get(url, {"q": user.username})

    assert listing.status_code == 200
    assert search.status_code == 200
    assert user.username in search.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/admin/tracker/workout/", "/admin/symptoms/episode/"],
)
def test_the_admin_lists_take_the_same_queries_for_more_rows(
    admin_client, user, url, django_assert_max_num_queries
):
    for _ in range(30):
        workout = WorkoutFactory(user=user)
        EpisodeFactory(user=user, workout=workout)

    with django_assert_max_num_queries(15):
        assert admin_client.get(url).status_code == 200


def test_adding_a_workout_in_the_admin_queues_an_evaluation(admin_client, user):
    response = admin_client.post(
        "/admin/tracker/workout/add/",
        {
            "user": user.id,
            "activity": "stepper",
            "started_at_0": "2026-11-20",
            "started_at_1": "07:30:00",
            "duration_minutes": 30,
            "intensity": 5,
            "notes": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Workout.objects.get().user == user
    assert Profile.objects.get(user=user).evaluation_requested_at is not None


def test_the_admin_refuses_an_invalid_workout(admin_client, user):
    response = admin_client.post(
        "/admin/tracker/workout/add/",
        {
            "user": user.id,
            "activity": "stepper",
            "started_at_0": "2026-11-20",
            "started_at_1": "07:30:00",
            "duration_minutes": 1441,
        },
    )

    assert response.status_code == 200
    assert not Workout.objects.exists()
    assert Profile.objects.get(user=user).evaluation_requested_at is None


def test_changing_a_weight_in_the_admin_queues_an_evaluation(admin_client, user):
    body_weight = BodyWeightFactory(user=user, measured_on=date(2026, 11, 1))

    response = admin_client.post(
        f"/admin/tracker/bodyweight/{body_weight.id}/change/",
        {"user": user.id, "measured_on": "2026-11-01", "weight_kg": "75.5"},
    )

    assert response.status_code == 302
    body_weight.refresh_from_db()
    assert body_weight.weight_kg == Decimal("75.5")
    assert Profile.objects.get(user=user).evaluation_requested_at is not None


def test_deleting_a_workout_in_the_admin_goes_through_the_service(admin_client, user):
    workout = WorkoutFactory(user=user)

    response = admin_client.post(f"/admin/tracker/workout/{workout.id}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Workout.objects.exists()
    assert Profile.objects.get(user=user).evaluation_requested_at is not None


def test_bulk_deleting_weights_in_the_admin_queues_an_evaluation_per_user(
    admin_client, user, other_user
):
    weights = [BodyWeightFactory(user=user), BodyWeightFactory(user=other_user)]

    response = admin_client.post(
        "/admin/tracker/bodyweight/",
        {
            "action": "delete_selected",
            "_selected_action": [w.id for w in weights],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not BodyWeight.objects.exists()
    for owner in (user, other_user):
        assert Profile.objects.get(user=owner).evaluation_requested_at is not None

"""Every page: anonymous visitors go to the login page, another user's objects answer 404,
and every form POST needs its CSRF token."""

import pytest
from django.utils import timezone

from alerts.models import Alert
from symptoms.models import Episode
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory
from tracker.models import BodyWeight, Workout

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(user):
    """One workout, one ended episode, one ongoing episode and one alert of ``user``."""
    workout = WorkoutFactory(user=user)
    episode = EpisodeFactory(user=user, workout=workout)
    ongoing = EpisodeFactory(user=user, started_at=timezone.now(), ended_at=None)
    alert = Alert.objects.create(
        user=user,
        rule="tingling_with_red_flags",
        level="see_doctor",
        identity=f"episode:{episode.id}",
        context={},
        created_at=timezone.now(),
    )
    alert.episodes.add(episode)
    weight = BodyWeightFactory(user=user)
    return {
        "workout": workout.pk,
        "episode": episode.pk,
        "ongoing": ongoing.pk,
        "alert": alert.pk,
        "weight": weight.pk,
    }


PAGES = [
    "/",
    "/?weeks=52",
    "/settings/",
    "/settings/delete-account/",
    "/settings/password/",
    "/workouts/",
    "/workouts/new/",
    "/workouts/{workout}/",
    "/workouts/{workout}/edit/",
    "/workouts/{workout}/delete/",
    "/episodes/",
    "/episodes/new/",
    "/episodes/new/?workout={workout}",
    "/episodes/{episode}/",
    "/episodes/{episode}/edit/",
    "/episodes/{episode}/delete/",
    "/alerts/",
    "/alerts/{alert}/",
    "/weights/",
    "/weights/{weight}/edit/",
    "/weights/{weight}/delete/",
    "/welcome/1/",
]
OWN_OBJECT_PAGES = [p for p in PAGES if "{" in p]
POSTS = [
    "/workouts/new/",
    "/workouts/{workout}/edit/",
    "/workouts/{workout}/delete/",
    "/episodes/new/",
    "/episodes/numb-now/",
    "/episodes/now/",
    "/episodes/{ongoing}/details/",
    "/episodes/{ongoing}/end/",
    "/episodes/{episode}/edit/",
    "/episodes/{episode}/delete/",
    "/alerts/{alert}/acknowledge/",
    "/settings/",
    "/settings/delete-account/",
    "/settings/password/",
    "/weights/",
    "/weights/{weight}/edit/",
    "/weights/{weight}/delete/",
]
OWN_OBJECT_POSTS = [p for p in POSTS if "{" in p]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_to_its_owner(web, objects, page):
    assert web.get(page.format(**objects)).status_code == 200


@pytest.mark.parametrize("page", PAGES + POSTS)
def test_anonymous_visitor_is_sent_to_log_in(client, objects, page):
    url = page.format(**objects)
    method = client.post if page in POSTS and page not in PAGES else client.get
    response = method(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("page", OWN_OBJECT_PAGES)
def test_another_users_object_page_is_not_found(web_for, objects, page):
    stranger = web_for(UserFactory())
    assert stranger.get(page.format(**objects)).status_code == 404


@pytest.mark.parametrize("page", OWN_OBJECT_POSTS)
def test_another_users_object_cannot_be_changed(web_for, objects, page):
    stranger = web_for(UserFactory())
    response = stranger.post(
        page.format(**objects), {"password": "correct horse battery", "activity": "running"}
    )
    assert response.status_code == 404
    assert Workout.objects.filter(pk=objects["workout"]).exists()
    assert Episode.objects.get(pk=objects["ongoing"]).ended_at is None
    assert Alert.objects.get(pk=objects["alert"]).acknowledged_at is None
    assert BodyWeight.objects.filter(pk=objects["weight"]).exists()


@pytest.mark.parametrize("page", POSTS)
def test_a_post_without_csrf_token_is_refused(web_for, user, objects, page):
    guarded = web_for(user, csrf=True)
    response = guarded.post(page.format(**objects), {"password": "correct horse battery"})
    assert response.status_code == 403
    assert Workout.objects.filter(pk=objects["workout"]).exists()
    assert Episode.objects.get(pk=objects["ongoing"]).ended_at is None
    assert Alert.objects.get(pk=objects["alert"]).acknowledged_at is None
    assert BodyWeight.objects.filter(pk=objects["weight"]).exists()


def test_logging_out_needs_a_post_with_its_token(web_for, user):
    guarded = web_for(user, csrf=True)
    assert guarded.get("/logout/").status_code == 405
    assert guarded.post("/logout/").status_code == 403
    assert guarded.get("/").status_code == 200

"""Episodes: "my legs are numb now", first aid, ending, logging in full, history."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from symptoms.models import Episode
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
EPISODE = {
    "started_at": "2026-11-23T18:40",
    "ended_at": "2026-11-23T18:55",
    "sensations": ["numbness", "tingling"],
    "locations": ["foot", "foot_sole"],
    "side": "left",
    "severity": "6",
    "relief_actions": ["elevated_legs"],
    "notes": "after the stepper",
}


@pytest.fixture
def jakarta(user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    return user


@time_machine.travel(NOW, tick=False)
def test_numb_now_starts_an_ongoing_episode_linked_to_the_workout_just_done(web, user):
    stepper = WorkoutFactory(user=user, activity="stepper", started_at=NOW - timedelta(minutes=40))

    response = web.post("/episodes/numb-now/")

    episode = Episode.objects.get(user=user)
    assert response["Location"] == f"/episodes/{episode.id}/"
    assert episode.started_at == NOW
    assert episode.ended_at is None
    assert episode.workout == stepper
    assert episode.sensations == ["numbness"]


@time_machine.travel(NOW, tick=False)
def test_numb_now_pressed_twice_keeps_one_episode(web, user):
    web.post("/episodes/numb-now/")
    response = web.post("/episodes/numb-now/")

    episode = Episode.objects.get(user=user)
    assert response["Location"] == f"/episodes/{episode.id}/"


@time_machine.travel(NOW, tick=False)
def test_ongoing_episode_page_shows_first_aid_with_a_ten_to_twenty_minute_timer(web, jakarta):
    web.post("/episodes/numb-now/")
    episode = Episode.objects.get(user=jakarta)

    page = web.get(f"/episodes/{episode.id}/").content.decode()

    assert "Stop exercising now." in page
    assert "Keep your legs still for 10 to 20 minutes." in page
    assert 'data-rest-low="10" data-rest-high="20"' in page
    assert "Stay still until about 19:10 to 19:20." in page  # readable without JavaScript
    assert f'action="/episodes/{episode.id}/end/"' in page


def test_every_page_shows_the_ongoing_episode_until_it_ends(web, user):
    episode = EpisodeFactory(user=user, started_at=timezone.now(), ended_at=None)

    for page in ("/", "/workouts/", "/settings/", "/alerts/"):
        assert "Episode in progress" in web.get(page).content.decode()

    response = web.post(f"/episodes/{episode.id}/end/")

    assert response["Location"] == f"/episodes/{episode.id}/"
    episode.refresh_from_db()
    assert episode.ended_at is not None
    assert "Episode in progress" not in web.get("/workouts/").content.decode()


def test_ending_an_episode_twice_says_it_has_already_ended(web, user):
    episode = EpisodeFactory(user=user)
    ended_at = episode.ended_at

    page = web.post(f"/episodes/{episode.id}/end/", follow=True).content.decode()

    assert "This episode has already ended." in page
    episode.refresh_from_db()
    assert episode.ended_at == ended_at


def test_the_short_form_adds_sensations_and_locations_to_the_ongoing_episode(web, user):
    episode = EpisodeFactory(user=user, started_at=timezone.now(), ended_at=None)

    web.post(
        f"/episodes/{episode.id}/details/",
        {"sensations": ["tingling", "burning"], "locations": ["outer_thigh"], "side": "right"},
    )

    episode.refresh_from_db()
    assert episode.sensations == ["tingling", "burning"]
    assert episode.locations == ["outer_thigh"]
    assert episode.side == "right"
    assert episode.ended_at is None


def test_the_short_form_without_a_location_keeps_the_episode_as_it_was(web, user):
    episode = EpisodeFactory(user=user, started_at=timezone.now(), ended_at=None)

    response = web.post(
        f"/episodes/{episode.id}/details/", {"sensations": ["burning"], "side": "right"}
    )

    assert "Choose at least one." in response.content.decode()
    episode.refresh_from_db()
    assert (episode.sensations, episode.locations) == (["tingling"], ["calf"])


@time_machine.travel(NOW, tick=False)
def test_new_episode_form_links_a_workout_that_ended_less_than_two_hours_ago(web, user):
    recent = WorkoutFactory(
        user=user, started_at=NOW - timedelta(minutes=150), duration_minutes=45
    )  # ended 1 h 45 min ago

    form = web.get("/episodes/new/").context["form"]

    assert form["workout"].value() == recent.id


@time_machine.travel(NOW, tick=False)
def test_new_episode_form_links_nothing_when_the_last_workout_ended_over_two_hours_ago(web, user):
    WorkoutFactory(user=user, started_at=NOW - timedelta(minutes=170), duration_minutes=45)

    form = web.get("/episodes/new/").context["form"]

    assert form["workout"].value() is None


def test_the_workout_in_the_link_is_preselected(web, user):
    old = WorkoutFactory(user=user, started_at=timezone.now() - timedelta(days=40))
    WorkoutFactory(user=user, started_at=timezone.now() - timedelta(minutes=30))

    page = web.get(f"/episodes/new/?workout={old.id}")

    assert page.context["form"]["workout"].value() == old.id
    assert f'<option value="{old.id}" selected>' in page.content.decode()


def test_someone_elses_workout_cannot_be_chosen(web, user):
    theirs = WorkoutFactory(user=UserFactory())

    response = web.post("/episodes/new/", {**EPISODE, "workout": str(theirs.id)})

    assert "workout" in response.context["form"].errors
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_logging_an_episode_in_full_reads_times_in_the_persons_zone(web, jakarta):
    workout = WorkoutFactory(user=jakarta, activity="stepper", started_at=NOW - timedelta(hours=1))

    response = web.post("/episodes/new/", {**EPISODE, "workout": str(workout.id)})

    episode = Episode.objects.get(user=jakarta)
    assert response["Location"] == f"/episodes/{episode.id}/"
    assert episode.started_at == datetime(2026, 11, 23, 11, 40, tzinfo=UTC)
    assert episode.duration_minutes == 15
    assert episode.workout == workout
    assert (episode.side, episode.severity) == ("left", 6)
    assert episode.relief_actions == ["elevated_legs"]


@time_machine.travel(NOW, tick=False)
def test_an_emergency_symptom_puts_seek_help_now_before_anything_else(web, jakarta, settings):
    settings.EMERGENCY_NUMBER = "119"

    response = web.post("/episodes/new/", {**EPISODE, "accompanying": ["breathing_difficulty"]})
    page = web.get(response["Location"]).content.decode()

    urgent = page.index('role="alert"')
    assert urgent < page.index("<main")
    assert "Call 119 or go to the nearest emergency department" in page[urgent:]
    assert 'href="tel:119"' in page[urgent:]


@time_machine.travel(NOW, tick=False)
def test_saddle_numbness_puts_seek_help_now_before_anything_else(web, jakarta, settings):
    settings.EMERGENCY_NUMBER = "119"

    response = web.post("/episodes/new/", {**EPISODE, "locations": ["saddle_area"]})
    page = web.get(response["Location"]).content.decode()

    urgent = page.index('role="alert"')
    assert urgent < page.index("<main")
    assert "needs emergency care now" in page[urgent:]
    assert "Call 119 or go to the nearest emergency department" in page[urgent:]


@time_machine.travel(NOW, tick=False)
def test_the_episode_form_offers_the_saddle_area_and_a_change_in_bowel_control(web):
    page = web.get("/episodes/new/").content.decode()

    assert 'value="saddle_area"' in page
    assert "Saddle area (groin, genitals, inner thighs, buttocks)" in page
    assert 'value="bowel_control_change"' in page


@time_machine.travel(NOW, tick=False)
def test_an_episode_without_emergency_symptoms_gets_no_emergency_banner(web, jakarta):
    response = web.post("/episodes/new/", EPISODE)
    page = web.get(response["Location"]).content.decode()

    assert "Seek medical help now" not in page
    assert "Episode saved." in page


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sensations": []}, "sensations"),
        ({"locations": ["elbow"]}, "locations"),
        ({"started_at": "2026-11-23T19:30"}, "started_at"),  # 30 min in the future
        ({"ended_at": "2026-11-23T18:00"}, "ended_at"),  # before the start
        ({"severity": "11"}, "severity"),
        ({"side": "middle"}, "side"),
    ],
)
def test_bad_episode_input_shows_the_error_and_stores_nothing(web, jakarta, change, field):
    response = web.post("/episodes/new/", {**EPISODE, **change})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Please correct the following:" in response.content.decode()
    assert not Episode.objects.exists()


def test_editing_an_episode_changes_it(web, user):
    episode = EpisodeFactory(user=user, severity=3)
    data = {
        **EPISODE,
        "started_at": timezone.localtime(episode.started_at).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": timezone.localtime(episode.ended_at).strftime("%Y-%m-%dT%H:%M"),
        "severity": "8",
    }

    response = web.post(f"/episodes/{episode.id}/edit/", data)

    assert response["Location"] == f"/episodes/{episode.id}/"
    episode.refresh_from_db()
    assert episode.severity == 8
    assert episode.locations == ["foot", "foot_sole"]


def test_deleting_an_episode_asks_first(web, user):
    episode = EpisodeFactory(user=user)

    assert "Delete this episode?" in web.get(f"/episodes/{episode.id}/delete/").content.decode()
    response = web.post(f"/episodes/{episode.id}/delete/")

    assert response["Location"] == "/episodes/"
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_episode_list_filters_by_the_activity_before_it_and_by_date(web, user):
    stepper = WorkoutFactory(user=user, activity="stepper", started_at=NOW - timedelta(hours=3))
    after_stepper = EpisodeFactory(user=user, workout=stepper, started_at=NOW - timedelta(hours=2))
    unlinked = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=1))
    EpisodeFactory(user=user, started_at=NOW - timedelta(days=30))

    by_activity = web.get("/episodes/?activity=stepper").context["page"].object_list
    by_date = web.get("/episodes/?date_from=2026-11-23").context["page"].object_list

    assert [e.id for e in by_activity] == [after_stepper.id]
    assert [e.id for e in by_date] == [unlinked.id, after_stepper.id]


def test_episode_pages_speak_bahasa_indonesia(web, user):
    user.profile.language = "id"
    user.profile.save()

    page = web.get("/episodes/new/").content.decode()

    assert "Apa yang Anda rasakan?" in page
    assert "Kesemutan" in page
    assert "Telapak kaki" in page

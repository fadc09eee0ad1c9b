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
def test_numb_now_records_nothing_until_the_person_says_what_and_where(web, user):
    response = web.post("/episodes/numb-now/")

    assert response["Location"] == f"/episodes/now/?since={int(NOW.timestamp())}"
    assert not Episode.objects.exists()
    page = web.get(response["Location"]).content.decode()
    assert "What do you feel?" in page
    assert "Where?" in page
    assert "Stop exercising now." in page  # first aid at once
    assert 'name="locations" value="foot" ' in page
    assert 'value="foot" checked' not in page  # no silent default
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_numb_now_answers_record_an_ongoing_episode_from_the_press_of_the_button(web, user):
    pressed = NOW - timedelta(minutes=3)

    response = web.post(
        "/episodes/now/",
        {
            "since": int(pressed.timestamp()),
            "sensations": ["tingling"],
            "locations": ["calf"],
            "side": "left",
        },
    )

    episode = Episode.objects.get(user=user)
    assert response["Location"] == f"/episodes/{episode.id}/"
    assert episode.started_at == pressed
    assert episode.ended_at is None
    assert (episode.sensations, episode.locations, episode.side) == (["tingling"], ["calf"], "left")
    assert episode.workout is None


@time_machine.travel(NOW, tick=False)
def test_numb_now_links_the_workout_just_done_only_when_confirmed(web, user):
    stepper = WorkoutFactory(user=user, activity="stepper", started_at=NOW - timedelta(minutes=50))
    since = int(NOW.timestamp())
    page = web.get(f"/episodes/now/?since={since}").content.decode()
    assert "Yes, it started after my workout (Stepper at" in page
    checkbox = page.split('name="link_workout"')[1].split(">")[0]
    assert "checked" not in checkbox
    answers = {"since": since, "sensations": ["numbness"], "locations": ["foot"], "side": "both"}

    web.post("/episodes/now/", answers)
    assert Episode.objects.get(user=user).workout is None

    Episode.objects.all().delete()
    web.post("/episodes/now/", {**answers, "link_workout": "on"})
    assert Episode.objects.get(user=user).workout == stepper


@time_machine.travel(NOW, tick=False)
def test_numb_now_without_an_answer_shows_errors_and_stores_nothing(web, user):
    response = web.post("/episodes/now/", {"since": int(NOW.timestamp()), "side": "both"})

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Choose at least one.") >= 2
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_numb_now_refuses_a_start_time_from_the_future(web, user):
    future = int((NOW + timedelta(hours=2)).timestamp())
    response = web.post(
        "/episodes/now/",
        {"since": future, "sensations": ["numbness"], "locations": ["foot"], "side": "both"},
    )

    assert "The start time is not valid. Press the button again." in response.content.decode()
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_numb_now_saved_as_gone_records_an_ended_episode(web, user):
    web.post(
        "/episodes/now/",
        {
            "since": int((NOW - timedelta(minutes=4)).timestamp()),
            "sensations": ["numbness"],
            "locations": ["toes"],
            "side": "right",
            "gone": "1",
        },
    )

    episode = Episode.objects.get(user=user)
    assert episode.ended_at == NOW


@time_machine.travel(NOW, tick=False)
def test_numb_now_pressed_with_an_episode_running_goes_to_it(web, user):
    running = EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=5), ended_at=None)

    assert web.post("/episodes/numb-now/")["Location"] == f"/episodes/{running.id}/"
    assert web.get("/episodes/now/")["Location"] == f"/episodes/{running.id}/"


@time_machine.travel(NOW, tick=False)
def test_ongoing_episode_page_shows_first_aid_with_a_ten_to_twenty_minute_timer(web, jakarta):
    episode = EpisodeFactory(user=jakarta, started_at=NOW, ended_at=None)

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
def test_new_episode_form_offers_the_last_workout_instead_of_linking_it_silently(web, user):
    WorkoutFactory(
        user=user, activity="stepper", started_at=NOW - timedelta(minutes=150), duration_minutes=45
    )  # ended 1 h 45 min ago, 10:15 UTC

    response = web.get("/episodes/new/")

    assert response.context["form"]["workout"].value() is None
    assert "After my last workout (Stepper, ended 10:15)" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_after_my_last_workout_starts_the_episode_when_the_workout_ended_and_links_it(web, user):
    stepper = WorkoutFactory(
        user=user, activity="stepper", started_at=NOW - timedelta(minutes=150), duration_minutes=45
    )

    web.post(
        "/episodes/new/",
        {
            "sensations": ["numbness"],
            "locations": ["thigh"],
            "side": "left",
            "started_ago": "last_workout",
            "lasted": "20",
            "started_at": "",
        },
    )

    episode = Episode.objects.get(user=user)
    assert episode.started_at == stepper.ended_at
    assert episode.ended_at == stepper.ended_at + timedelta(minutes=20)
    assert episode.workout == stepper


@time_machine.travel(NOW, tick=False)
def test_started_minutes_ago_and_lasted_chips_set_the_times_without_typing(web, user):
    web.post(
        "/episodes/new/",
        {
            "sensations": ["tingling"],
            "locations": ["calf"],
            "side": "right",
            "started_ago": "30",
            "lasted": "10",
            "started_at": "",
        },
    )

    episode = Episode.objects.get(user=user)
    assert episode.started_at == NOW - timedelta(minutes=30)
    assert episode.ended_at == NOW - timedelta(minutes=20)
    assert episode.workout is None


@time_machine.travel(NOW, tick=False)
def test_an_episode_without_a_start_time_is_refused_and_nothing_stored(web, user):
    response = web.post(
        "/episodes/new/", {"sensations": ["tingling"], "locations": ["calf"], "started_at": ""}
    )

    assert "Say when it started." in response.content.decode()
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_lasted_chip_that_ends_in_the_future_is_refused(web, user):
    response = web.post(
        "/episodes/new/",
        {**EPISODE, "started_ago": "15", "lasted": "30"},
    )

    assert "An episode cannot end in the future." in response.content.decode()
    assert not Episode.objects.exists()


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


def test_the_episode_form_reads_in_indonesian(web, user):
    user.profile.language = "id"
    user.profile.save()

    page = web.get("/episodes/new/").content.decode()

    assert "Kapan mulainya?" in page
    assert "Berapa lama berlangsungnya?" in page
    assert "Seberapa parah (opsional)?" in page
    assert "Kekuatan" not in page
    assert "Depan" in page
    assert "Belakang" in page

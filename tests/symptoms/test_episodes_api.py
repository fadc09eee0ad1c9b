from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.forms.models import model_to_dict
from django.utils import translation

from accounts.models import Profile
from symptoms.guidance import first_aid_steps, guidance_for
from symptoms.models import Episode
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.histories import evaluate

pytestmark = pytest.mark.django_db

URL = "/api/v1/episodes/"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
VALID = {
    "started_at": "2026-11-23T10:00:00+00:00",
    "ended_at": "2026-11-23T10:25:30+00:00",
    "sensations": ["tingling", "numbness"],
    "locations": ["calf", "foot"],
    "side": "left",
    "severity": 5,
    "accompanying": ["stiffness"],
    "relief_actions": ["stopped_exercise", "elevated_legs"],
    "notes": "Started on the stepper.",
}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def detail(episode_id):
    return f"{URL}{episode_id}/"


def end_url(episode_id):
    return f"{URL}{episode_id}/end/"


# --- Logging an episode ----------------------------------------------------------------


def test_logging_an_episode_stores_it_and_answers_it_with_first_aid(user, auth_client):
    response = auth_client.post(URL, VALID, format="json")

    assert response.status_code == 201
    episode = Episode.objects.get()
    assert episode.user == user
    body = response.json()
    assert body == {
        "id": episode.id,
        "workout": None,
        "started_at": "2026-11-23T10:00:00+00:00",
        "ended_at": "2026-11-23T10:25:30+00:00",
        "duration_minutes": 25,
        "sensations": ["tingling", "numbness"],
        "locations": ["calf", "foot"],
        "side": "left",
        "severity": 5,
        "accompanying": ["stiffness"],
        "relief_actions": ["stopped_exercise", "elevated_legs"],
        "notes": "Started on the stepper.",
        "created_at": "2026-11-23T12:00:00+00:00",
        "guidance": [g.as_dict() for g in first_aid_steps()],
    }
    assert [g["level"] for g in body["guidance"]] == ["info"] * 4
    assert "Stop exercising" in body["guidance"][0]["text"]
    # The alert a logged episode raises: tests/alerts/test_apis.py.


@pytest.mark.parametrize(
    "symptom", ["nausea", "breathing_difficulty", "severe_leg_pain", "loss_of_consciousness"]
)
def test_an_emergency_symptom_puts_urgent_advice_with_the_number_first(auth_client, symptom):
    response = auth_client.post(URL, {**VALID, "accompanying": [symptom]}, format="json")

    assert response.status_code == 201
    guidance = response.json()["guidance"]
    assert guidance[0]["level"] == "urgent"
    assert "112" in guidance[0]["text"]
    assert [g["level"] for g in guidance[1:]] == ["info"] * 4


def test_the_guidance_is_written_in_the_users_language(user, auth_client):
    Profile.objects.filter(user=user).update(language="id")

    response = auth_client.post(URL, {**VALID, "accompanying": ["nausea"]}, format="json")

    logged = {"sensations": VALID["sensations"], "locations": VALID["locations"], "side": "left"}
    with translation.override("id"):
        expected = [g.as_dict() for g in guidance_for(accompanying=["nausea"], **logged)]
    with translation.override("en"):
        english = [g.as_dict() for g in guidance_for(accompanying=["nausea"], **logged)]
    assert response.json()["guidance"] == expected
    assert response.json()["guidance"] != english
    assert response.headers["Content-Language"] == "id"


def test_errors_are_written_in_the_users_language(user, other_user, auth_client):
    Profile.objects.filter(user=user).update(language="id")
    workout = WorkoutFactory(user=other_user)

    response = auth_client.post(URL, {**VALID, "workout": workout.id}, format="json")

    with translation.override("id"):
        expected = translation.gettext("Choose one of your own workouts.")
    assert response.status_code == 400
    assert response.json() == {"workout": [expected]}
    assert expected != "Choose one of your own workouts."


def test_an_ongoing_episode_has_no_end_and_no_duration(auth_client):
    body = {k: v for k, v in VALID.items() if k != "ended_at"}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201
    assert response.json()["ended_at"] is None
    assert response.json()["duration_minutes"] is None
    assert Episode.objects.get().ended_at is None


def test_an_episode_can_be_linked_to_the_users_own_workout(user, auth_client):
    workout = WorkoutFactory(user=user)

    response = auth_client.post(URL, {**VALID, "workout": workout.id}, format="json")

    assert response.status_code == 201
    assert response.json()["workout"] == workout.id
    assert Episode.objects.get().workout == workout


def test_a_start_up_to_five_minutes_ahead_is_accepted_for_a_fast_clock(auth_client):
    ahead = (NOW + timedelta(minutes=4)).isoformat()
    body = {**VALID, "started_at": ahead, "ended_at": None}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201


def test_read_only_and_unknown_fields_are_ignored(user, other_user, auth_client):
    body = {**VALID, "id": 4242, "user": other_user.id, "duration_minutes": 999, "mood": "bad"}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201
    episode = Episode.objects.get()
    assert episode.id != 4242
    assert episode.user == user
    assert response.json()["duration_minutes"] == 25


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ended_at", "2026-11-23T09:59:00+00:00"),  # ended before it started
        ("ended_at", "2026-11-23T12:10:00+00:00"),  # ends 10 minutes in the future
        ("started_at", "2026-11-23T12:10:00+00:00"),  # starts 10 minutes in the future
        ("severity", 11),
        ("severity", -1),
        ("locations", ["calf", "elbow"]),
        ("locations", []),
        ("locations", ["calf", "calf"]),
        ("sensations", []),
        ("sensations", ["itching"]),
        ("sensations", "tingling"),
        ("accompanying", ["hiccups"]),
        ("relief_actions", ["prayed"]),
        ("side", "middle"),
        ("notes", "x" * 2001),
        ("workout", 999999),
    ],
)
def test_logging_an_invalid_episode_answers_400_and_stores_nothing(auth_client, field, value):
    body = {**VALID, field: value}
    if field == "started_at":
        body["ended_at"] = None

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert isinstance(response.json()[field], list)
    assert not Episode.objects.exists()


def test_linking_another_users_workout_answers_400_and_stores_nothing(other_user, auth_client):
    workout = WorkoutFactory(user=other_user)

    response = auth_client.post(URL, {**VALID, "workout": workout.id}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["workout"]
    assert not Episode.objects.exists()


@pytest.mark.parametrize("missing", ["started_at", "sensations", "locations"])
def test_logging_without_a_required_field_answers_400(auth_client, missing):
    body = {k: v for k, v in VALID.items() if k != missing}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert missing in response.json()
    assert not Episode.objects.exists()


# --- Reading, changing, deleting -------------------------------------------------------


def test_getting_an_episode_answers_it_without_guidance(user, auth_client):
    episode = EpisodeFactory(user=user)

    response = auth_client.get(detail(episode.id))

    assert response.status_code == 200
    assert response.json()["id"] == episode.id
    assert response.json()["duration_minutes"] == 15
    assert "guidance" not in response.json()


def test_patching_an_episode_changes_the_given_fields(user, auth_client):
    episode = EpisodeFactory(user=user, severity=4, locations=["calf"])

    response = auth_client.patch(
        detail(episode.id), {"severity": 7, "locations": ["calf", "lower_back"]}, format="json"
    )

    assert response.status_code == 200
    episode.refresh_from_db()
    assert (episode.severity, episode.locations) == (7, ["calf", "lower_back"])
    assert episode.sensations == ["tingling"]


def test_adding_the_lower_back_to_an_episode_raises_the_nerve_compression_alert(
    user, auth_client, django_capture_on_commit_callbacks
):
    episode = EpisodeFactory(user=user, locations=["calf"])
    assert evaluate(user) == []

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.patch(
            detail(episode.id), {"locations": ["calf", "lower_back"]}, format="json"
        )

    assert response.status_code == 200
    [alert] = auth_client.get("/api/v1/alerts/").json()["results"]
    assert alert["rule"] == "possible_nerve_compression"
    assert alert["evidence"]["episodes"] == [episode.id]


def test_putting_an_episode_replaces_it(user, auth_client):
    episode = EpisodeFactory(user=user)
    workout = WorkoutFactory(user=user)

    response = auth_client.put(detail(episode.id), {**VALID, "workout": workout.id}, format="json")

    assert response.status_code == 200
    episode.refresh_from_db()
    assert episode.workout == workout
    assert episode.sensations == ["tingling", "numbness"]
    assert episode.duration_minutes == 25


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ended_at", "2026-11-01T00:00:00+00:00"),
        ("severity", 11),
        ("sensations", []),
        ("locations", ["elbow"]),
        ("started_at", "2026-11-23T12:10:00+00:00"),
    ],
)
def test_patching_an_invalid_value_answers_400_and_keeps_the_episode(
    user, auth_client, field, value
):
    episode = EpisodeFactory(user=user)
    before = model_to_dict(episode)

    response = auth_client.patch(detail(episode.id), {field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert model_to_dict(Episode.objects.get(id=episode.id)) == before


def test_patching_in_another_users_workout_answers_400(user, other_user, auth_client):
    episode = EpisodeFactory(user=user)
    workout = WorkoutFactory(user=other_user)

    response = auth_client.patch(detail(episode.id), {"workout": workout.id}, format="json")

    assert response.status_code == 400
    episode.refresh_from_db()
    assert episode.workout is None


def test_unlinking_the_workout_with_null(user, auth_client):
    episode = EpisodeFactory(user=user, workout=WorkoutFactory(user=user))

    response = auth_client.patch(detail(episode.id), {"workout": None}, format="json")

    assert response.status_code == 200
    episode.refresh_from_db()
    assert episode.workout is None


def test_deleting_an_episode_removes_it_and_the_alert_it_was_the_evidence_of(
    user, auth_client, django_capture_on_commit_callbacks
):
    episode = EpisodeFactory(user=user, accompanying=["nausea"])
    assert evaluate(user) == ["emergency_symptoms"]

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.delete(detail(episode.id))

    assert response.status_code == 204
    assert not Episode.objects.exists()
    assert auth_client.get("/api/v1/alerts/").json()["results"] == []


# --- Ending an episode -----------------------------------------------------------------


def test_ending_without_a_time_ends_the_episode_now(user, auth_client):
    episode = EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=70), ended_at=None)

    response = auth_client.post(end_url(episode.id), {}, format="json")

    assert response.status_code == 200
    assert response.json()["ended_at"] == "2026-11-23T12:00:00+00:00"
    assert response.json()["duration_minutes"] == 70
    episode.refresh_from_db()
    assert episode.ended_at == NOW


def test_ending_at_a_given_time_records_that_time(user, auth_client):
    episode = EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=70), ended_at=None)

    response = auth_client.post(
        end_url(episode.id), {"ended_at": "2026-11-23T11:20:00+00:00"}, format="json"
    )

    assert response.status_code == 200
    episode.refresh_from_db()
    assert episode.ended_at == datetime(2026, 11, 23, 11, 20, tzinfo=UTC)
    assert response.json()["duration_minutes"] == 30


def test_ending_an_episode_that_already_ended_answers_400_and_keeps_its_end(user, auth_client):
    episode = EpisodeFactory(user=user)
    ended_at = episode.ended_at

    response = auth_client.post(end_url(episode.id), {}, format="json")

    assert response.status_code == 400
    assert "ended_at" in response.json()
    episode.refresh_from_db()
    assert episode.ended_at == ended_at


@pytest.mark.parametrize(
    "ended_at",
    ["2026-11-23T10:00:00+00:00", "2026-11-23T12:10:00+00:00", "not a time"],
)
def test_ending_at_an_impossible_time_answers_400_and_leaves_it_ongoing(
    user, auth_client, ended_at
):
    episode = EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=30), ended_at=None)

    response = auth_client.post(end_url(episode.id), {"ended_at": ended_at}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ended_at"]
    episode.refresh_from_db()
    assert episode.ended_at is None


# --- Lists ------------------------------------------------------------------------------


def test_the_list_shows_only_the_users_episodes_newest_first(user, other_user, auth_client):
    old = EpisodeFactory(user=user, started_at=NOW - timedelta(days=3))
    new = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=3))
    EpisodeFactory(user=other_user, started_at=NOW - timedelta(hours=1))

    body = auth_client.get(URL).json()

    assert body["count"] == 2
    assert [e["id"] for e in body["results"]] == [new.id, old.id]


def test_the_ongoing_filter_separates_ongoing_from_ended(user, auth_client):
    ongoing = EpisodeFactory(user=user, ended_at=None)
    ended = EpisodeFactory(user=user, started_at=NOW - timedelta(days=1))

    only_ongoing = auth_client.get(URL, {"ongoing": "true"}).json()
    only_ended = auth_client.get(URL, {"ongoing": "false"}).json()

    assert [e["id"] for e in only_ongoing["results"]] == [ongoing.id]
    assert [e["id"] for e in only_ended["results"]] == [ended.id]


def test_from_and_to_count_whole_days_in_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="America/New_York")
    # 20 November in New York (UTC-5) runs from 20 Nov 05:00 UTC to 21 Nov 05:00 UTC.
    EpisodeFactory(user=user, started_at=datetime(2026, 11, 20, 4, 59, tzinfo=UTC))
    first = EpisodeFactory(user=user, started_at=datetime(2026, 11, 20, 5, 0, tzinfo=UTC))
    last = EpisodeFactory(user=user, started_at=datetime(2026, 11, 21, 4, 59, tzinfo=UTC))
    EpisodeFactory(user=user, started_at=datetime(2026, 11, 21, 5, 0, tzinfo=UTC))

    body = auth_client.get(URL, {"from": "2026-11-20", "to": "2026-11-20"}).json()

    assert [e["id"] for e in body["results"]] == [last.id, first.id]


@pytest.mark.parametrize("query", [{"ongoing": "maybe"}, {"from": "2026-02-30"}, {"to": "x"}])
def test_an_invalid_filter_value_answers_400(auth_client, query):
    response = auth_client.get(URL, query)

    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_the_page_size_is_capped_at_200(user, auth_client):
    EpisodeFactory.create_batch(201, user=user)

    body = auth_client.get(URL, {"page_size": 500}).json()

    assert body["count"] == 201
    assert len(body["results"]) == 200
    assert body["next"] is not None


@pytest.mark.parametrize("rows", [5, 150])
def test_listing_episodes_takes_the_same_few_queries_whatever_the_page_size(
    user, client_for, django_assert_num_queries, rows
):
    workout = WorkoutFactory(user=user)
    EpisodeFactory.create_batch(rows, user=user, workout=workout)
    client = client_for(user)

    # token, user and profile (zone), count, page
    with django_assert_num_queries(3):
        response = client.get(URL, {"page_size": 200})

    assert len(response.json()["results"]) == rows
    assert {e["workout"] for e in response.json()["results"]} == {workout.id}


def test_logging_an_episode_over_the_api_takes_5_statements(
    user, client_for, django_assert_num_queries
):
    client = client_for(user)

    # token, user and profile (language and zone) in one; then one transaction (a
    # savepoint here, inside the test's): the insert and the evaluation mark. The
    # constraints are the database's to check at the insert, not a look-up each.
    with django_assert_num_queries(5) as captured:
        response = client.post(URL, VALID, format="json")

    assert response.status_code == 201
    assert [q["sql"].split()[0] for q in captured.captured_queries][1:] == [
        "SAVEPOINT",
        "INSERT",
        "UPDATE",
        "RELEASE",
    ]


def test_times_are_answered_in_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")
    episode = EpisodeFactory(
        user=user,
        started_at=datetime(2026, 11, 23, 0, 30, tzinfo=UTC),
        ended_at=datetime(2026, 11, 23, 0, 45, tzinfo=UTC),
    )

    body = auth_client.get(detail(episode.id)).json()

    assert body["started_at"] == "2026-11-23T07:30:00+07:00"
    assert body["ended_at"] == "2026-11-23T07:45:00+07:00"
    assert body["created_at"] == "2026-11-23T19:00:00+07:00"


def test_a_naive_start_is_read_in_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")
    body = {**VALID, "started_at": "2026-11-23T17:00:00", "ended_at": "2026-11-23T17:20:00"}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201
    episode = Episode.objects.get()
    assert episode.started_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert response.json()["started_at"] == "2026-11-23T17:00:00+07:00"


@pytest.mark.parametrize(
    "change",
    [
        {"sensations": ["tingling"], "locations": ["saddle_area"]},
        {"accompanying": ["bowel_control_change"], "side": "both"},
        {"accompanying": ["difficulty_urinating"], "locations": ["lower_back"]},
    ],
)
def test_signs_of_a_compressed_nerve_root_put_urgent_advice_with_the_number_first(
    auth_client, settings, change
):
    settings.EMERGENCY_NUMBER = "119"

    response = auth_client.post(URL, {**VALID, **change}, format="json")

    assert response.status_code == 201
    guidance = response.json()["guidance"]
    assert guidance[0]["level"] == "urgent"
    assert "saddle area" in guidance[0]["text"]
    assert "Call 119" in guidance[0]["text"]
    assert [g["level"] for g in guidance[1:]] == ["info"] * 4


def test_a_bladder_change_on_one_side_away_from_the_back_gets_first_aid_only(auth_client):
    body = {**VALID, "accompanying": ["difficulty_urinating"], "side": "left"}

    response = auth_client.post(URL, body, format="json")

    assert [g["level"] for g in response.json()["guidance"]] == ["info"] * 4


def test_the_compressed_nerve_root_advice_is_in_indonesian_for_an_indonesian_reader(
    user, auth_client
):
    Profile.objects.filter(user=user).update(language="id")
    body = {**VALID, "sensations": ["numbness"], "locations": ["saddle_area"]}

    guidance = auth_client.post(URL, body, format="json").json()["guidance"]

    assert guidance[0]["level"] == "urgent"
    assert "area sadel" in guidance[0]["text"]
    assert "Hubungi 112" in guidance[0]["text"]

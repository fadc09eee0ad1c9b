from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Profile
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.histories import evaluate, two_stepper_sessions_with_numbness
from tracker.models import Workout

pytestmark = pytest.mark.django_db

URL = "/api/v1/workouts/"
VALID = {
    "activity": "stepper",
    "started_at": "2026-11-23T07:30:00+07:00",
    "duration_minutes": 40,
    "intensity": 7,
    "tight_clothing": True,
    "notes": "Legs felt heavy on the last set.",
}


def detail(workout_id):
    return f"{URL}{workout_id}/"


def _alerts(client):
    """The alerts the person sees in the API."""
    response = client.get("/api/v1/alerts/")
    assert response.status_code == 200
    return response.json()["results"]


def test_posting_a_workout_stores_it_for_the_user_and_answers_201(user, auth_client):
    response = auth_client.post(URL, VALID, format="json")

    assert response.status_code == 201
    workout = Workout.objects.get()
    assert workout.user == user
    assert workout.started_at == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    assert response.json() == {
        "id": workout.id,
        "activity": "stepper",
        "started_at": "2026-11-23T00:30:00+00:00",
        "duration_minutes": 40,
        "intensity": 7,
        "tight_clothing": True,
        "exposure_tags": [],
        "notes": "Legs felt heavy on the last set.",
        "created_at": workout.created_at.isoformat(),
    }


def test_logging_the_stepper_session_behind_tingling_raises_the_stepper_alert(
    user, auth_client, django_capture_on_commit_callbacks
):
    two_stepper_sessions_with_numbness(user)
    # Tingling logged first; the session it followed is logged afterwards.
    now = timezone.now()
    tingling = EpisodeFactory(user=user, started_at=now - timedelta(hours=2))
    assert "recurring_with_stepper" not in evaluate(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            URL,
            {
                "activity": "stepper",
                "started_at": (now - timedelta(hours=3)).isoformat(),
                "duration_minutes": 40,
            },
            format="json",
        )

    assert response.status_code == 201
    [alert] = [a for a in _alerts(auth_client) if a["rule"] == "recurring_with_stepper"]
    assert tingling.id in alert["evidence"]["episodes"]
    assert response.json()["id"] in alert["evidence"]["workouts"]


def test_posting_only_the_required_fields_uses_the_defaults(auth_client):
    body = {"activity": "yoga", "started_at": "2026-11-23T07:30:00Z", "duration_minutes": 60}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201
    assert response.json()["intensity"] is None
    assert response.json()["tight_clothing"] is False
    assert response.json()["notes"] == ""


def test_posting_ignores_unknown_and_read_only_fields(user, other_user, auth_client):
    body = {
        **VALID,
        "id": 999,
        "user": other_user.id,
        "created_at": "2000-01-01T00:00:00Z",
        "mood": "great",
    }

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 201
    workout = Workout.objects.get()
    assert workout.id != 999
    assert workout.user == user
    assert workout.created_at.year > 2000


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", 0),
        ("duration_minutes", 1441),
        ("intensity", 0),
        ("intensity", 11),
        ("notes", "x" * 2001),
        ("activity", "dancing"),
        ("started_at", "yesterday"),
    ],
)
def test_posting_an_invalid_workout_answers_400_and_stores_nothing(auth_client, field, value):
    response = auth_client.post(URL, {**VALID, field: value}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert isinstance(response.json()[field], list)
    assert not Workout.objects.exists()


@pytest.mark.parametrize("missing", ["activity", "started_at", "duration_minutes"])
def test_posting_a_workout_without_a_required_field_answers_400(auth_client, missing):
    body = {k: v for k, v in VALID.items() if k != missing}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert missing in response.json()
    assert not Workout.objects.exists()


def test_notes_of_exactly_2000_characters_are_accepted(auth_client):
    response = auth_client.post(URL, {**VALID, "notes": "x" * 2000}, format="json")

    assert response.status_code == 201


def test_getting_a_workout_answers_it(user, auth_client):
    workout = WorkoutFactory(user=user, activity="cycling", duration_minutes=90)

    response = auth_client.get(detail(workout.id))

    assert response.status_code == 200
    assert response.json()["id"] == workout.id
    assert response.json()["activity"] == "cycling"
    assert response.json()["duration_minutes"] == 90


def test_patching_a_workout_changes_only_the_given_fields(user, auth_client):
    workout = WorkoutFactory(user=user, activity="running", duration_minutes=45, intensity=6)

    response = auth_client.patch(detail(workout.id), {"intensity": 9}, format="json")

    assert response.status_code == 200
    workout.refresh_from_db()
    assert (workout.activity, workout.duration_minutes, workout.intensity) == ("running", 45, 9)
    assert response.json()["intensity"] == 9


def test_correcting_a_workouts_activity_to_stepper_raises_the_stepper_alert(
    user, auth_client, django_capture_on_commit_callbacks
):
    two_stepper_sessions_with_numbness(user)
    now = timezone.now()
    session = WorkoutFactory(user=user, activity="running", started_at=now - timedelta(hours=3))
    EpisodeFactory(user=user, workout=session, started_at=session.ended_at)
    assert "recurring_with_stepper" not in evaluate(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.patch(detail(session.id), {"activity": "stepper"}, format="json")

    assert response.status_code == 200
    [alert] = [a for a in _alerts(auth_client) if a["rule"] == "recurring_with_stepper"]
    assert session.id in alert["evidence"]["workouts"]


def test_putting_a_workout_replaces_its_fields(user, auth_client):
    workout = WorkoutFactory(user=user, activity="running", duration_minutes=45)

    response = auth_client.put(detail(workout.id), VALID, format="json")

    assert response.status_code == 200
    workout.refresh_from_db()
    assert workout.activity == "stepper"
    assert workout.duration_minutes == 40
    assert workout.tight_clothing is True


def test_putting_a_workout_without_required_fields_answers_400(user, auth_client):
    workout = WorkoutFactory(user=user, activity="running")

    response = auth_client.put(detail(workout.id), {"activity": "yoga"}, format="json")

    assert response.status_code == 400
    assert {"started_at", "duration_minutes"} <= set(response.json())
    workout.refresh_from_db()
    assert workout.activity == "running"


@pytest.mark.parametrize(
    ("field", "value"), [("duration_minutes", 0), ("intensity", 11), ("notes", "x" * 2001)]
)
def test_patching_an_invalid_value_answers_400_and_keeps_the_workout(
    user, auth_client, field, value
):
    workout = WorkoutFactory(user=user, duration_minutes=45, intensity=6, notes="")

    response = auth_client.patch(detail(workout.id), {field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    workout.refresh_from_db()
    assert (workout.duration_minutes, workout.intensity, workout.notes) == (45, 6, "")


def test_deleting_a_workout_removes_it(user, auth_client):
    workout = WorkoutFactory(user=user)

    response = auth_client.delete(detail(workout.id))

    assert response.status_code == 204
    assert not Workout.objects.filter(id=workout.id).exists()


def test_deleting_a_wrongly_linked_workout_gives_its_tingling_to_the_stepper_session(
    user, auth_client, django_capture_on_commit_callbacks
):
    two_stepper_sessions_with_numbness(user)
    # Tingling right after a stepper session, linked by mistake to a yoga session
    # logged in between; the yoga session is deleted.
    now = timezone.now()
    stepper = WorkoutFactory(
        user=user, activity="stepper", started_at=now - timedelta(hours=3), duration_minutes=40
    )
    yoga = WorkoutFactory(
        user=user, activity="yoga", started_at=stepper.ended_at, duration_minutes=10
    )
    tingling = EpisodeFactory(user=user, workout=yoga, started_at=yoga.ended_at)
    assert "recurring_with_stepper" not in evaluate(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.delete(detail(yoga.id))

    assert response.status_code == 204
    [alert] = [a for a in _alerts(auth_client) if a["rule"] == "recurring_with_stepper"]
    assert tingling.id in alert["evidence"]["episodes"]
    assert stepper.id in alert["evidence"]["workouts"]


# --- Lists ------------------------------------------------------------------------------


def test_the_list_shows_only_the_users_workouts_newest_first(user, other_user, auth_client):
    now = timezone.now()
    old = WorkoutFactory(user=user, started_at=now - timedelta(days=2))
    new = WorkoutFactory(user=user, started_at=now - timedelta(hours=1))
    WorkoutFactory(user=other_user, started_at=now)

    response = auth_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [w["id"] for w in body["results"]] == [new.id, old.id]
    assert body["next"] is None
    assert body["previous"] is None


def test_the_list_is_paginated_fifty_a_page_by_default(user, auth_client):
    WorkoutFactory.create_batch(55, user=user)

    first = auth_client.get(URL).json()
    second = auth_client.get(URL, {"page": 2}).json()

    assert first["count"] == 55
    assert len(first["results"]) == 50
    assert first["next"].endswith("page=2")
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert {w["id"] for w in first["results"]}.isdisjoint(w["id"] for w in second["results"])


def test_page_size_is_honoured_up_to_a_maximum_of_200(user, auth_client):
    WorkoutFactory.create_batch(205, user=user)

    small = auth_client.get(URL, {"page_size": 7}).json()
    capped = auth_client.get(URL, {"page_size": 1000}).json()

    assert len(small["results"]) == 7
    assert capped["count"] == 205
    assert len(capped["results"]) == 200


def test_a_page_past_the_end_answers_404(user, auth_client):
    WorkoutFactory(user=user)

    assert auth_client.get(URL, {"page": 2}).status_code == 404


@pytest.mark.parametrize("rows", [5, 150])
def test_listing_workouts_takes_the_same_few_queries_whatever_the_page_size(
    user, client_for, django_assert_num_queries, rows
):
    WorkoutFactory.create_batch(rows, user=user)
    client = client_for(user)

    # token, user and profile (zone), count, page
    with django_assert_num_queries(3):
        response = client.get(URL, {"page_size": 200})

    assert len(response.json()["results"]) == rows


def test_the_activity_filter_lists_only_that_activity(user, auth_client):
    stepper = WorkoutFactory(user=user, activity="stepper")
    WorkoutFactory(user=user, activity="running")

    response = auth_client.get(URL, {"activity": "stepper"})

    assert [w["id"] for w in response.json()["results"]] == [stepper.id]


def test_from_and_to_count_whole_days_in_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")
    # 23 November in Jakarta (UTC+7) runs from 22 Nov 17:00 UTC to 23 Nov 17:00 UTC.
    before = WorkoutFactory(user=user, started_at=datetime(2026, 11, 22, 16, 59, tzinfo=UTC))
    first = WorkoutFactory(user=user, started_at=datetime(2026, 11, 22, 17, 0, tzinfo=UTC))
    last = WorkoutFactory(user=user, started_at=datetime(2026, 11, 23, 16, 59, tzinfo=UTC))
    after = WorkoutFactory(user=user, started_at=datetime(2026, 11, 23, 17, 0, tzinfo=UTC))

    same_day = auth_client.get(URL, {"from": "2026-11-23", "to": "2026-11-23"}).json()
    from_only = auth_client.get(URL, {"from": "2026-11-24"}).json()
    to_only = auth_client.get(URL, {"to": "2026-11-22"}).json()

    assert [w["id"] for w in same_day["results"]] == [last.id, first.id]
    assert [w["id"] for w in from_only["results"]] == [after.id]
    assert [w["id"] for w in to_only["results"]] == [before.id]


@pytest.mark.parametrize(
    "query",
    [{"activity": "dancing"}, {"from": "2026-13-01"}, {"to": "23/11/2026"}, {"from": "soon"}],
)
def test_an_invalid_filter_value_answers_400(user, auth_client, query):
    WorkoutFactory(user=user)

    response = auth_client.get(URL, query)

    assert response.status_code == 400
    assert list(response.json()) == list(query)


# --- Time zones ------------------------------------------------------------------------


def test_times_are_answered_in_the_users_zone_with_its_offset(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")
    workout = WorkoutFactory(user=user, started_at=datetime(2026, 11, 23, 0, 30, tzinfo=UTC))

    response = auth_client.get(detail(workout.id))

    assert response.json()["started_at"] == "2026-11-23T07:30:00+07:00"
    assert response.json()["created_at"].endswith("+07:00")


def test_times_of_a_utc_user_carry_an_explicit_zero_offset(user, auth_client):
    workout = WorkoutFactory(user=user, started_at=datetime(2026, 11, 23, 0, 30, tzinfo=UTC))

    response = auth_client.get(detail(workout.id))

    assert response.json()["started_at"] == "2026-11-23T00:30:00+00:00"


def test_a_naive_time_is_read_in_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")

    response = auth_client.post(URL, {**VALID, "started_at": "2026-11-23T07:30:00"}, format="json")

    assert response.status_code == 201
    assert Workout.objects.get().started_at == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    assert response.json()["started_at"] == "2026-11-23T07:30:00+07:00"


def test_a_time_with_an_offset_is_taken_as_given_whatever_the_users_zone(user, auth_client):
    Profile.objects.filter(user=user).update(timezone="America/New_York")

    response = auth_client.post(
        URL, {**VALID, "started_at": "2026-11-23T07:30:00+07:00"}, format="json"
    )

    assert response.status_code == 201
    assert Workout.objects.get().started_at == datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    assert response.json()["started_at"] == "2026-11-22T19:30:00-05:00"


def test_a_client_uuid_that_is_not_a_string_is_refused_and_nothing_is_stored(auth_client, user):
    body = {
        "activity": "running",
        "started_at": "2026-11-20T07:00:00+07:00",
        "duration_minutes": 30,
        "uuid": False,  # DRF's UUIDField reads False as UUID(int=0)
    }

    response = auth_client.post("/api/v1/workouts/", body, format="json")

    assert response.status_code == 400
    assert "uuid" in response.json()
    assert not Workout.objects.filter(user=user).exists()

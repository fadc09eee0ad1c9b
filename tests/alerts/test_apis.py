"""/api/v1/alerts/: list with filters, retrieve, acknowledge; read-only and owner-scoped."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from alerts.models import Alert
from alerts.services import alerts_evaluate
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LIST = "/api/v1/alerts/"


def _alert(user, rule="possible_tarsal_tunnel", level="see_doctor", created_at=NOW, **kwargs):
    episode = EpisodeFactory(user=user, started_at=created_at - timedelta(hours=1))
    alert = Alert.objects.create(
        user=user,
        rule=rule,
        level=level,
        identity=kwargs.pop("identity", f"episode:{episode.id}"),
        context={"date": "2026-11-23", "count": 1},
        created_at=created_at,
        **kwargs,
    )
    alert.episodes.add(episode)
    return alert


def test_anonymous_list_answers_401(api_client):
    assert api_client.get(LIST).status_code == 401


def test_list_shows_the_users_alerts_newest_first_with_wording_and_evidence(
    user, auth_client, email_queue
):
    workout = WorkoutFactory(user=user, started_at=NOW - timedelta(hours=4), duration_minutes=60)
    episode = EpisodeFactory(
        user=user,
        workout=workout,
        started_at=NOW - timedelta(hours=3),
        ended_at=NOW - timedelta(hours=1),
        accompanying=["nausea"],
    )
    alerts_evaluate(user=user, now=NOW)
    older = _alert(user, created_at=NOW - timedelta(days=3))

    body = auth_client.get(LIST).json()

    assert body["count"] == 3
    first = body["results"][0]
    assert set(first) >= {
        "id",
        "rule",
        "level",
        "title",
        "message",
        "evidence",
        "created_at",
        "acknowledged_at",
    }
    assert [r["rule"] for r in body["results"]][-1] == older.rule
    emergency = next(r for r in body["results"] if r["rule"] == "emergency_symptoms")
    assert emergency["level"] == "urgent"
    assert emergency["evidence"] == {"episodes": [episode.id], "workouts": [workout.id]}
    assert emergency["title"] == "Symptoms that need medical help now"
    assert "nausea" in emergency["message"]
    assert "112" in emergency["message"]
    assert emergency["acknowledged_at"] is None
    assert emergency["created_at"] == "2026-11-23T12:00:00+00:00"


def test_list_renders_created_at_in_the_users_zone(user, auth_client):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    _alert(user)

    [result] = auth_client.get(LIST).json()["results"]

    assert result["created_at"] == "2026-11-23T19:00:00+07:00"


def test_list_leaves_out_other_users_alerts(user, other_user, auth_client):
    _alert(other_user)

    assert auth_client.get(LIST).json()["count"] == 0


def test_another_users_alert_answers_404(other_user, auth_client):
    alert = _alert(other_user)

    assert auth_client.get(f"{LIST}{alert.id}/").status_code == 404
    assert auth_client.post(f"{LIST}{alert.id}/acknowledge/").status_code == 404
    assert Alert.objects.get(id=alert.id).acknowledged_at is None


def test_retrieve_answers_one_alert(user, auth_client):
    alert = _alert(user)

    body = auth_client.get(f"{LIST}{alert.id}/").json()

    assert body["id"] == alert.id
    assert body["title"] == "Burning and numbness in the sole of the foot"


def test_filters_by_level_rule_and_acknowledged(user, auth_client):
    urgent = _alert(user, rule="emergency_symptoms", level="urgent")
    watch = _alert(user, rule="recurring_with_activity", level="watch", identity="running#0")
    seen = _alert(user, acknowledged_at=NOW)

    def ids(query):
        return {r["id"] for r in auth_client.get(f"{LIST}?{query}").json()["results"]}

    assert ids("level=urgent") == {urgent.id}
    assert ids("rule=recurring_with_activity") == {watch.id}
    assert ids("acknowledged=true") == {seen.id}
    assert ids("acknowledged=false") == {urgent.id, watch.id}
    assert ids("level=see_doctor&acknowledged=false") == set()


def test_an_unknown_filter_value_answers_400(auth_client):
    assert auth_client.get(f"{LIST}?level=panic").status_code == 400
    assert auth_client.get(f"{LIST}?rule=not_a_rule").status_code == 400
    assert auth_client.get(f"{LIST}?acknowledged=maybe").status_code == 400


def test_acknowledge_answers_200_and_sets_the_time_once(user, auth_client):
    alert = _alert(user)

    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        first = auth_client.post(f"{LIST}{alert.id}/acknowledge/")
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        second = auth_client.post(f"{LIST}{alert.id}/acknowledge/")

    assert first.status_code == 200
    assert first.json()["acknowledged_at"] == "2026-11-23T13:00:00+00:00"
    assert second.status_code == 200
    assert second.json()["acknowledged_at"] == "2026-11-23T13:00:00+00:00"


def test_alerts_cannot_be_created_changed_or_deleted_over_the_api(user, auth_client):
    alert = _alert(user)

    assert auth_client.post(LIST, {"rule": "emergency_symptoms"}).status_code == 405
    assert auth_client.patch(f"{LIST}{alert.id}/", {"level": "watch"}).status_code == 405
    assert auth_client.delete(f"{LIST}{alert.id}/").status_code == 405
    assert Alert.objects.get(id=alert.id).level == "see_doctor"


def test_list_takes_the_same_number_of_queries_for_2_and_20_alerts(
    user, auth_client, django_assert_max_num_queries
):
    for _ in range(2):
        _alert(user)
    with django_assert_max_num_queries(8) as few:
        auth_client.get(LIST)
    for _ in range(18):
        _alert(user)
    with django_assert_max_num_queries(8) as many:
        body = auth_client.get(LIST).json()

    assert len(body["results"]) == 20
    assert len(few.captured_queries) == len(many.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_an_episode_posted_over_the_api_shows_up_as_an_alert(
    user, auth_client, email_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post(
            "/api/v1/episodes/",
            {
                "started_at": "2026-11-23T07:00:00+00:00",
                "ended_at": "2026-11-23T08:30:00+00:00",
                "sensations": ["tingling"],
                "locations": ["calf"],
                "side": "left",
            },
            format="json",
        )

    [alert] = auth_client.get(LIST).json()["results"]

    assert created.status_code == 201
    assert alert["rule"] == "prolonged_tingling"
    assert alert["evidence"]["episodes"] == [created.json()["id"]]
    assert "1 hour 30 minutes" in alert["message"]


def test_title_and_message_are_in_the_profile_language(user, auth_client):
    user.profile.language = "id"
    user.profile.save()
    _alert(user)

    [result] = auth_client.get(LIST).json()["results"]

    assert result["title"] == "Rasa terbakar dan mati rasa di telapak kaki"
    assert "Pada 23 Nov 2026 Anda mencatat rasa terbakar" in result["message"]
    assert "sindrom terowongan tarsal" in result["message"]


@time_machine.travel(NOW, tick=False)
def test_saddle_numbness_posted_over_the_api_raises_an_urgent_alert_the_rule_filter_finds(
    user, auth_client, email_queue, django_capture_on_commit_callbacks
):
    _alert(user, rule="emergency_symptoms", level="urgent")
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post(
            "/api/v1/episodes/",
            {
                "started_at": "2026-11-23T11:00:00+00:00",
                "ended_at": "2026-11-23T11:10:00+00:00",
                "sensations": ["numbness"],
                "locations": ["saddle_area"],
                "side": "both",
            },
            format="json",
        )

    [alert] = auth_client.get(f"{LIST}?rule=possible_cauda_equina").json()["results"]

    assert created.status_code == 201
    assert (alert["level"], alert["evidence"]["episodes"]) == ("urgent", [created.json()["id"]])
    assert "call 112" in alert["message"]
    assert email_queue == [alert["id"]]

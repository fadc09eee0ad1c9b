from datetime import date, timedelta
from decimal import Decimal

import factory
import pytest
from django.utils import timezone

from tests.factories import BodyWeightFactory
from tests.histories import outer_thigh_burning_with_weights
from tracker.models import BodyWeight

pytestmark = pytest.mark.django_db

URL = "/api/v1/body-weights/"


def detail(body_weight_id):
    return f"{URL}{body_weight_id}/"


def test_posting_a_weight_stores_it_and_answers_it_as_a_number(user, auth_client):
    response = auth_client.post(
        URL, {"measured_on": "2026-11-23", "weight_kg": 72.5}, format="json"
    )

    assert response.status_code == 201
    body_weight = BodyWeight.objects.get()
    assert body_weight.user == user
    assert body_weight.weight_kg == Decimal("72.5")
    assert response.json() == {
        "id": body_weight.id,
        "measured_on": "2026-11-23",
        "weight_kg": 72.5,
        "created_at": body_weight.created_at.isoformat(),
    }


def test_logging_a_weight_gain_names_it_in_the_outer_thigh_alert(
    user, auth_client, django_capture_on_commit_callbacks
):
    # Burning in the outer thigh that no evaluation has seen yet (written by a factory),
    # and a weight two months ago: the gain the alert names comes from the new weight.
    outer_thigh_burning_with_weights(user, (60, "70.0"))
    three_days_ago = timezone.localdate() - timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            URL, {"measured_on": three_days_ago.isoformat(), "weight_kg": "74.0"}, format="json"
        )

    assert response.status_code == 201
    alerts = auth_client.get("/api/v1/alerts/").json()["results"]
    [alert] = [a for a in alerts if a["rule"] == "possible_meralgia_paresthetica"]
    assert "a weight gain of 4.0 kg (5.7%) in the 90 days before" in alert["message"]


def test_a_weight_given_as_a_string_is_accepted(auth_client):
    response = auth_client.post(
        URL, {"measured_on": "2026-11-23", "weight_kg": "80.0"}, format="json"
    )

    assert response.status_code == 201
    assert BodyWeight.objects.get().weight_kg == Decimal("80.0")


@pytest.mark.parametrize("weight", ["20.0", "400.0"])
def test_the_limits_of_20_and_400_kg_are_accepted(auth_client, weight):
    response = auth_client.post(
        URL, {"measured_on": "2026-11-23", "weight_kg": weight}, format="json"
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weight_kg", "19.9"),
        ("weight_kg", "400.1"),
        ("weight_kg", "72.55"),
        ("weight_kg", "heavy"),
        ("measured_on", "23/11/2026"),
    ],
)
def test_posting_an_invalid_weight_answers_400_and_stores_nothing(auth_client, field, value):
    body = {"measured_on": "2026-11-23", "weight_kg": "72.5", field: value}

    response = auth_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not BodyWeight.objects.exists()


def test_a_second_weight_on_the_same_day_answers_400_and_keeps_the_first(user, auth_client):
    BodyWeightFactory(user=user, measured_on=date(2026, 11, 23), weight_kg=Decimal("72.5"))

    response = auth_client.post(
        URL, {"measured_on": "2026-11-23", "weight_kg": "73.0"}, format="json"
    )

    assert response.status_code == 400
    assert "measured_on" in response.json()
    assert list(BodyWeight.objects.values_list("weight_kg", flat=True)) == [Decimal("72.5")]


def test_another_users_weight_on_the_same_day_does_not_clash(other_user, auth_client):
    BodyWeightFactory(user=other_user, measured_on=date(2026, 11, 23))

    response = auth_client.post(
        URL, {"measured_on": "2026-11-23", "weight_kg": "73.0"}, format="json"
    )

    assert response.status_code == 201


def test_getting_a_weight_answers_it(user, auth_client):
    body_weight = BodyWeightFactory(user=user, weight_kg=Decimal("81.3"))

    response = auth_client.get(detail(body_weight.id))

    assert response.status_code == 200
    assert response.json()["weight_kg"] == 81.3


def test_patching_a_weight_changes_it(user, auth_client):
    body_weight = BodyWeightFactory(user=user, weight_kg=Decimal("81.3"))

    response = auth_client.patch(detail(body_weight.id), {"weight_kg": "80.9"}, format="json")

    assert response.status_code == 200
    body_weight.refresh_from_db()
    assert body_weight.weight_kg == Decimal("80.9")


def test_putting_a_weight_replaces_it(user, auth_client):
    body_weight = BodyWeightFactory(user=user, measured_on=date(2026, 11, 1))

    response = auth_client.put(
        detail(body_weight.id), {"measured_on": "2026-11-02", "weight_kg": "70.0"}, format="json"
    )

    assert response.status_code == 200
    body_weight.refresh_from_db()
    assert (body_weight.measured_on, body_weight.weight_kg) == (date(2026, 11, 2), Decimal("70.0"))


def test_moving_a_weight_onto_a_day_that_has_one_answers_400(user, auth_client):
    BodyWeightFactory(user=user, measured_on=date(2026, 11, 1))
    moved = BodyWeightFactory(user=user, measured_on=date(2026, 11, 2))

    response = auth_client.patch(detail(moved.id), {"measured_on": "2026-11-01"}, format="json")

    assert response.status_code == 400
    assert "measured_on" in response.json()
    moved.refresh_from_db()
    assert moved.measured_on == date(2026, 11, 2)


@pytest.mark.parametrize("weight", ["19.9", "400.1"])
def test_patching_a_weight_out_of_range_answers_400_and_keeps_it(user, auth_client, weight):
    body_weight = BodyWeightFactory(user=user, weight_kg=Decimal("72.5"))

    response = auth_client.patch(detail(body_weight.id), {"weight_kg": weight}, format="json")

    assert response.status_code == 400
    body_weight.refresh_from_db()
    assert body_weight.weight_kg == Decimal("72.5")


def test_deleting_a_weight_removes_it(user, auth_client):
    body_weight = BodyWeightFactory(user=user)

    response = auth_client.delete(detail(body_weight.id))

    assert response.status_code == 204
    assert not BodyWeight.objects.exists()


def test_the_list_shows_only_the_users_weights_newest_day_first(user, other_user, auth_client):
    older = BodyWeightFactory(user=user, measured_on=date(2026, 11, 1))
    newer = BodyWeightFactory(user=user, measured_on=date(2026, 11, 20))
    BodyWeightFactory(user=other_user, measured_on=date(2026, 11, 21))

    body = auth_client.get(URL).json()

    assert body["count"] == 2
    assert [b["id"] for b in body["results"]] == [newer.id, older.id]


def test_from_and_to_include_both_days(user, auth_client):
    days = [date(2026, 11, d) for d in (1, 2, 3, 4)]
    weights = {d: BodyWeightFactory(user=user, measured_on=d) for d in days}

    body = auth_client.get(URL, {"from": "2026-11-02", "to": "2026-11-03"}).json()

    assert [b["id"] for b in body["results"]] == [weights[days[2]].id, weights[days[1]].id]


def test_an_invalid_day_filter_answers_400(auth_client):
    response = auth_client.get(URL, {"from": "yesterday"})

    assert response.status_code == 400
    assert "from" in response.json()


@pytest.mark.parametrize("rows", [5, 150])
def test_listing_weights_takes_the_same_few_queries_whatever_the_page_size(
    user, client_for, django_assert_num_queries, rows
):
    days = factory.Iterator(date(2026, 1, 1) + timedelta(days=i) for i in range(rows))
    BodyWeightFactory.create_batch(rows, user=user, measured_on=days)
    client = client_for(user)

    # token, user and profile (language), count, page
    with django_assert_num_queries(3):
        response = client.get(URL, {"page_size": 200})

    assert len(response.json()["results"]) == rows

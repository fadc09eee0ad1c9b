"""The body weight log."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import BodyWeightFactory
from tracker.models import BodyWeight

pytestmark = pytest.mark.django_db


def test_logging_a_weight_stores_it_and_draws_it(web, user):
    response = web.post("/weights/", {"measured_on": "2026-11-20", "weight_kg": "72.5"})

    assert response["Location"] == "/weights/"
    weight = BodyWeight.objects.get(user=user)
    assert (weight.measured_on, weight.weight_kg) == (date(2026, 11, 20), Decimal("72.5"))
    page = web.get("/weights/").content.decode()
    assert "Weight saved." in page
    assert "<svg" in page
    assert "72.5" in page


def test_an_indonesian_reader_types_the_decimal_comma(web, user):
    user.profile.language = "id"
    user.profile.save()

    web.post("/weights/", {"measured_on": "2026-11-20", "weight_kg": "68,4"})

    assert BodyWeight.objects.get(user=user).weight_kg == Decimal("68.4")
    assert "68,4" in web.get("/weights/").content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"measured_on": "2026-11-20", "weight_kg": "12"}, "weight_kg"),
        ({"measured_on": "2026-11-20", "weight_kg": "heavy"}, "weight_kg"),
        ({"measured_on": "someday", "weight_kg": "70"}, "measured_on"),
    ],
)
def test_bad_weight_input_shows_the_error_and_stores_nothing(web, data, field):
    response = web.post("/weights/", data)

    assert field in response.context["form"].errors
    assert not BodyWeight.objects.exists()


def test_a_second_weight_for_the_same_day_is_refused(web, user):
    BodyWeightFactory(user=user, measured_on=date(2026, 11, 20), weight_kg=Decimal("70.0"))

    response = web.post("/weights/", {"measured_on": "2026-11-20", "weight_kg": "71"})

    assert response.context["form"].errors["measured_on"] == [
        "There is already a weight for that day."
    ]
    assert BodyWeight.objects.get(user=user).weight_kg == Decimal("70.0")


def test_deleting_a_weight_asks_first(web, user):
    weight = BodyWeightFactory(user=user)

    assert "Delete this weight?" in web.get(f"/weights/{weight.id}/delete/").content.decode()
    web.post(f"/weights/{weight.id}/delete/")

    assert not BodyWeight.objects.exists()

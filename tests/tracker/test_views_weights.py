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


def test_a_weight_can_be_corrected_on_its_own_page(web, user):
    weight = BodyWeightFactory(user=user, measured_on=date(2026, 11, 20), weight_kg=Decimal("72.5"))

    page = web.get(f"/weights/{weight.id}/edit/").content.decode()
    assert 'value="72.5"' in page
    response = web.post(
        f"/weights/{weight.id}/edit/", {"measured_on": "2026-11-21", "weight_kg": "71.9"}
    )

    assert response["Location"] == "/weights/"
    weight.refresh_from_db()
    assert (weight.measured_on, weight.weight_kg) == (date(2026, 11, 21), Decimal("71.9"))


def test_a_bad_correction_shows_the_error_and_keeps_the_weight(web, user):
    weight = BodyWeightFactory(user=user, measured_on=date(2026, 11, 20), weight_kg=Decimal("72.5"))

    response = web.post(
        f"/weights/{weight.id}/edit/", {"measured_on": "2026-11-20", "weight_kg": "heavy"}
    )

    assert response.status_code == 200
    assert "weight_kg" in response.context["form"].errors
    weight.refresh_from_db()
    assert weight.weight_kg == Decimal("72.5")


def test_someone_elses_weight_cannot_be_edited(web, user, other_user):
    theirs = BodyWeightFactory(user=other_user, weight_kg=Decimal("80.0"))

    assert web.get(f"/weights/{theirs.id}/edit/").status_code == 404
    assert web.post(f"/weights/{theirs.id}/edit/", {"weight_kg": "50"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.weight_kg == Decimal("80.0")


def test_a_person_who_weighs_in_pounds_types_and_reads_pounds_stored_as_kilograms(web, user):
    user.profile.weight_unit = "lb"
    user.profile.save()

    page = web.get("/weights/").content.decode()
    assert "Weight (lb)" in page
    web.post("/weights/", {"measured_on": "2026-11-20", "weight_kg": "160"})

    weight = BodyWeight.objects.get(user=user)
    assert weight.weight_kg == Decimal("72.6")  # 160 lb
    assert "160.1" in web.get("/weights/").content.decode()  # 72.6 kg, to a tenth of a pound
    assert 'value="160.1"' in web.get(f"/weights/{weight.id}/edit/").content.decode()


def test_the_weight_unit_is_chosen_in_the_settings(web, user):
    web.post(
        "/settings/",
        {"email": user.email, "language": "en", "timezone": "UTC", "weight_unit": "lb"},
    )

    user.profile.refresh_from_db()
    assert user.profile.weight_unit == "lb"

"""History filters are folded under "Filters" until one is set (phones show the list first)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/workouts/", "/episodes/", "/alerts/"])
def test_filters_are_folded_on_a_plain_list(signed_in, path):
    html = signed_in.get(path).content.decode()

    assert '<details class="card filters-box">' in html


@pytest.mark.parametrize("path", ["/workouts/", "/episodes/", "/alerts/"])
def test_filters_are_open_while_one_is_set(signed_in, path):
    html = signed_in.get(path, {"date_from": "2026-11-01"}).content.decode()

    assert '<details class="card filters-box" open>' in html


def test_a_page_number_alone_does_not_open_the_filters(signed_in):
    html = signed_in.get("/workouts/", {"page": "1"}).content.decode()

    assert '<details class="card filters-box">' in html

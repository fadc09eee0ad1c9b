"""The admin lists and searches profiles without a query per person."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_profile_admin_finds_a_person_by_username(admin_client, user):
    listing = admin_client.get("/admin/accounts/profile/")
    search = admin_client.get("/admin/accounts/profile/", {"q": user.username})

    assert listing.status_code == 200
    assert search.status_code == 200
    assert user.username in search.content.decode()


def test_the_profile_admin_list_takes_the_same_queries_for_thirty_people(
    admin_client, django_assert_max_num_queries
):
    """Thirty profiles, each shown with its user: the user is joined, not fetched per row."""
    people = UserFactory.create_batch(30)

    with django_assert_max_num_queries(12):
        listing = admin_client.get("/admin/accounts/profile/")

    assert listing.status_code == 200
    page = listing.content.decode()
    assert all(person.username in page for person in people)

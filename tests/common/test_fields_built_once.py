"""Serializers whose fields are built once per class (``FieldsBuiltOnceMixin``): every
instance still has fields of its own, bound to it and reading its own request."""

import pytest
from rest_framework.test import APIRequestFactory

from symptoms.serializers import EpisodeCreatedSerializer, EpisodeSerializer
from tests.factories import WorkoutFactory

pytestmark = pytest.mark.django_db

EPISODE = {
    "started_at": "2026-11-23T10:00:00+00:00",
    "sensations": ["tingling"],
    "locations": ["calf"],
}


def request_of(user):
    request = APIRequestFactory().post("/api/v1/episodes/")
    request.user = user
    return request


def test_two_serializers_alive_at_once_each_check_workouts_against_their_own_request(
    user, other_user
):
    mine = WorkoutFactory(user=user)
    # Both made before either validates: had they shared the fields, the second would
    # have bound the first's workout field to its own request.
    for_me = EpisodeSerializer(
        data={**EPISODE, "workout": mine.id}, context={"request": request_of(user)}
    )
    for_them = EpisodeSerializer(
        data={**EPISODE, "workout": mine.id}, context={"request": request_of(other_user)}
    )
    assert for_me.fields["workout"] is not for_them.fields["workout"]

    assert for_them.is_valid() is False
    assert for_them.errors == {"workout": ["Choose one of your own workouts."]}
    assert for_me.is_valid(), for_me.errors
    assert for_me.validated_data["workout"] == mine


def test_each_serializer_binds_its_own_copies_down_to_a_list_fields_items(user):
    first = EpisodeCreatedSerializer(data=EPISODE, context={"request": request_of(user)})
    second = EpisodeCreatedSerializer(data=EPISODE, context={"request": request_of(user)})

    for name in first.fields:
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first
        assert first.fields[name].field_name == name
    sensations = first.fields["sensations"]
    assert sensations.child is not second.fields["sensations"].child
    assert sensations.child.parent is sensations
    assert "guidance" in first.fields
    assert "guidance" not in EpisodeSerializer(data=EPISODE).fields


def test_an_unknown_value_in_a_list_is_refused_on_its_field(user):
    serializer = EpisodeSerializer(
        data={**EPISODE, "sensations": ["tingling", 7]}, context={"request": request_of(user)}
    )

    assert serializer.is_valid() is False
    assert list(serializer.errors) == ["sensations"]

"""The report's "after which workout" column follows ``symptoms.definitions`` for every
episode, however long the history and however long the workout."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import history_generate
from reports.selectors import episode_associations
from symptoms.definitions import ASSOCIATION_AFTER_END, LONGEST_WORKOUT, associated_workouts
from symptoms.models import Episode
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.reports.conftest import NOW
from tracker.models import Workout

pytestmark = pytest.mark.django_db


def test_every_episode_of_a_long_history_follows_the_workout_the_definition_names():
    history = history_generate(username="twoyears", years=2, episodes=600, now=NOW)
    episodes = list(
        Episode.objects.filter(user=history.user).select_related("workout").order_by("started_at")
    )
    workouts = list(Workout.objects.filter(user=history.user))
    expected = {}
    for episode in episodes:
        if episode.workout_id is not None:
            expected[episode.id] = episode.workout_id
            continue
        found = associated_workouts(
            started_at=episode.started_at, workout_id=None, workouts=workouts
        )
        if found:
            expected[episode.id] = found[-1].id

    with CaptureQueriesContext(connection) as queries:
        associations = episode_associations(user=history.user, episodes=episodes)

    assert {episode_id: w.id for episode_id, w in associations.items()} == expected
    assert len(expected) > 100
    assert len(queries) == 1


def test_an_episode_two_hours_after_a_day_long_workout_still_follows_it(user):
    start = NOW - timedelta(days=3)
    long = WorkoutFactory(user=user, started_at=start, duration_minutes=1440)
    WorkoutFactory(user=user, started_at=start + timedelta(hours=30), duration_minutes=30)
    at_edge = EpisodeFactory(
        user=user, workout=None, started_at=start + LONGEST_WORKOUT + ASSOCIATION_AFTER_END
    )
    past_edge = EpisodeFactory(
        user=user,
        workout=None,
        started_at=start + LONGEST_WORKOUT + ASSOCIATION_AFTER_END + timedelta(minutes=1),
    )

    associations = episode_associations(user=user, episodes=[at_edge, past_edge])

    assert associations == {at_edge.id: long}

"""A person's week: the one count that the dashboard and the weekly digest both show."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from symptoms.selectors import week_summary
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY = date(2026, 11, 16)  # the week of Monday 16 to Sunday 22 November 2026


def at(day, hour, minute=0, second=0):
    return datetime(2026, 11, day, hour, minute, second, tzinfo=JAKARTA)


def week(user, now):
    return week_summary(user=user, monday=MONDAY, zone=JAKARTA, now=now)


def test_an_ongoing_episode_counts_its_minutes_up_to_now(user):
    EpisodeFactory(user=user, started_at=at(18, 10), ended_at=None)

    summary = week(user, now=at(18, 10, 25, 30))

    assert (summary.episodes, summary.symptom_minutes) == (1, 25)


def test_an_ongoing_episode_of_a_past_week_counts_up_to_the_end_of_that_week(user):
    EpisodeFactory(user=user, started_at=at(22, 23, 0), ended_at=None)

    summary = week(user, now=at(24, 9))  # Tuesday of the next week

    assert (summary.episodes, summary.symptom_minutes) == (1, 60)


def test_an_episode_started_before_the_week_is_not_counted_even_if_it_lasted_into_it(user):
    EpisodeFactory(user=user, started_at=at(15, 23, 30), ended_at=at(16, 0, 30))
    EpisodeFactory(user=user, started_at=at(16, 0, 0), ended_at=at(16, 0, 12))
    EpisodeFactory(user=user, started_at=at(23, 0, 0), ended_at=at(23, 0, 5))

    summary = week(user, now=at(24, 9))

    assert (summary.episodes, summary.symptom_minutes) == (1, 12)


def test_workout_minutes_are_summed_over_the_workouts_of_the_week(user):
    WorkoutFactory(user=user, started_at=at(16, 7), duration_minutes=40)
    WorkoutFactory(user=user, started_at=at(22, 23, 59), duration_minutes=25)
    WorkoutFactory(user=user, started_at=at(15, 23, 59), duration_minutes=90)
    WorkoutFactory(user=UserFactory(), started_at=at(18, 7), duration_minutes=30)

    summary = week(user, now=at(24, 9))

    assert (summary.workouts, summary.workout_minutes) == (2, 65)


def test_each_episode_adds_the_whole_minutes_its_page_shows(user):
    for day in (17, 19):
        EpisodeFactory(user=user, started_at=at(day, 8), ended_at=at(day, 8, 10, 30))

    summary = week(user, now=at(24, 9))

    assert (summary.episodes, summary.symptom_minutes) == (2, 20)


def test_a_quiet_week_is_all_zeros_from_monday_to_sunday(user):
    summary = week(user, now=at(24, 9))

    assert (summary.start, summary.end) == (at(16, 0), at(23, 0))
    assert summary.last_day == date(2026, 11, 22)
    assert (summary.workouts, summary.workout_minutes) == (0, 0)
    assert (summary.episodes, summary.symptom_minutes) == (0, 0)
    assert summary.end - summary.start == timedelta(days=7)

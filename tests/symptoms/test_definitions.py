"""Each domain definition is pinned at its boundary, and every app that uses it agrees.

"Associated with a workout" (alert-rules.md): linked to it, or, unlinked, started between
the workout's start and 2 hours after its end, both ends included. The rules, the
doctor's report, the log-reminder email and the episode form all ask
``symptoms.definitions``; these tests check each of them at 2 h (associated) and at
2 h 1 min (not).
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from alerts.rules import EpisodeFact, History, WorkoutFact
from notifications.kinds.log_reminder import workout_is_answered
from reports.selectors import episode_associations
from symptoms import definitions
from symptoms.forms import recent_workout
from symptoms.vocabulary import Accompanying, Location, Sensation
from tests.factories import EpisodeFactory, WorkoutFactory

START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
END = START + timedelta(minutes=45)  # a 45-minute workout
AT_TWO_HOURS = END + timedelta(hours=2)
PAST_TWO_HOURS = AT_TWO_HOURS + timedelta(minutes=1)


def test_an_episode_starting_exactly_two_hours_after_the_end_is_associated():
    workout = WorkoutFact(id=1, activity="stepper", started_at=START, duration_minutes=45)

    assert definitions.in_association_window(AT_TWO_HOURS, workout)
    assert not definitions.in_association_window(PAST_TWO_HOURS, workout)
    assert definitions.in_association_window(START, workout)
    assert not definitions.in_association_window(START - timedelta(minutes=1), workout)


def test_a_linked_episode_belongs_to_its_own_workout_only():
    earlier = WorkoutFact(id=1, activity="running", started_at=START, duration_minutes=45)
    linked = WorkoutFact(id=2, activity="stepper", started_at=END, duration_minutes=30)

    found = definitions.associated_workouts(
        started_at=END + timedelta(minutes=10), workout_id=2, workouts=[earlier, linked]
    )

    assert found == [linked]


def test_an_unlinked_episode_follows_every_workout_whose_window_holds_it():
    first = WorkoutFact(id=1, activity="running", started_at=START, duration_minutes=45)
    second = WorkoutFact(id=2, activity="stepper", started_at=END, duration_minutes=30)

    found = definitions.associated_workouts(
        started_at=END + timedelta(minutes=40), workout_id=None, workouts=[second, first]
    )

    assert found == [first, second]


def test_tingling_is_prolonged_only_past_sixty_minutes():
    assert not definitions.is_prolonged(timedelta(minutes=60))
    assert definitions.is_prolonged(timedelta(minutes=60, seconds=1))


def test_a_start_five_minutes_ahead_is_accepted_and_one_more_minute_is_the_future():
    now = START
    assert not definitions.is_in_future(now + timedelta(minutes=5), now=now)
    assert definitions.is_in_future(now + timedelta(minutes=5, seconds=1), now=now)


def test_paresthesia_means_numbness_or_tingling():
    assert definitions.is_paresthesia(["burning", "tingling"])
    assert not definitions.is_paresthesia(["burning", "pain"])


def test_the_definitions_speak_the_vocabulary_of_the_api():
    locations = set(Location.values)
    assert locations == definitions.LEG_LOCATIONS | definitions.NON_LEG_LOCATIONS
    assert not definitions.LEG_LOCATIONS & definitions.NON_LEG_LOCATIONS
    accompanying = set(Accompanying.values)
    assert accompanying >= definitions.EMERGENCY_SYMPTOMS
    assert accompanying >= definitions.RED_FLAG_SYMPTOMS
    assert accompanying >= definitions.BLADDER_OR_BOWEL_CHANGES
    assert set(Sensation.values) >= definitions.PARESTHESIA


# --- Every app asks the same definition ---------------------------------------------------


def _history(episode_start):
    workout = WorkoutFact(id=1, activity="stepper", started_at=START, duration_minutes=45)
    episode = EpisodeFact(
        id=1,
        started_at=episode_start,
        ended_at=episode_start + timedelta(minutes=10),
        sensations=frozenset({"tingling"}),
        locations=frozenset({"foot"}),
    )
    history = History(
        now=PAST_TWO_HOURS + timedelta(hours=1),
        zone=ZoneInfo("UTC"),
        episodes=(episode,),
        workouts=(workout,),
    )
    return history, episode


def test_the_rules_associate_at_two_hours_and_not_a_minute_later():
    history, episode = _history(AT_TWO_HOURS)
    assert [w.id for w in history.workouts_of(episode)] == [1]

    history, episode = _history(PAST_TWO_HOURS)
    assert history.workouts_of(episode) == ()


@pytest.mark.django_db
def test_the_report_associates_at_two_hours_and_not_a_minute_later(user):
    workout = WorkoutFactory(user=user, started_at=START, duration_minutes=45)
    at_edge = EpisodeFactory(user=user, workout=None, started_at=AT_TWO_HOURS)
    past_edge = EpisodeFactory(user=user, workout=None, started_at=PAST_TWO_HOURS)

    associations = episode_associations(user=user, episodes=[at_edge, past_edge])

    assert associations == {at_edge.id: workout}


@pytest.mark.django_db
def test_the_log_reminder_counts_an_episode_at_two_hours_as_an_answer(user):
    workout = WorkoutFactory(user=user, started_at=START, duration_minutes=45)
    EpisodeFactory(user=user, workout=None, started_at=PAST_TWO_HOURS)
    assert not workout_is_answered(workout=workout)

    EpisodeFactory(user=user, workout=None, started_at=AT_TWO_HOURS)
    assert workout_is_answered(workout=workout)


@pytest.mark.django_db
def test_the_log_reminder_ignores_an_episode_linked_to_another_workout(user):
    workout = WorkoutFactory(user=user, started_at=START, duration_minutes=45)
    other = WorkoutFactory(user=user, started_at=END, duration_minutes=10)
    EpisodeFactory(user=user, workout=other, started_at=END + timedelta(minutes=5))

    assert not workout_is_answered(workout=workout)


@pytest.mark.django_db
def test_the_episode_form_offers_the_workout_up_to_two_hours_after_it(user):
    workout = WorkoutFactory(user=user, started_at=START, duration_minutes=45)

    assert recent_workout(user=user, now=AT_TWO_HOURS) == workout
    assert recent_workout(user=user, now=PAST_TWO_HOURS) is None

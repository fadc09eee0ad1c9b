from datetime import UTC, datetime, timedelta

from insights.selectors import insight_rates_get, insights_get
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.insights.conftest import START

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def test_insights_read_two_queries_for_a_short_and_for_a_long_history(
    user, stepper_history, django_assert_num_queries
):
    stepper_history(user, with_episode=2, free=3)
    with django_assert_num_queries(2):  # workouts, then the episodes that may belong to them
        short = insights_get(user=user, now=NOW)
    stepper_history(user, with_episode=40, free=80, no_answer=20, offset=10)
    stepper_history(user, with_episode=5, free=10, activity="yoga", offset=200)
    with django_assert_num_queries(2):
        long = insights_get(user=user, now=NOW)

    assert [(i.activity, i.rate.with_episode) for i in short] == [("stepper", 2)]
    assert {i.activity: i.rate.with_episode for i in long} == {"stepper": 42, "yoga": 5}


def test_the_dashboard_card_counts_each_session_as_the_insights_page_does(
    user, other_user, stepper_history, django_assert_num_queries
):
    """The card counts in the database; the page decides in Python. Both ends of the
    association window are included, a linked episode belongs to its workout only, and an
    episode wins over a "no symptoms" answer."""
    stepper_history(user, with_episode=3, free=4, no_answer=1)
    base = START + timedelta(days=30)

    def workout(hours, activity="running", minutes=40, free=False):
        started = base + timedelta(hours=hours)
        return WorkoutFactory(
            user=user,
            activity=activity,
            started_at=started,
            duration_minutes=minutes,
            symptom_free_at=started + timedelta(hours=4) if free else None,
        )

    def episode(at, workout=None, owner=None):
        EpisodeFactory(user=owner or user, workout=workout, started_at=at)

    at_window_end = workout(0)  # episode exactly 2 h after its end: associated
    episode(at_window_end.ended_at + timedelta(hours=2))
    just_after = workout(10, free=True)  # 1 microsecond late: symptom-free stands
    episode(just_after.ended_at + timedelta(hours=2, microseconds=1))
    answered_but = workout(20, free=True)  # an episode at its very start wins
    episode(answered_but.started_at)
    linked_early = workout(30)  # linked, though logged as starting a day before
    episode(linked_early.started_at - timedelta(days=1), workout=linked_early)
    other_window = workout(40)  # holds only an episode linked to another workout
    episode(other_window.started_at + timedelta(minutes=5), workout=linked_early)
    workout(50, "yoga", 60)  # overlapping the next one: the episode follows both
    overlapping = workout(50.5, "yoga", 60)
    episode(overlapping.started_at + timedelta(minutes=10))
    a_second_early = workout(60, "yoga", free=True)
    episode(a_second_early.started_at - timedelta(seconds=1))
    someone_else = workout(70, "yoga")
    episode(someone_else.started_at + timedelta(minutes=5), owner=other_user)
    for hours in (80, 81, 82):
        workout(hours, "yoga", free=True)

    with django_assert_num_queries(1):
        card = insight_rates_get(user=user)

    page = insights_get(user=user, now=NOW)
    assert card == [(item.activity, item.rate) for item in page]
    counts = [(activity, rate.with_episode, rate.known, rate.no_answer) for activity, rate in card]
    assert counts == [("stepper", 3, 7, 1), ("yoga", 2, 6, 1), ("running", 3, 4, 1)]


def test_the_dashboard_card_works_out_only_the_activities_it_shows(user, stepper_history):
    stepper_history(user, with_episode=3, free=4)
    stepper_history(user, with_episode=1, free=1, activity="yoga", offset=100)
    stepper_history(user, with_episode=1, free=2, activity="running", offset=200)

    every = insight_rates_get(user=user)
    card = insight_rates_get(user=user, limit=2)

    assert [activity for activity, _rate in every] == ["stepper", "running", "yoga"]
    assert card == every[:2]

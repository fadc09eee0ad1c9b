from datetime import UTC, datetime

from insights.selectors import insights_get

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

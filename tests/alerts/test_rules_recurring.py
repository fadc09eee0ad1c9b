"""Recurring numbness with the stepper or with any one other activity: distinct sessions."""

from datetime import UTC, datetime, timedelta

from django.utils import translation

from alerts.messages import alert_message, alert_title
from alerts.rules import RULES
from tests.alerts.rulekit import JAKARTA, NOW, as_alert, check, ep, history, wo

DAY = timedelta(days=1)


def _linked(activity, *days_ago, first_id=1):
    """One workout of ``activity`` per day given, each with a linked tingling episode."""
    workouts, episodes = [], []
    for offset, days in enumerate(days_ago):
        start = NOW - days * DAY
        workouts.append(wo(100 + first_id + offset, activity, start))
        episodes.append(
            ep(first_id + offset, start + timedelta(minutes=20), workout=100 + first_id + offset)
        )
    return workouts, episodes


def test_recurring_with_stepper_fires_for_episodes_after_three_sessions_within_30_days():
    workouts, episodes = _linked("stepper", 20, 10, 1)

    [finding] = check("recurring_with_stepper", history(*episodes, workouts=workouts))

    assert RULES["recurring_with_stepper"].level == "see_doctor"
    assert finding.scope == ""
    assert finding.episode_ids == (1, 2, 3)
    assert finding.workout_ids == (101, 102, 103)
    assert (finding.params["sessions"], finding.params["episodes"]) == (3, 3)


def test_recurring_with_stepper_holds_back_with_two_sessions():
    workouts, episodes = _linked("stepper", 10, 1)

    assert check("recurring_with_stepper", history(*episodes, workouts=workouts)) == []


def test_recurring_with_stepper_holds_back_when_the_third_comes_31_days_after_the_first():
    workouts, episodes = _linked("stepper", 31, 20, 0)

    assert check("recurring_with_stepper", history(*episodes, workouts=workouts)) == []


def test_recurring_with_stepper_fires_when_the_third_comes_exactly_30_days_after_the_first():
    workouts, episodes = _linked("stepper", 30, 20, 0)

    assert len(check("recurring_with_stepper", history(*episodes, workouts=workouts))) == 1


def test_recurring_with_stepper_counts_an_unlinked_episode_up_to_two_hours_after_the_workout():
    workouts, episodes = _linked("stepper", 20, 10)
    late = wo(200, "stepper", NOW - 2 * DAY, minutes=30)
    unlinked = ep(9, late.ended_at + timedelta(hours=2))

    [finding] = check(
        "recurring_with_stepper", history(*episodes, unlinked, workouts=[*workouts, late])
    )

    assert 9 in finding.episode_ids
    assert 200 in finding.workout_ids


def test_recurring_with_stepper_ignores_an_unlinked_episode_2h01_after_the_workout_ends():
    workouts, episodes = _linked("stepper", 20, 10)
    late = wo(200, "stepper", NOW - 2 * DAY, minutes=30)
    unlinked = ep(9, late.ended_at + timedelta(hours=2, minutes=1))

    assert (
        check("recurring_with_stepper", history(*episodes, unlinked, workouts=[*workouts, late]))
        == []
    )


def test_recurring_with_stepper_ignores_an_unlinked_episode_before_the_workout_started():
    workouts, episodes = _linked("stepper", 20, 10)
    late = wo(200, "stepper", NOW - 2 * DAY, minutes=30)
    early = ep(9, late.started_at - timedelta(minutes=1))

    assert (
        check("recurring_with_stepper", history(*episodes, early, workouts=[*workouts, late])) == []
    )


def test_recurring_with_stepper_follows_the_link_over_the_time_of_day():
    workouts, episodes = _linked("stepper", 20, 10)
    stepper = wo(200, "stepper", NOW - 2 * DAY)
    running = wo(201, "running", NOW - 3 * DAY)
    # Started during a stepper session but linked by the person to a running workout.
    linked_elsewhere = ep(9, stepper.started_at + timedelta(minutes=5), workout=201)

    found = check(
        "recurring_with_stepper",
        history(*episodes, linked_elsewhere, workouts=[*workouts, stepper, running]),
    )

    assert found == []


def test_recurring_with_stepper_ignores_burning_without_numbness_or_tingling():
    workouts, episodes = _linked("stepper", 20, 10)
    extra = wo(200, "stepper", NOW - DAY)
    burning = ep(9, extra.started_at, sensations=["burning"], workout=200)

    assert (
        check("recurring_with_stepper", history(*episodes, burning, workouts=[*workouts, extra]))
        == []
    )


def test_recurring_with_stepper_reports_the_latest_cluster():
    old_workouts, old = _linked("stepper", 100, 95, 90, first_id=1)
    new_workouts, new = _linked("stepper", 12, 6, 1, first_id=10)

    [finding] = check(
        "recurring_with_stepper", history(*old, *new, workouts=[*old_workouts, *new_workouts])
    )

    assert finding.episode_ids == (10, 11, 12)


def test_recurring_with_stepper_message_names_the_counts_and_dates():
    workouts, episodes = _linked("stepper", 20, 10, 5, 1)
    [finding] = check("recurring_with_stepper", history(*episodes, workouts=workouts))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "4 episodes after 4 stepper sessions between 3 Nov 2026 and 22 Nov 2026" in (message)


def test_recurring_with_activity_fires_per_activity_scoped_by_it():
    running_w, running = _linked("running", 9, 5, 1, first_id=1)
    cycling_w, cycling = _linked("cycling", 8, 4, 2, first_id=10)

    found = check(
        "recurring_with_activity", history(*running, *cycling, workouts=[*running_w, *cycling_w])
    )

    assert RULES["recurring_with_activity"].level == "watch"
    assert [(f.scope, f.episode_ids) for f in found] == [
        ("cycling", (10, 11, 12)),
        ("running", (1, 2, 3)),
    ]


def test_recurring_with_activity_leaves_the_stepper_to_its_own_rule():
    workouts, episodes = _linked("stepper", 9, 5, 1)

    assert check("recurring_with_activity", history(*episodes, workouts=workouts)) == []


def test_recurring_with_activity_does_not_mix_activities():
    running_w, running = _linked("running", 9, 5, first_id=1)
    yoga_w, yoga = _linked("yoga", 3, first_id=10)

    found = check(
        "recurring_with_activity", history(*running, *yoga, workouts=[*running_w, *yoga_w])
    )

    assert found == []


def test_recurring_with_activity_message_and_title_name_the_activity():
    workouts, episodes = _linked("running", 9, 5, 1)
    [finding] = check("recurring_with_activity", history(*episodes, workouts=workouts))

    with translation.override("en"):
        message = alert_message(as_alert(finding))
        title = alert_title(as_alert(finding))

    assert "3 episodes after 3 running sessions between 14 Nov 2026 and 22 Nov 2026" in (message)
    assert "running" in title


# --- Sessions, not episodes: each number of the message against the evidence ----------


def _stated_numbers(finding, language="en"):
    """The message, and what the evidence says it must state."""
    with translation.override(language):
        message = alert_message(as_alert(finding))
    return message, len(finding.episode_ids), len(finding.workout_ids)


def test_three_episodes_after_one_stepper_session_raise_nothing():
    session = wo(100, "stepper", NOW - 2 * DAY, minutes=40)
    episodes = [
        ep(1, session.started_at + timedelta(minutes=10), workout=100),
        ep(2, session.started_at + timedelta(minutes=30)),  # unlinked, during it
        ep(3, session.ended_at + timedelta(hours=1)),  # unlinked, an hour after it
    ]

    assert check("recurring_with_stepper", history(*episodes, workouts=[session])) == []


def test_three_episodes_after_two_running_sessions_raise_nothing():
    first = wo(100, "running", NOW - 5 * DAY)
    second = wo(101, "running", NOW - 2 * DAY)
    episodes = [
        ep(1, first.started_at + timedelta(minutes=5), workout=100),
        ep(2, second.started_at + timedelta(minutes=5), workout=101),
        ep(3, second.ended_at + timedelta(minutes=30), workout=101),
    ]

    found = check("recurring_with_activity", history(*episodes, workouts=[first, second]))

    assert found == []


def test_four_episodes_after_three_sessions_say_four_episodes_and_three_sessions():
    workouts, episodes = _linked("stepper", 20, 10, 1)
    again = ep(9, workouts[1].ended_at + timedelta(minutes=90))  # unlinked, after the 2nd

    [finding] = check("recurring_with_stepper", history(*episodes, again, workouts=workouts))
    message, episode_count, session_count = _stated_numbers(finding)

    assert (episode_count, session_count) == (4, 3)
    assert finding.episode_ids == (1, 2, 9, 3)
    assert finding.workout_ids == (101, 102, 103)
    assert (finding.params["episodes"], finding.params["sessions"]) == (4, 3)
    assert "4 episodes after 3 stepper sessions between 3 Nov 2026 and 22 Nov 2026." in (message)


def test_four_episodes_after_three_sessions_read_the_same_numbers_in_indonesian():
    workouts, episodes = _linked("cycling", 20, 10, 1)
    again = ep(9, workouts[0].started_at + timedelta(minutes=50), workout=workouts[0].id)

    [finding] = check("recurring_with_activity", history(*episodes, again, workouts=workouts))
    message, episode_count, session_count = _stated_numbers(finding, "id")

    assert (episode_count, session_count) == (4, 3)
    assert "4 episode setelah 3 sesi bersepeda antara 3 Nov 2026 dan 22 Nov 2026." in (message)


def test_the_dates_are_the_first_and_last_session_days_in_the_users_zone():
    # 16:30 UTC on the first day is 23:30 in Jakarta; its episode comes after midnight there.
    first = wo(100, "stepper", datetime(2026, 11, 2, 16, 30, tzinfo=UTC), minutes=60)
    others = [wo(101, "stepper", NOW - 10 * DAY), wo(102, "stepper", NOW - DAY)]
    episodes = [
        ep(1, first.ended_at + timedelta(minutes=30)),  # 01:00 on November 3 in Jakarta
        ep(2, others[0].started_at + timedelta(minutes=20), workout=101),
        ep(3, others[1].started_at + timedelta(minutes=20), workout=102),
    ]

    [finding] = check(
        "recurring_with_stepper",
        history(*episodes, workouts=[first, *others], zone=JAKARTA),
    )

    assert (finding.params["first"], finding.params["last"]) == ("2026-11-02", "2026-11-22")


def test_an_unlinked_episode_exactly_two_hours_after_the_session_counts_for_it():
    workouts, episodes = _linked("stepper", 20, 10)
    late = wo(200, "stepper", NOW - 2 * DAY, minutes=30)
    on_the_dot = ep(9, late.ended_at + timedelta(hours=2))

    [finding] = check(
        "recurring_with_stepper", history(*episodes, on_the_dot, workouts=[*workouts, late])
    )

    assert (finding.params["sessions"], finding.params["episodes"]) == (3, 3)
    assert finding.workout_ids == (101, 102, 200)


def test_sessions_spanning_over_30_days_raise_nothing_even_when_the_episodes_span_less():
    # The first session starts 30 days and 90 minutes before the last; its episode,
    # an hour after it ended, lies 30 days minus 30 minutes before the last one.
    first = wo(100, "stepper", NOW - 30 * DAY - timedelta(minutes=90), minutes=60)
    others = [wo(101, "stepper", NOW - 10 * DAY), wo(102, "stepper", NOW)]
    episodes = [
        ep(1, first.ended_at + timedelta(hours=1)),
        ep(2, others[0].started_at, workout=101),
        ep(3, others[1].started_at, workout=102),
    ]

    assert check("recurring_with_stepper", history(*episodes, workouts=[first, *others])) == []


def test_sessions_starting_exactly_30_days_apart_fire():
    first = wo(100, "stepper", NOW - 30 * DAY, minutes=60)
    others = [wo(101, "stepper", NOW - 10 * DAY), wo(102, "stepper", NOW)]
    episodes = [
        ep(1, first.ended_at + timedelta(hours=1)),
        ep(2, others[0].started_at, workout=101),
        ep(3, others[1].started_at, workout=102),
    ]

    [finding] = check("recurring_with_stepper", history(*episodes, workouts=[first, *others]))

    assert finding.workout_ids == (100, 101, 102)


def test_an_episode_after_back_to_back_sessions_counts_after_the_later_one_only():
    morning = wo(100, "stepper", NOW - 3 * DAY, minutes=30)
    noon = wo(101, "stepper", morning.ended_at + timedelta(minutes=60), minutes=30)
    later = wo(102, "stepper", NOW - DAY)
    # In the 2-hour window of both morning and noon sessions.
    between = ep(1, noon.ended_at + timedelta(minutes=10))
    last = ep(2, later.started_at + timedelta(minutes=10), workout=102)

    found = check("recurring_with_stepper", history(between, last, workouts=[morning, noon, later]))

    assert found == []

"""Recurring numbness with the stepper or with any one other activity."""

from datetime import timedelta

from django.utils import translation

from alerts.messages import alert_message, alert_title
from alerts.rules import RULES
from tests.alerts.rulekit import NOW, as_alert, check, ep, history, wo

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


def test_recurring_with_stepper_fires_for_three_episodes_within_30_days():
    workouts, episodes = _linked("stepper", 20, 10, 1)

    [finding] = check("recurring_with_stepper", history(*episodes, workouts=workouts))

    assert RULES["recurring_with_stepper"].level == "see_doctor"
    assert finding.scope == ""
    assert finding.episode_ids == (1, 2, 3)
    assert finding.workout_ids == (101, 102, 103)
    assert finding.params["count"] == 3


def test_recurring_with_stepper_holds_back_with_two_episodes():
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


def test_recurring_with_stepper_message_names_the_count_and_dates():
    workouts, episodes = _linked("stepper", 20, 10, 5, 1)
    [finding] = check("recurring_with_stepper", history(*episodes, workouts=workouts))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "Between November 3, 2026 and November 22, 2026" in message
    assert "4 stepper workouts" in message


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

    assert "with 3 running workouts" in message
    assert "November 14, 2026 and November 22, 2026" in message
    assert "running" in title

"""Persistent (distinct days) or worsening (last three rising) numbness or tingling."""

from datetime import UTC, datetime, timedelta

from django.utils import translation

from alerts.messages import alert_message
from tests.alerts.rulekit import JAKARTA, NOW, as_alert, check, ep, history

DAY = timedelta(days=1)


def _on_days(*days_ago, minutes=15, severity=4):
    return [
        ep(i, NOW - d * DAY, minutes=minutes, severity=severity) for i, d in enumerate(days_ago, 1)
    ]


def test_persistent_fires_for_four_days_within_28_spanning_14():
    [finding] = check("persistent_or_worsening", history(*_on_days(20, 15, 10, 6)))

    assert finding.scope == ""
    assert finding.params["persistent"] == {"days": 4, "first": "2026-11-03", "last": "2026-11-17"}
    assert finding.episode_ids == (1, 2, 3, 4)


def test_persistent_holds_back_when_the_days_span_only_13():
    assert check("persistent_or_worsening", history(*_on_days(20, 15, 10, 7))) == []


def test_persistent_holds_back_for_three_days():
    assert check("persistent_or_worsening", history(*_on_days(20, 10, 5))) == []


def test_persistent_fires_when_first_and_last_day_are_exactly_28_days_apart():
    assert len(check("persistent_or_worsening", history(*_on_days(30, 20, 10, 2)))) == 1


def test_persistent_holds_back_when_the_four_days_stretch_over_29_days():
    assert check("persistent_or_worsening", history(*_on_days(31, 20, 10, 2))) == []


def test_persistent_counts_two_episodes_on_one_day_once():
    episodes = [*_on_days(20, 10, 5), ep(9, NOW - 5 * DAY + timedelta(hours=2))]

    assert check("persistent_or_worsening", history(*episodes)) == []


def _across_midnight_in_jakarta():
    """Two episodes on one UTC day that fall on two days in Jakarta (UTC+7)."""
    return [
        ep(1, datetime(2026, 11, 1, 16, 30, tzinfo=UTC)),  # 23:30 on Nov 1 in Jakarta
        ep(2, datetime(2026, 11, 1, 17, 30, tzinfo=UTC)),  # 00:30 on Nov 2 in Jakarta
        ep(3, datetime(2026, 11, 8, 5, 0, tzinfo=UTC)),
        ep(4, datetime(2026, 11, 16, 5, 0, tzinfo=UTC)),
    ]


def test_persistent_counts_days_in_the_users_time_zone():
    [finding] = check(
        "persistent_or_worsening", history(*_across_midnight_in_jakarta(), zone=JAKARTA)
    )

    assert finding.params["persistent"]["first"] == "2026-11-01"
    assert finding.params["persistent"]["days"] == 4


def test_persistent_holds_back_when_the_same_moments_are_one_day_in_utc():
    assert check("persistent_or_worsening", history(*_across_midnight_in_jakarta())) == []


def test_worsening_fires_when_the_last_three_each_last_longer():
    episodes = [ep(1, NOW - 40 * DAY, 10), ep(2, NOW - 20 * DAY, 20), ep(3, NOW - DAY, 30)]

    [finding] = check("persistent_or_worsening", history(*episodes))

    assert finding.params["worsening"]["minutes"] == [10, 20, 30]
    assert "severities" not in finding.params["worsening"]


def test_worsening_holds_back_when_two_last_equally_long():
    episodes = [ep(1, NOW - 40 * DAY, 10), ep(2, NOW - 20 * DAY, 20), ep(3, NOW - DAY, 20)]

    assert check("persistent_or_worsening", history(*episodes)) == []


def test_worsening_looks_only_at_the_last_three():
    episodes = [
        ep(1, NOW - 50 * DAY, 10),
        ep(2, NOW - 40 * DAY, 20),
        ep(3, NOW - 20 * DAY, 30),
        ep(4, NOW - DAY, 5),
    ]

    assert check("persistent_or_worsening", history(*episodes)) == []


def test_worsening_holds_back_when_the_first_of_the_three_is_older_than_60_days():
    episodes = [ep(1, NOW - 61 * DAY, 10), ep(2, NOW - 20 * DAY, 20), ep(3, NOW - DAY, 30)]

    assert check("persistent_or_worsening", history(*episodes)) == []


def test_worsening_fires_when_severity_rises_strictly():
    episodes = [
        ep(1, NOW - 40 * DAY, 15, severity=3),
        ep(2, NOW - 20 * DAY, 15, severity=5),
        ep(3, NOW - DAY, 15, severity=7),
    ]

    [finding] = check("persistent_or_worsening", history(*episodes))

    assert finding.params["worsening"]["severities"] == [3, 5, 7]


def test_worsening_does_not_count_an_unknown_severity_as_a_rise():
    episodes = [
        ep(1, NOW - 40 * DAY, 15, severity=None),
        ep(2, NOW - 20 * DAY, 15, severity=5),
        ep(3, NOW - DAY, 15, severity=7),
    ]

    assert check("persistent_or_worsening", history(*episodes)) == []


def test_worsening_measures_an_ongoing_last_episode_up_to_now():
    episodes = [
        ep(1, NOW - 40 * DAY, 10),
        ep(2, NOW - 20 * DAY, 20),
        ep(3, NOW - timedelta(minutes=25), None),
    ]

    [finding] = check("persistent_or_worsening", history(*episodes))

    assert finding.params["worsening"]["minutes"] == [10, 20, 25]


def test_persistent_message_names_days_dates_and_pad():
    [finding] = check("persistent_or_worsening", history(*_on_days(20, 15, 10, 6)))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "on 4 different days between 3 Nov 2026 and 17 Nov 2026" in message
    assert "peripheral artery disease, PAD" in message
    assert "promptly" in message


def test_worsening_message_names_the_durations():
    episodes = [ep(1, NOW - 40 * DAY, 10), ep(2, NOW - 20 * DAY, 20), ep(3, NOW - DAY, 70)]
    [finding] = check("persistent_or_worsening", history(*episodes))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "10 minutes, 20 minutes and 1 hour 10 minutes" in message
    assert "PAD" in message

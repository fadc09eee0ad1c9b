"""The statistics against hand-computed values, and their properties (no database)."""

import math
import random
from datetime import UTC, datetime, timedelta
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alerts.rules.history import EpisodeFact
from insights.stats import (
    MIN_KNOWN_SESSIONS,
    NotEstimable,
    Outcome,
    Session,
    SessionOutcome,
    dose_response_of,
    insights_by_activity,
    onset_of,
    rate_of,
    session_outcomes,
    time_to_onset_of,
    wilson_interval,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)
Z = NormalDist().inv_cdf(0.975)


def wilson_oracle(k: int, n: int) -> tuple[float, float]:
    """The published Wilson (1927) score interval, written out here only as a test oracle."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def session(i: int, *, minutes: int = 30, activity: str = "stepper", **kw) -> Session:
    return Session(
        id=i,
        activity=activity,
        started_at=T0 + timedelta(days=i),
        duration_minutes=minutes,
        **kw,
    )


def episode(i: int, started_at: datetime, workout_id: int | None = None) -> EpisodeFact:
    return EpisodeFact(
        id=i,
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=10),
        sensations=frozenset({"tingling"}),
        locations=frozenset({"foot"}),
        workout_id=workout_id,
    )


def outcomes(episodes: int, free: int, no_answer: int = 0) -> list[SessionOutcome]:
    items = [SessionOutcome(session(i), Outcome.EPISODE, 10.0) for i in range(episodes)]
    items += [SessionOutcome(session(100 + i), Outcome.SYMPTOM_FREE) for i in range(free)]
    items += [SessionOutcome(session(200 + i), Outcome.NO_ANSWER) for i in range(no_answer)]
    return items


# --- Three states and the one association definition -----------------------------------


def test_a_session_is_episode_symptom_free_or_no_answer_yet():
    sessions = [session(1), session(2, symptom_free=True), session(3)]
    found = session_outcomes(
        sessions=sessions,
        episodes=[episode(1, sessions[0].started_at + timedelta(minutes=20))],
        now=NOW,
    )
    assert [o.outcome for o in found] == [Outcome.EPISODE, Outcome.SYMPTOM_FREE, Outcome.NO_ANSWER]
    assert found[0].onset_minutes == 20
    assert found[0].during


def test_an_unlinked_episode_two_hours_after_the_end_belongs_to_the_session_one_second_later_not():
    s = session(1, minutes=30)
    at_edge = s.ended_at + timedelta(hours=2)
    inside = session_outcomes(sessions=[s], episodes=[episode(1, at_edge)], now=NOW)[0]
    outside = session_outcomes(
        sessions=[s], episodes=[episode(1, at_edge + timedelta(seconds=1))], now=NOW
    )[0]
    assert inside.outcome is Outcome.EPISODE
    assert inside.onset_minutes == 150
    assert not inside.during
    assert outside.outcome is Outcome.NO_ANSWER


def test_an_episode_logged_for_a_session_wins_over_an_earlier_no_symptoms_answer():
    s = session(1, symptom_free=True)
    linked = episode(1, s.started_at + timedelta(hours=9), workout_id=s.id)
    assert session_outcomes(sessions=[s], episodes=[linked], now=NOW)[0].outcome is Outcome.EPISODE


# --- Rates --------------------------------------------------------------------------------


def test_wilson_interval_of_6_of_14_matches_the_published_formula():
    low, high = wilson_oracle(6, 14)
    interval = wilson_interval(6, 14)
    assert interval.low == pytest.approx(low, abs=1e-9)
    assert interval.high == pytest.approx(high, abs=1e-9)
    assert (round(interval.low, 3), round(interval.high, 3)) == (0.214, 0.674)


def test_rate_leaves_sessions_without_an_answer_out_of_the_denominator():
    rate = rate_of(outcomes(episodes=6, free=8, no_answer=5))
    assert (rate.with_episode, rate.known, rate.no_answer) == (6, 14, 5)
    assert rate.rate == pytest.approx(6 / 14)


def test_rate_says_not_enough_data_below_five_known_sessions_and_shows_from_five():
    assert rate_of(outcomes(episodes=2, free=2, no_answer=9)).rate is None
    assert rate_of(outcomes(episodes=2, free=2, no_answer=9)).interval is None
    assert rate_of(outcomes(episodes=2, free=3)).rate == pytest.approx(0.4)


@given(n=st.integers(1, 500), data=st.data())
def test_wilson_interval_stays_in_0_1_and_contains_the_rate(n, data):
    k = data.draw(st.integers(0, n))
    interval = wilson_interval(k, n)
    assert 0.0 <= interval.low <= k / n <= interval.high <= 1.0


@given(
    states=st.lists(
        st.sampled_from([Outcome.EPISODE, Outcome.SYMPTOM_FREE, Outcome.NO_ANSWER]),
        min_size=MIN_KNOWN_SESSIONS,
        max_size=80,
    )
)
def test_adding_a_symptom_free_session_never_raises_a_rate(states):
    items = [SessionOutcome(session(i), state, 5.0) for i, state in enumerate(states)]
    before = rate_of(items)
    after = rate_of([*items, SessionOutcome(session(999), Outcome.SYMPTOM_FREE)])
    if before.rate is not None:
        assert after.rate is not None
        assert after.rate <= before.rate
        assert after.interval.high <= before.interval.high + 1e-12


# --- Onset -------------------------------------------------------------------------------


def test_median_onset_interval_is_the_order_statistic_interval():
    minutes = [3, 7, 12, 15, 18, 22, 30, 41, 55, 90]
    items = [
        SessionOutcome(session(i, minutes=60), Outcome.EPISODE, float(m))
        for i, m in enumerate(minutes)
    ]
    # Bin(10, 1/2): P(B <= 1) = 11/1024 <= 2.5% < P(B <= 2) = 56/1024, so the 95% interval
    # runs from the 2nd to the 9th smallest value.
    assert sum(math.comb(10, j) for j in range(2)) / 1024 <= 0.025
    onset = onset_of(items)
    assert onset.median_minutes == 20
    assert (onset.interval.low, onset.interval.high) == (7, 55)
    assert (onset.during, onset.after) == (9, 1)  # 90 > 60 minutes: after


def test_median_onset_needs_six_onsets():
    items = [SessionOutcome(session(i), Outcome.EPISODE, float(i)) for i in range(5)]
    onset = onset_of(items)
    assert onset.count == 5
    assert onset.median_minutes is None


# --- Kaplan-Meier ---------------------------------------------------------------------------


def test_time_to_onset_censors_symptom_free_sessions_at_end_plus_two_hours():
    items = [
        SessionOutcome(session(1, minutes=30), Outcome.EPISODE, 10.0),
        SessionOutcome(session(2, minutes=30), Outcome.EPISODE, 20.0),
        SessionOutcome(session(3, minutes=30), Outcome.EPISODE, 30.0),
        SessionOutcome(session(4, minutes=30), Outcome.SYMPTOM_FREE),
        SessionOutcome(session(5, minutes=40), Outcome.SYMPTOM_FREE),
        SessionOutcome(session(6), Outcome.NO_ANSWER),
    ]
    km = time_to_onset_of(items)
    # S(10) = 4/5, S(20) = 4/5 * 3/4 = 0.6, S(30) = 0.6 * 2/3 = 0.4: the median is 30.
    curve = dict(km.curve)
    assert curve[10.0] == pytest.approx(0.8)
    assert curve[20.0] == pytest.approx(0.6)
    assert curve[30.0] == pytest.approx(0.4)
    assert curve[150.0] == pytest.approx(0.4)  # the first censored session: 30 + 120
    assert max(curve) == 160.0
    assert (km.sessions, km.events, km.reached, km.median_minutes) == (5, 3, True, 30.0)


def test_time_to_onset_has_no_median_when_fewer_than_half_bring_symptoms():
    km = time_to_onset_of(outcomes(episodes=2, free=4))
    assert km.enough
    assert not km.reached
    assert km.median_minutes is None


# --- Dose-response ----------------------------------------------------------------------


def two_lengths(long_with: int, long_free: int, short_with: int, short_free: int):
    items = []
    for count, minutes, state in (
        (long_with, 40, Outcome.EPISODE),
        (long_free, 40, Outcome.SYMPTOM_FREE),
        (short_with, 30, Outcome.EPISODE),
        (short_free, 30, Outcome.SYMPTOM_FREE),
    ):
        items += [
            SessionOutcome(session(len(items) + i, minutes=minutes), state, 5.0)
            for i in range(count)
        ]
    return items


def test_dose_response_odds_ratio_per_ten_minutes_matches_the_two_by_two_table():
    # 40 vs 30 minutes is one step: the model's odds ratio is the table's, (8/4)/(3/9) = 6,
    # and its Wald interval is Woolf's: exp(ln 6 +- z * sqrt(1/8 + 1/4 + 1/3 + 1/9)).
    dose = dose_response_of(two_lengths(8, 4, 3, 9))
    se = math.sqrt(1 / 8 + 1 / 4 + 1 / 3 + 1 / 9)
    assert dose.estimable
    assert dose.duration.odds_ratio == pytest.approx(6.0, rel=1e-6)
    assert dose.duration.low == pytest.approx(math.exp(math.log(6) - Z * se), rel=1e-4)
    assert dose.duration.high == pytest.approx(math.exp(math.log(6) + Z * se), rel=1e-4)
    assert dose.intensity is None  # not recorded


def test_dose_response_cannot_be_estimated_with_perfect_separation():
    assert dose_response_of(two_lengths(10, 0, 0, 10)).reason is NotEstimable.SEPARATION


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ((5, 5, 4, 5), NotEstimable.TOO_FEW_SESSIONS),
        ((2, 10, 2, 10), NotEstimable.TOO_FEW_EPISODES),
        ((10, 2, 10, 2), NotEstimable.TOO_FEW_SYMPTOM_FREE),
        ((0, 0, 10, 10), NotEstimable.SAME_DURATION),
    ],
)
def test_dose_response_says_why_it_cannot_be_estimated(table, reason):
    dose = dose_response_of(two_lengths(*table))
    assert dose.reason is reason
    assert dose.duration is None


def simulated(seed: int, *, slope_per_10_min: float, sessions: int = 120):
    """A history where the log-odds of an episode rise by ``slope`` per 10 minutes."""
    rng = random.Random(seed)
    items = []
    for i in range(sessions):
        minutes = rng.randint(15, 90)
        intensity = rng.randint(2, 9)
        logit = -1.0 + slope_per_10_min * (minutes - 50) / 10
        p = 1 / (1 + math.exp(-logit))
        state = Outcome.EPISODE if rng.random() < p else Outcome.SYMPTOM_FREE
        items.append(SessionOutcome(session(i, minutes=minutes, intensity=intensity), state, 5.0))
    return items


SEEDS = range(60)


def test_a_known_effect_of_session_length_is_found_with_the_right_sign_in_90_percent_of_runs():
    found = 0
    for seed in SEEDS:
        dose = dose_response_of(simulated(seed, slope_per_10_min=0.5))
        if dose.estimable and dose.duration.clear and dose.duration.odds_ratio > 1:
            found += 1
    assert found / len(SEEDS) >= 0.9


def test_a_history_without_an_effect_is_flagged_in_at_most_10_percent_of_runs():
    flagged = 0
    for seed in SEEDS:
        dose = dose_response_of(simulated(1000 + seed, slope_per_10_min=0.0))
        if dose.estimable and dose.duration.clear:
            flagged += 1
    assert flagged / len(SEEDS) <= 0.1


# --- Per activity ---------------------------------------------------------------------------


def test_insights_come_per_activity_most_sessions_first():
    sessions = [session(i, activity="yoga", symptom_free=True) for i in range(3)]
    sessions += [session(10 + i, activity="stepper", symptom_free=i % 2 == 0) for i in range(6)]
    episodes = [episode(1, sessions[4].started_at + timedelta(minutes=5))]
    found = insights_by_activity(sessions=sessions, episodes=episodes, now=NOW)
    assert [f.activity for f in found] == ["stepper", "yoga"]
    stepper = found[0].rate
    assert (stepper.with_episode, stepper.known, stepper.no_answer) == (1, 4, 2)
    assert stepper.rate is None
    assert found[1].rate.known == 3

"""The "try one fix" comparison against hand-computed values, and its properties."""

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insights.experiment_stats import (
    Arm,
    Direction,
    NotCompared,
    arm_of,
    compare,
    fisher_test,
)
from insights.stats import Outcome, Session, SessionOutcome

START = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
TRIAL = START + timedelta(days=100)


def outcome(day: int, state: Outcome, *, activity: str = "stepper", base=START) -> SessionOutcome:
    session = Session(
        id=day + (0 if base == START else 10_000),
        activity=activity,
        started_at=base + timedelta(days=day),
        duration_minutes=40,
    )
    return SessionOutcome(session, state, 20.0 if state is Outcome.EPISODE else None)


def history(before: list[Outcome], during: list[Outcome]) -> list[SessionOutcome]:
    return [outcome(i, s) for i, s in enumerate(before)] + [
        outcome(i, s, base=TRIAL) for i, s in enumerate(during)
    ]


E, F, N = Outcome.EPISODE, Outcome.SYMPTOM_FREE, Outcome.NO_ANSWER


def hypergeometric_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Fisher's two-sided p by hand: the probability of every table with the same margins
    that is no more likely than the observed one."""
    row1, col1, n = a + b, a + c, a + b + c + d

    def prob(x: int) -> float:
        return math.comb(col1, x) * math.comb(n - col1, row1 - x) / math.comb(n, row1)

    observed = prob(a)
    lo, hi = max(0, row1 - (n - col1)), min(row1, col1)
    return sum(prob(x) for x in range(lo, hi + 1) if prob(x) <= observed * (1 + 1e-7))


def test_fisher_p_of_the_tea_tasting_table_is_34_over_70():
    # Fisher's lady tasting tea: 3 of 4 right each way; two-sided p = 34/70 = 0.4857.
    test = fisher_test(Arm(with_episode=3, known=4, no_answer=0), Arm(3, 4, 0))
    tea = fisher_test(Arm(with_episode=3, known=4, no_answer=0), Arm(1, 4, 0))

    assert tea.p_value == pytest.approx(34 / 70, abs=1e-12)
    assert tea.direction is Direction.NO_CLEAR_DIFFERENCE
    assert test.p_value == pytest.approx(1.0)


def test_fisher_p_matches_the_hypergeometric_sum_done_by_hand():
    # 1 of 8 with the change against 10 of 14 before.
    test = fisher_test(Arm(1, 8, 0), Arm(10, 14, 0))

    assert test.p_value == pytest.approx(hypergeometric_two_sided(1, 7, 10, 4), rel=1e-9)
    # Margins 8/14 and 11/11: tables with 0, 1, 7 or 8 episodes in the change's row are
    # as unlikely as the observed one: 2 * (1/1938 + 11/969) = 23/969.
    assert test.p_value == pytest.approx(23 / 969, rel=1e-9)
    assert test.direction is Direction.FEWER


def test_more_episodes_with_the_change_is_said_as_more():
    assert fisher_test(Arm(8, 8, 0), Arm(1, 12, 0)).direction is Direction.MORE


def test_rates_come_with_their_wilson_interval():
    arm = arm_of([outcome(i, E) for i in range(6)] + [outcome(10 + i, F) for i in range(8)])

    assert (arm.with_episode, arm.known, arm.rate) == (6, 14, pytest.approx(6 / 14))
    # Wilson by hand: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.95996.
    z, n, p = 1.959963984540054, 14, 6 / 14
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert arm.interval.low == pytest.approx(centre - half)
    assert arm.interval.high == pytest.approx(centre + half)


def test_the_comparison_is_made_once_the_planned_sessions_are_done():
    outcomes = history(before=[E] * 10 + [F] * 4, during=[E] + [F] * 7)

    result = compare(
        outcomes=outcomes, activity="stepper", started_at=TRIAL, ended_at=None, planned=8
    )

    assert result.ready
    assert (result.experiment.with_episode, result.experiment.known) == (1, 8)
    assert (result.baseline.with_episode, result.baseline.known) == (10, 14)
    assert result.test.direction is Direction.FEWER


def test_only_the_first_planned_sessions_count_and_other_activities_are_left_out():
    outcomes = [
        *history(before=[E] * 5, during=[F] * 5 + [E] * 3),
        outcome(50, E, activity="running"),
        outcome(2, E, activity="running", base=TRIAL),
    ]

    result = compare(
        outcomes=outcomes, activity="stepper", started_at=TRIAL, ended_at=None, planned=5
    )

    assert (result.experiment.with_episode, result.experiment.known) == (0, 5)
    assert (result.baseline.with_episode, result.baseline.known) == (5, 5)


def test_sessions_without_an_answer_are_counted_apart():
    outcomes = history(before=[E] * 3 + [F] * 3 + [N], during=[F] * 4 + [N])

    result = compare(
        outcomes=outcomes, activity="stepper", started_at=TRIAL, ended_at=None, planned=5
    )

    assert (result.experiment.known, result.experiment.no_answer) == (4, 1)
    assert (result.baseline.known, result.baseline.no_answer) == (6, 1)


def test_too_little_baseline_gives_the_numbers_but_no_test():
    outcomes = history(before=[E] * 4, during=[F] * 5)

    result = compare(
        outcomes=outcomes, activity="stepper", started_at=TRIAL, ended_at=None, planned=5
    )

    assert result.reason is NotCompared.TOO_LITTLE_BASELINE
    assert result.test is None
    assert result.experiment.known == 5


def test_a_stopped_experiment_counts_only_sessions_before_it_stopped():
    outcomes = history(before=[E] * 6, during=[F] * 6)

    result = compare(
        outcomes=outcomes,
        activity="stepper",
        started_at=TRIAL,
        ended_at=TRIAL + timedelta(days=2, hours=1),
        planned=6,
        abandoned=True,
    )

    assert result.reason is NotCompared.ABANDONED
    assert result.done == 3
    assert result.experiment is None
    assert result.test is None


states = st.sampled_from([E, F, N])


@given(
    before=st.lists(states, max_size=30),
    during=st.lists(states, max_size=40),
    planned=st.integers(min_value=5, max_value=40),
)
def test_nothing_is_compared_or_shown_before_the_planned_sessions(before, during, planned):
    result = compare(
        outcomes=history(before, during),
        activity="stepper",
        started_at=TRIAL,
        ended_at=None,
        planned=planned,
    )

    assert result.done == min(len(during), planned)
    if len(during) < planned:
        assert result.reason is NotCompared.RUNNING
        assert result.experiment is None
        assert result.baseline is None
        assert result.test is None
    else:
        assert result.reason is not NotCompared.RUNNING


@given(k1=st.integers(0, 30), n1=st.integers(1, 30), k2=st.integers(0, 30), n2=st.integers(1, 30))
def test_p_value_is_a_probability_and_direction_follows_the_rates(k1, n1, k2, n2):
    k1, k2 = min(k1, n1), min(k2, n2)
    test = fisher_test(Arm(k1, n1, 0), Arm(k2, n2, 0))

    assert 0.0 <= test.p_value <= 1.0
    if test.direction is Direction.FEWER:
        assert k1 / n1 < k2 / n2
        assert test.p_value < 0.05
    if test.direction is Direction.MORE:
        assert k1 / n1 > k2 / n2
        assert test.p_value < 0.05

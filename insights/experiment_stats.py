""" "Try one fix": the episode rate of an experiment's sessions against the sessions of the
same activity before it started. Pure: no ORM, no clock.

The experiment's sessions are the first ``planned`` sessions of the activity that
started at or after the experiment's start (and before its end, when it was stopped).
The baseline is every session of that activity that started before it. Each side's rate
counts only sessions with a known outcome (an episode, or "no symptoms" answered), as
``insights.stats`` does, with its Wilson 95% interval.

Nothing is compared before the planned sessions are all logged: peeking at a running
comparison and stopping when it looks good is how chance passes for an effect. The
test is Fisher's exact test (two-sided, ``scipy.stats.fisher_exact``) of the 2x2 table
[[experiment with episode, experiment symptom-free], [baseline with episode, baseline
symptom-free]]; it is exact for the small counts a personal log has. What it finds is an
association in the person's own log, never a diagnosis: the sessions were not
randomised, and anything else that changed at the same time could explain a difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from insights.stats import Interval, Outcome, SessionOutcome, wilson_interval

# Fewer planned sessions than this could never show a difference: even 0 of 4 against
# a baseline of 10 of 10 is only just below p = 0.05, and 0 of 4 alone still leaves
# "about half the time" possible (Wilson 0-49%). 5 is also the rates' minimum
# (insights.stats.MIN_KNOWN_SESSIONS). 40 keeps an experiment to a few weeks.
MIN_PLANNED = 5
MAX_PLANNED = 40
# The baseline needs as many known outcomes as a rate on the Insights page.
MIN_BASELINE_KNOWN = 5
SIGNIFICANCE = 0.05


class NotCompared(StrEnum):
    """Why an experiment's result is not given."""

    RUNNING = "running"  # fewer sessions than planned so far
    ABANDONED = "abandoned"  # stopped before the planned sessions
    NO_KNOWN_OUTCOMES = "no_known_outcomes"  # every experiment session lacks an answer
    TOO_LITTLE_BASELINE = "too_little_baseline"  # too few known sessions before it


class Direction(StrEnum):
    FEWER = "fewer"  # fewer episodes during the experiment, unlikely to be chance alone
    MORE = "more"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"


@dataclass(frozen=True)
class Arm:
    """Sessions with an episode out of the sessions with a known outcome."""

    with_episode: int
    known: int
    no_answer: int

    @property
    def rate(self) -> float | None:
        return self.with_episode / self.known if self.known else None

    @property
    def interval(self) -> Interval | None:
        return wilson_interval(self.with_episode, self.known) if self.known else None


def arm_of(outcomes: Iterable[SessionOutcome]) -> Arm:
    counts = dict.fromkeys(Outcome, 0)
    for item in outcomes:
        counts[item.outcome] += 1
    k = counts[Outcome.EPISODE]
    return Arm(
        with_episode=k,
        known=k + counts[Outcome.SYMPTOM_FREE],
        no_answer=counts[Outcome.NO_ANSWER],
    )


@dataclass(frozen=True)
class Test:
    """Fisher's exact test of the two arms; ``odds_ratio`` (experiment over baseline)
    may be 0 or infinite with a zero cell, so it is not shown, only the rates."""

    p_value: float
    direction: Direction


def fisher_test(experiment: Arm, baseline: Arm) -> Test:
    """Two-sided Fisher's exact test of the arms' 2x2 table."""
    from scipy.stats import fisher_exact

    table = [
        [experiment.with_episode, experiment.known - experiment.with_episode],
        [baseline.with_episode, baseline.known - baseline.with_episode],
    ]
    p_value = float(fisher_exact(table, alternative="two-sided").pvalue)
    if p_value >= SIGNIFICANCE or experiment.rate == baseline.rate:
        direction = Direction.NO_CLEAR_DIFFERENCE
    elif (experiment.rate or 0.0) < (baseline.rate or 0.0):
        direction = Direction.FEWER
    else:
        direction = Direction.MORE
    return Test(p_value=min(1.0, p_value), direction=direction)


@dataclass(frozen=True)
class Comparison:
    """An experiment's state. ``experiment``, ``baseline`` and ``test`` are given only
    once the planned sessions are all logged (``reason`` None); before that, only how
    many of them have been done."""

    planned: int
    done: int
    reason: NotCompared | None = None
    experiment: Arm | None = None
    baseline: Arm | None = None
    test: Test | None = None

    @property
    def ready(self) -> bool:
        return self.reason is None


def compare(
    *,
    outcomes: Sequence[SessionOutcome],
    activity: str,
    started_at: datetime,
    ended_at: datetime | None,
    planned: int,
    abandoned: bool = False,
) -> Comparison:
    """The comparison of one experiment from the person's session outcomes (any
    activity: only ``activity``'s are used)."""
    own = sorted(
        (o for o in outcomes if o.session.activity == activity),
        key=lambda o: (o.session.started_at, o.session.id),
    )
    during = [
        o
        for o in own
        if o.session.started_at >= started_at
        and (ended_at is None or o.session.started_at < ended_at)
    ][:planned]
    done = len(during)
    if done < planned:
        reason = NotCompared.ABANDONED if abandoned else NotCompared.RUNNING
        return Comparison(planned=planned, done=done, reason=reason)
    experiment = arm_of(during)
    baseline = arm_of(o for o in own if o.session.started_at < started_at)
    if experiment.known == 0:
        return Comparison(
            planned=planned,
            done=done,
            reason=NotCompared.NO_KNOWN_OUTCOMES,
            experiment=experiment,
            baseline=baseline,
        )
    if baseline.known < MIN_BASELINE_KNOWN:
        return Comparison(
            planned=planned,
            done=done,
            reason=NotCompared.TOO_LITTLE_BASELINE,
            experiment=experiment,
            baseline=baseline,
        )
    return Comparison(
        planned=planned,
        done=done,
        experiment=experiment,
        baseline=baseline,
        test=fisher_test(experiment, baseline),
    )

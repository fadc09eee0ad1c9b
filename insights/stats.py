"""What a person's own sessions say about each activity: pure statistics, no ORM, no clock.

Every workout ends in one of three states (``Outcome``): associated with an episode,
confirmed symptom-free, or no answer yet. Which episodes belong to which workout is the
one definition in ``alerts.rules.history`` (``History.workouts_of``: linked, or unlinked
and started between the workout's start and 2 hours after its end, inclusive).

Every figure comes with how sure it is: an interval, or "not enough data" (``None``).
The heavy libraries (numpy, scipy, statsmodels, lifelines) are imported where used, so
that starting Django does not pay for them.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from alerts.rules.history import EpisodeFact, History, WorkoutFact
from symptoms.definitions import ASSOCIATION_AFTER_END

CONFIDENCE = 0.95

# Below 5 sessions with a known outcome each single session moves the rate by more than
# 20 points, and the Wilson 95% interval of any result spans about half of [0, 1] or
# more (0 of 4: 0-49%, 2 of 4: 15-85%): the figure would say more about chance than
# about the activity. From 5 on, a clean record (0 of 5: 0-43%) already rules out
# "about half the time", so the rate is shown, always with its interval.
MIN_KNOWN_SESSIONS = 5
# The distribution-free 95% interval of a median needs at least 6 values: with 5, even
# the smallest-to-largest range covers the median with only 94% (1 - 2 * 0.5**5).
MIN_ONSETS = 6
# A logistic model with one or two predictors needs far more than a handful of
# sessions; the usual guide of about 10 of the rarer outcome per predictor is out of
# reach for most personal logs, so the model asks for 20 sessions with at least 5 of
# each outcome, and says "cannot be estimated yet" otherwise.
MIN_MODEL_SESSIONS = 20
MIN_EACH_OUTCOME = 5
DOSE_STEP_MINUTES = 10
# A log-odds standard error this large means the data barely constrain the slope
# (quasi-separation): the interval would be meaningless.
MAX_LOG_ODDS_SE = 5.0


class Outcome(StrEnum):
    EPISODE = "episode"
    SYMPTOM_FREE = "symptom_free"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class Session:
    """One workout as the statistics see it; ``symptom_free`` is the person's answer."""

    id: int
    activity: str
    started_at: datetime
    duration_minutes: int
    intensity: int | None = None
    symptom_free: bool = False

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class SessionOutcome:
    """A session's state; ``onset_minutes`` from its start to its first episode's start."""

    session: Session
    outcome: Outcome
    onset_minutes: float | None = None

    @property
    def during(self) -> bool:
        """The first episode started before the session ended (else: after it)."""
        return (
            self.onset_minutes is not None and self.onset_minutes <= self.session.duration_minutes
        )


def session_outcomes(
    *, sessions: Sequence[Session], episodes: Sequence[EpisodeFact], now: datetime
) -> list[SessionOutcome]:
    """Each session's outcome. An associated episode wins over a "no symptoms" answer
    (something was logged after all); an episode linked to a session but logged as
    starting before it counts as onset 0."""
    history = History(
        now=now,
        zone=ZoneInfo("UTC"),
        episodes=tuple(episodes),
        workouts=tuple(
            WorkoutFact(
                id=s.id,
                activity=s.activity,
                started_at=s.started_at,
                duration_minutes=s.duration_minutes,
            )
            for s in sessions
        ),
    )
    first_onset: dict[int, datetime] = {}
    for episode in history.episodes:  # oldest first: the first one seen is the first onset
        for workout in history.workouts_of(episode):
            first_onset.setdefault(workout.id, episode.started_at)
    outcomes = []
    for s in sessions:
        if s.id in first_onset:
            minutes = max(0.0, (first_onset[s.id] - s.started_at).total_seconds() / 60)
            outcomes.append(SessionOutcome(s, Outcome.EPISODE, minutes))
        elif s.symptom_free:
            outcomes.append(SessionOutcome(s, Outcome.SYMPTOM_FREE))
        else:
            outcomes.append(SessionOutcome(s, Outcome.NO_ANSWER))
    return outcomes


# --- Rates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A 95% interval; ``high`` None means not bounded by the data so far."""

    low: float
    high: float | None


def wilson_interval(successes: int, trials: int) -> Interval:
    """The Wilson score 95% interval of ``successes / trials`` (statsmodels)."""
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(successes, trials, alpha=1 - CONFIDENCE, method="wilson")
    # The exact interval always holds the rate; floating point can miss it by 1e-17 at
    # 0 of n or n of n, so the bounds are clipped to [0, rate] and [rate, 1].
    rate = successes / trials
    return Interval(low=min(max(0.0, float(low)), rate), high=max(min(1.0, float(high)), rate))


@dataclass(frozen=True)
class Rate:
    """Sessions with an episode out of the sessions whose outcome is known."""

    with_episode: int
    known: int
    no_answer: int
    rate: float | None = None  # None: not enough data yet
    interval: Interval | None = None

    @property
    def enough(self) -> bool:
        return self.rate is not None


def rate_of(outcomes: Iterable[SessionOutcome]) -> Rate:
    """The episode rate; sessions with no answer yet are counted apart, not in it."""
    counts = dict.fromkeys(Outcome, 0)
    for item in outcomes:
        counts[item.outcome] += 1
    return rate_of_counts(counts)


def rate_of_counts(counts: Mapping[Outcome, int]) -> Rate:
    """The episode rate from the number of sessions in each ``Outcome`` (``rate_of``)."""
    k = counts[Outcome.EPISODE]
    n = k + counts[Outcome.SYMPTOM_FREE]
    if n < MIN_KNOWN_SESSIONS:
        return Rate(with_episode=k, known=n, no_answer=counts[Outcome.NO_ANSWER])
    return Rate(
        with_episode=k,
        known=n,
        no_answer=counts[Outcome.NO_ANSWER],
        rate=k / n,
        interval=wilson_interval(k, n),
    )


# --- Onset ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Onset:
    """Minutes from the session's start to its first episode, during or after it."""

    count: int
    during: int
    after: int
    median_minutes: float | None = None  # None: fewer than MIN_ONSETS onsets
    interval: Interval | None = None


def onset_of(outcomes: Iterable[SessionOutcome]) -> Onset:
    """The median onset with its distribution-free 95% interval (order statistics,
    ``scipy.stats.quantile_test``)."""
    with_onset = [o for o in outcomes if o.onset_minutes is not None]
    during = sum(1 for o in with_onset if o.during)
    base = Onset(count=len(with_onset), during=during, after=len(with_onset) - during)
    if len(with_onset) < MIN_ONSETS:
        return base
    import numpy as np
    from scipy import stats

    minutes = np.array([o.onset_minutes for o in with_onset], dtype=float)
    median = float(np.median(minutes))
    ci = stats.quantile_test(minutes, q=median, p=0.5).confidence_interval(CONFIDENCE)
    return Onset(
        count=base.count,
        during=base.during,
        after=base.after,
        median_minutes=median,
        interval=Interval(low=float(ci.low), high=float(ci.high)),
    )


# --- Time to onset (Kaplan-Meier) -------------------------------------------------------

CENSOR_AFTER_END_MINUTES = ASSOCIATION_AFTER_END.total_seconds() / 60


@dataclass(frozen=True)
class TimeToOnset:
    """Kaplan-Meier estimate of the share of sessions still symptom-free by minute.

    Sessions with an episode are events at their onset; symptom-free sessions are
    censored at their end + 2 h (the association window); no answer yet: left out.
    ``median_minutes`` None with ``reached`` False: fewer than half the sessions brought
    symptoms within the window, so there is no median time to onset.
    """

    sessions: int
    events: int
    enough: bool
    reached: bool = False
    median_minutes: float | None = None
    interval: Interval | None = None
    curve: tuple[tuple[float, float], ...] = ()  # (minutes, share still symptom-free)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def time_to_onset_of(outcomes: Iterable[SessionOutcome]) -> TimeToOnset:
    durations: list[float] = []
    observed: list[int] = []
    for o in outcomes:
        if o.outcome is Outcome.EPISODE and o.onset_minutes is not None:
            durations.append(o.onset_minutes)
            observed.append(1)
        elif o.outcome is Outcome.SYMPTOM_FREE:
            durations.append(o.session.duration_minutes + CENSOR_AFTER_END_MINUTES)
            observed.append(0)
    events = sum(observed)
    if len(durations) < MIN_KNOWN_SESSIONS:
        return TimeToOnset(sessions=len(durations), events=events, enough=False)
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    kmf = KaplanMeierFitter(alpha=1 - CONFIDENCE)
    kmf.fit(durations, event_observed=observed)
    survival = kmf.survival_function_.iloc[:, 0]
    curve = tuple((float(t), float(p)) for t, p in survival.items())
    median = _finite(float(kmf.median_survival_time_))
    if median is None:
        return TimeToOnset(sessions=len(durations), events=events, enough=True, curve=curve)
    bounds = median_survival_times(kmf.confidence_interval_).iloc[0]
    low, high = _finite(float(bounds.iloc[0])), _finite(float(bounds.iloc[1]))
    return TimeToOnset(
        sessions=len(durations),
        events=events,
        enough=True,
        reached=True,
        median_minutes=median,
        interval=Interval(low=low if low is not None else 0.0, high=high),
        curve=curve,
    )


# --- Dose-response (binomial GLM) -------------------------------------------------------


class NotEstimable(StrEnum):
    TOO_FEW_SESSIONS = "too_few_sessions"
    TOO_FEW_EPISODES = "too_few_episodes"
    TOO_FEW_SYMPTOM_FREE = "too_few_symptom_free"
    SAME_DURATION = "same_duration"
    SEPARATION = "separation"
    NO_CONVERGENCE = "no_convergence"


@dataclass(frozen=True)
class Effect:
    """Odds ratio of an episode per ``step`` of a predictor, with its 95% interval."""

    odds_ratio: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """The interval leaves out 1 (no association)."""
        return self.low > 1 or self.high < 1


@dataclass(frozen=True)
class DoseResponse:
    """An association, not a cause. ``reason`` says why nothing could be estimated;
    ``intensity`` is None when intensity was not in the model (not recorded for every
    session, or always the same)."""

    sessions: int
    duration: Effect | None = None
    intensity: Effect | None = None
    reason: NotEstimable | None = None

    @property
    def estimable(self) -> bool:
        return self.reason is None


def dose_response_of(outcomes: Iterable[SessionOutcome]) -> DoseResponse:
    """Binomial GLM of "episode" on duration (per 10 minutes) and intensity (per point)."""
    known = [o for o in outcomes if o.outcome is not Outcome.NO_ANSWER]
    n = len(known)
    events = sum(1 for o in known if o.outcome is Outcome.EPISODE)
    if n < MIN_MODEL_SESSIONS:
        return DoseResponse(sessions=n, reason=NotEstimable.TOO_FEW_SESSIONS)
    if events < MIN_EACH_OUTCOME:
        return DoseResponse(sessions=n, reason=NotEstimable.TOO_FEW_EPISODES)
    if n - events < MIN_EACH_OUTCOME:
        return DoseResponse(sessions=n, reason=NotEstimable.TOO_FEW_SYMPTOM_FREE)
    if len({o.session.duration_minutes for o in known}) < 2:
        return DoseResponse(sessions=n, reason=NotEstimable.SAME_DURATION)

    import numpy as np
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import (
        ConvergenceWarning,
        PerfectSeparationError,
        PerfectSeparationWarning,
    )

    intensities = [o.session.intensity for o in known]
    with_intensity = all(i is not None for i in intensities) and len(set(intensities)) > 1
    columns = [[o.session.duration_minutes / DOSE_STEP_MINUTES for o in known]]
    if with_intensity:
        columns.append([float(i) for i in intensities if i is not None])
    x = sm.add_constant(np.column_stack(columns), has_constant="add")
    y = np.array([1.0 if o.outcome is Outcome.EPISODE else 0.0 for o in known])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            warnings.simplefilter("error", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            result = sm.GLM(y, x, family=sm.families.Binomial()).fit()
    except (PerfectSeparationError, PerfectSeparationWarning):
        return DoseResponse(sessions=n, reason=NotEstimable.SEPARATION)
    except (ConvergenceWarning, np.linalg.LinAlgError):
        return DoseResponse(sessions=n, reason=NotEstimable.NO_CONVERGENCE)
    params = np.asarray(result.params, dtype=float)
    se = np.asarray(result.bse, dtype=float)
    if not (np.all(np.isfinite(params)) and np.all(np.isfinite(se))):
        return DoseResponse(sessions=n, reason=NotEstimable.NO_CONVERGENCE)
    if np.any(se[1:] > MAX_LOG_ODDS_SE):
        return DoseResponse(sessions=n, reason=NotEstimable.SEPARATION)
    ci = np.asarray(result.conf_int(alpha=1 - CONFIDENCE), dtype=float)

    def effect(index: int) -> Effect:
        return Effect(
            odds_ratio=float(np.exp(params[index])),
            low=float(np.exp(ci[index, 0])),
            high=float(np.exp(ci[index, 1])),
        )

    return DoseResponse(
        sessions=n, duration=effect(1), intensity=effect(2) if with_intensity else None
    )


# --- Per activity -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityInsight:
    activity: str
    rate: Rate
    onset: Onset
    time_to_onset: TimeToOnset
    dose: DoseResponse


def most_sessions_first(activity: str, sessions: int) -> tuple[int, str]:
    """The order activities are listed in: most sessions first, then by code."""
    return -sessions, activity


def _by_activity(
    sessions: Sequence[Session], episodes: Sequence[EpisodeFact], now: datetime
) -> list[tuple[str, list[SessionOutcome]]]:
    grouped: dict[str, list[SessionOutcome]] = defaultdict(list)
    for item in session_outcomes(sessions=sessions, episodes=episodes, now=now):
        grouped[item.session.activity].append(item)
    return sorted(grouped.items(), key=lambda kv: most_sessions_first(kv[0], len(kv[1])))


def rates_by_activity(
    counts: Mapping[str, Mapping[Outcome, int]], *, limit: int | None = None
) -> list[tuple[str, Rate]]:
    """Only the rates (the dashboard's card), from the number of sessions of each activity
    in each ``Outcome``: no survival curve or model to fit, no session to hold. ``limit``:
    only the first activities, most sessions first (each interval is a statsmodels call)."""
    ordered = sorted(counts.items(), key=lambda kv: most_sessions_first(kv[0], sum(kv[1].values())))
    return [(activity, rate_of_counts(outcomes)) for activity, outcomes in ordered[:limit]]


def insights_by_activity(
    *, sessions: Sequence[Session], episodes: Sequence[EpisodeFact], now: datetime
) -> list[ActivityInsight]:
    """One ``ActivityInsight`` per activity with sessions, most sessions first."""
    return [
        ActivityInsight(
            activity=activity,
            rate=rate_of(items),
            onset=onset_of(items),
            time_to_onset=time_to_onset_of(items),
            dose=dose_response_of(items),
        )
        for activity, items in _by_activity(sessions, episodes, now)
    ]

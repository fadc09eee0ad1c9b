"""Numbness or tingling that keeps coming back after sessions of the same activity.

The rules count SESSIONS (distinct workouts), not episodes: several episodes after one
stepper session are one session. An episode follows a workout when it is associated
with it (``History.workouts_of``: linked by ``workout``, or, unlinked, started between
the workout's start and 2 hours after its end, both ends included). An unlinked episode
that falls in the windows of two sessions of the same activity (back-to-back sessions)
is counted after the later one only, so each session counted has an episode of its own.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from alerts.rules.codes import RuleCode
from alerts.rules.history import EpisodeFact, Finding, History, WorkoutFact
from alerts.rules.registry import Level, OncePer, rule

# 3 or more sessions whose starts lie at most 30 days apart (the third one starting 31
# days after the first does not count).
RECURRING_SESSIONS = 3
RECURRING_WINDOW = timedelta(days=30)
STEPPER = "stepper"


@dataclass(frozen=True)
class Session:
    """One workout and the numbness or tingling episodes that followed it, oldest first."""

    workout: WorkoutFact
    episodes: tuple[EpisodeFact, ...]


def sessions_by_activity(history: History) -> dict[str, list[Session]]:
    """Per activity, the workouts followed by at least one numbness or tingling episode,
    oldest first. Each episode counts once per activity, after the latest-started of its
    associated workouts of that activity."""
    followed: dict[int, list[EpisodeFact]] = defaultdict(list)
    for episode in history.paresthesia():
        latest: dict[str, WorkoutFact] = {}
        for workout in history.workouts_of(episode):  # oldest first
            latest[workout.activity] = workout
        for workout in latest.values():
            followed[workout.id].append(episode)
    groups: dict[str, list[Session]] = defaultdict(list)
    for workout in history.workouts:  # oldest first
        if workout.id in followed:
            groups[workout.activity].append(Session(workout, tuple(followed[workout.id])))
    return groups


def latest_cluster(sessions: list[Session]) -> list[Session]:
    """The most recent run of ``RECURRING_SESSIONS`` or more sessions whose starts lie
    within ``RECURRING_WINDOW`` of the last one's, as wide as the window allows; empty
    when there is none. ``sessions`` are oldest first."""
    starts = [s.workout.started_at for s in sessions]
    for last in range(len(sessions) - 1, RECURRING_SESSIONS - 2, -1):
        first = bisect.bisect_left(starts, starts[last] - RECURRING_WINDOW)
        if last - first + 1 >= RECURRING_SESSIONS:
            return sessions[first : last + 1]
    return []


def _finding(
    rule_code: str, scope: str, activity: str, cluster: list[Session], history: History
) -> Finding:
    episodes = sorted(
        {e.id: e for s in cluster for e in s.episodes}.values(), key=lambda e: (e.started_at, e.id)
    )
    return Finding(
        rule=rule_code,
        scope=scope,
        episode_ids=tuple(e.id for e in episodes),
        workout_ids=tuple(s.workout.id for s in cluster),
        params={
            "activity": activity,
            "sessions": len(cluster),
            "episodes": len(episodes),
            "first": history.local_date(cluster[0].workout.started_at).isoformat(),
            "last": history.local_date(cluster[-1].workout.started_at).isoformat(),
        },
    )


@rule(RuleCode.RECURRING_WITH_STEPPER, level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def recurring_with_stepper(history: History) -> list[Finding]:
    """Numbness or tingling after 3 or more distinct stepper sessions starting within 30
    days ("stepper feet"); dates are those of the first and last session."""
    cluster = latest_cluster(sessions_by_activity(history).get(STEPPER, []))
    if not cluster:
        return []
    return [_finding(RuleCode.RECURRING_WITH_STEPPER, "", STEPPER, cluster, history)]


@rule(RuleCode.RECURRING_WITH_ACTIVITY, level=Level.WATCH, once_per=OncePer.USER_AND_ACTIVITY)
def recurring_with_activity(history: History) -> list[Finding]:
    """The same for any one other activity; one finding per activity, scoped by it."""
    findings = []
    for activity, sessions in sorted(sessions_by_activity(history).items()):
        if activity == STEPPER:
            continue
        cluster = latest_cluster(sessions)
        if cluster:
            findings.append(
                _finding(RuleCode.RECURRING_WITH_ACTIVITY, activity, activity, cluster, history)
            )
    return findings

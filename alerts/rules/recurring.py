"""Numbness or tingling that keeps coming back with the same activity."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import timedelta

from alerts.rules.history import EpisodeFact, Finding, History, unique_ids
from alerts.rules.registry import Level, OncePer, rule

# 3 or more episodes whose starts lie at most 30 days apart (the third one 31 days
# after the first does not count).
RECURRING_COUNT = 3
RECURRING_WINDOW = timedelta(days=30)
STEPPER = "stepper"


def _by_activity(history: History) -> dict[str, list[EpisodeFact]]:
    """Paresthesia episodes per activity of the workouts they are associated with."""
    groups: dict[str, list[EpisodeFact]] = defaultdict(list)
    for episode in history.paresthesia():
        for activity in sorted({w.activity for w in history.workouts_of(episode)}):
            groups[activity].append(episode)
    return groups


def latest_cluster(episodes: list[EpisodeFact]) -> list[EpisodeFact]:
    """The most recent run of ``RECURRING_COUNT`` or more episodes whose starts lie within
    ``RECURRING_WINDOW`` of the last one's, as wide as the window allows; empty when there
    is none. ``episodes`` are oldest first."""
    starts = [e.started_at for e in episodes]
    for last in range(len(episodes) - 1, RECURRING_COUNT - 2, -1):
        first = bisect.bisect_left(starts, starts[last] - RECURRING_WINDOW)
        if last - first + 1 >= RECURRING_COUNT:
            return episodes[first : last + 1]
    return []


def _finding(
    rule_code: str, scope: str, activity: str, cluster: list[EpisodeFact], history: History
) -> Finding:
    workouts = unique_ids(
        [w.id for e in cluster for w in history.workouts_of(e) if w.activity == activity]
    )
    return Finding(
        rule=rule_code,
        scope=scope,
        episode_ids=tuple(e.id for e in cluster),
        workout_ids=workouts,
        params={
            "activity": activity,
            "count": len(cluster),
            "first": history.local_date(cluster[0].started_at).isoformat(),
            "last": history.local_date(cluster[-1].started_at).isoformat(),
        },
    )


@rule("recurring_with_stepper", level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def recurring_with_stepper(history: History) -> list[Finding]:
    """3 or more numbness or tingling episodes associated with stepper workouts, starting
    within 30 days ("stepper feet")."""
    cluster = latest_cluster(_by_activity(history).get(STEPPER, []))
    if not cluster:
        return []
    return [_finding("recurring_with_stepper", "", STEPPER, cluster, history)]


@rule("recurring_with_activity", level=Level.WATCH, once_per=OncePer.USER_AND_ACTIVITY)
def recurring_with_activity(history: History) -> list[Finding]:
    """The same for any one other activity; one finding per activity, scoped by it."""
    findings = []
    for activity, episodes in sorted(_by_activity(history).items()):
        if activity == STEPPER:
            continue
        cluster = latest_cluster(episodes)
        if cluster:
            findings.append(
                _finding("recurring_with_activity", activity, activity, cluster, history)
            )
    return findings

"""Numbness or tingling that persists over weeks or gets worse."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from itertools import pairwise

from alerts.rules.codes import RuleCode
from alerts.rules.history import EpisodeFact, Finding, History, unique_ids
from alerts.rules.registry import Level, OncePer, rule

# Episodes on 4 or more distinct days (user's zone), the first and last of them at most
# 28 days apart and at least 14 days apart.
PERSISTENT_DAYS = 4
PERSISTENT_WINDOW_DAYS = 28
PERSISTENT_SPAN_DAYS = 14
# The last 3 episodes, all started in the 60 days before now, each longer (or each more
# severe) than the one before.
WORSENING_COUNT = 3
WORSENING_WINDOW = timedelta(days=60)


def _persistent_days(history: History) -> tuple[dict[str, object], list[EpisodeFact]] | None:
    """The most recent run of distinct days that qualifies, and the episodes on them."""
    episodes = history.paresthesia()
    by_day: dict[date, list[EpisodeFact]] = {}
    for episode in episodes:
        by_day.setdefault(history.local_date(episode.started_at), []).append(episode)
    days = sorted(by_day)
    ordinals = [d.toordinal() for d in days]
    for last in range(len(days) - 1, PERSISTENT_DAYS - 2, -1):
        first = bisect.bisect_left(ordinals, ordinals[last] - PERSISTENT_WINDOW_DAYS)
        if (
            last - first + 1 >= PERSISTENT_DAYS
            and ordinals[last] - ordinals[first] >= PERSISTENT_SPAN_DAYS
        ):
            run = days[first : last + 1]
            params: dict[str, object] = {
                "days": len(run),
                "first": run[0].isoformat(),
                "last": run[-1].isoformat(),
            }
            return params, [e for day in run for e in by_day[day]]
    return None


def _worsening(history: History) -> tuple[dict[str, object], list[EpisodeFact]] | None:
    """The last 3 episodes, if all started within 60 days of now and rise strictly in
    duration (ongoing ones measured up to now) or in severity.

    An episode of unknown severity breaks the severity rise (nothing is known to have
    worsened); it still takes part in the duration rise.
    """
    last = history.paresthesia()[-WORSENING_COUNT:]
    if len(last) < WORSENING_COUNT or last[0].started_at < history.now - WORSENING_WINDOW:
        return None
    durations = [int(e.duration(history.now).total_seconds() // 60) for e in last]
    severities = [e.severity for e in last]
    rising_duration = all(a < b for a, b in pairwise(durations))
    known = [s for s in severities if s is not None]
    rising_severity = len(known) == len(severities) and all(a < b for a, b in pairwise(known))
    if not (rising_duration or rising_severity):
        return None
    params: dict[str, object] = {
        "dates": [history.local_date(e.started_at).isoformat() for e in last],
    }
    if rising_duration:
        params["minutes"] = durations
    if rising_severity:
        params["severities"] = known
    return params, list(last)


@rule(RuleCode.PERSISTENT_OR_WORSENING, level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def persistent_or_worsening(history: History) -> list[Finding]:
    """Numbness or tingling on 4+ distinct days within 28 days spanning 14+ days, or the
    last 3 episodes (within 60 days) each longer or each more severe than the one before.
    One finding carrying whichever of the two patterns are present."""
    persistent = _persistent_days(history)
    worsening = _worsening(history)
    if persistent is None and worsening is None:
        return []
    params: dict[str, object] = {}
    episodes: list[EpisodeFact] = []
    if persistent is not None:
        params["persistent"] = persistent[0]
        episodes += persistent[1]
    if worsening is not None:
        params["worsening"] = worsening[0]
        episodes += worsening[1]
    episodes.sort(key=lambda e: (e.started_at, e.id))
    return [
        Finding(
            rule=RuleCode.PERSISTENT_OR_WORSENING,
            scope="",
            episode_ids=unique_ids([e.id for e in episodes]),
            workout_ids=unique_ids([w.id for e in episodes for w in history.workouts_of(e)]),
            params=params,
        )
    ]

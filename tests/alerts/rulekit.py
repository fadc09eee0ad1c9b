"""Hand-built histories for rule tests: no database, a fixed aware clock."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from alerts.rules import RULES, EpisodeFact, Finding, History, WeightFact, WorkoutFact

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
JAKARTA = ZoneInfo("Asia/Jakarta")


def ep(
    id: int,
    start: datetime,
    minutes: int | None = 15,
    *,
    sensations=("tingling",),
    locations=("calf",),
    accompanying=(),
    severity: int | None = 4,
    workout: int | None = None,
    side: str = "left",
) -> EpisodeFact:
    """An episode; ``minutes=None`` leaves it ongoing."""
    return EpisodeFact(
        id=id,
        started_at=start,
        ended_at=None if minutes is None else start + timedelta(minutes=minutes),
        sensations=frozenset(sensations),
        locations=frozenset(locations),
        accompanying=frozenset(accompanying),
        severity=severity,
        workout_id=workout,
        side=side,
    )


def wo(id: int, activity: str, start: datetime, minutes: int = 45, *, tight=False) -> WorkoutFact:
    return WorkoutFact(
        id=id, activity=activity, started_at=start, duration_minutes=minutes, tight_clothing=tight
    )


def kg(day: date, weight: str) -> WeightFact:
    return WeightFact(measured_on=day, weight_kg=Decimal(weight))


def history(*episodes, workouts=(), weights=(), now=NOW, zone=UTC) -> History:
    return History(
        now=now,
        zone=zone,
        episodes=tuple(episodes),
        workouts=tuple(workouts),
        weights=tuple(weights),
    )


def check(code: str, hist: History) -> list[Finding]:
    return RULES[code].check(hist)


def as_alert(finding: Finding) -> SimpleNamespace:
    """What ``alerts.messages`` reads from a stored alert."""
    return SimpleNamespace(rule=finding.rule, context=finding.params)

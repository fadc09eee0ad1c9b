"""Patterns the article ties to a named condition; "once per user, 30 days".

Each finding is about the latest matching episode, with the matching episodes of the
30 days before it as evidence. The product never diagnoses: the message says what the
pattern may point to and why a doctor should look.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from alerts.rules.codes import RuleCode
from alerts.rules.history import EpisodeFact, Finding, History, unique_ids
from alerts.rules.registry import REPEAT_AFTER, Level, OncePer, rule
from symptoms.definitions import LEG_LOCATIONS, REPETITIVE_LEG_ACTIVITIES, is_paresthesia

# Meralgia paresthetica risk factors (the article: weight gain, tight clothing,
# repetitive leg movement).
WEIGHT_GAIN_KG = Decimal("3")
WEIGHT_GAIN_PERCENT = Decimal("5")
WEIGHT_GAIN_WINDOW_DAYS = 90


def _latest_matches(history: History, matches: Callable[[EpisodeFact], bool]) -> list[EpisodeFact]:
    """The matching episodes of the 30 days up to the latest match, oldest first."""
    found = [e for e in history.episodes if matches(e)]
    if not found:
        return []
    since = found[-1].started_at - REPEAT_AFTER
    return [e for e in found if e.started_at >= since]


def _condition_finding(
    rule_code: str, episodes: list[EpisodeFact], history: History, extra: dict[str, object]
) -> Finding:
    latest = episodes[-1]
    return Finding(
        rule=rule_code,
        scope="",
        episode_ids=tuple(e.id for e in episodes),
        workout_ids=unique_ids([w.id for e in episodes for w in history.workouts_of(e)]),
        params={
            "date": history.local_date(latest.started_at).isoformat(),
            "count": len(episodes),
            **extra,
        },
    )


def weight_gain(history: History, episode: EpisodeFact) -> tuple[Decimal, Decimal] | None:
    """Kilograms and percent gained over the 90 days before the episode (its day included),
    from the lowest weight in that window to the latest one after it; None below both
    3 kg and 5 %, or with fewer than two weights."""
    day = history.local_date(episode.started_at)
    weights = history.weights_between(day - timedelta(days=WEIGHT_GAIN_WINDOW_DAYS), day)
    if len(weights) < 2:
        return None
    latest = weights[-1].weight_kg
    lowest = min(w.weight_kg for w in weights[:-1])
    gain = latest - lowest
    percent = gain * 100 / lowest
    if gain >= WEIGHT_GAIN_KG or percent >= WEIGHT_GAIN_PERCENT:
        return gain, percent.quantize(Decimal("0.1"))
    return None


def meralgia_risk_factors(history: History, episodes: list[EpisodeFact]) -> list[dict[str, object]]:
    """The article's risk factors present around these episodes, in a fixed order."""
    workouts = [w for e in episodes for w in history.workouts_of(e)]
    factors: list[dict[str, object]] = []
    if any(w.tight_clothing for w in workouts):
        factors.append({"code": "tight_clothing"})
    for episode in reversed(episodes):
        gain = weight_gain(history, episode)
        if gain is not None:
            factors.append({"code": "weight_gain", "kg": str(gain[0]), "percent": str(gain[1])})
            break
    repetitive = sorted({w.activity for w in workouts} & REPETITIVE_LEG_ACTIVITIES)
    if repetitive:
        factors.append({"code": "repetitive_activity", "activities": repetitive})
    return factors


def meralgia_pattern(episode: EpisodeFact) -> bool:
    """Burning or pain at the outer thigh: what ``possible_meralgia_paresthetica`` looks
    for, and the only episodes whose body weights a rule reads (the weight gain among its
    risk factors), so a history without one needs no weights."""
    return "outer_thigh" in episode.locations and bool({"burning", "pain"} & episode.sensations)


@rule(RuleCode.POSSIBLE_MERALGIA_PARESTHETICA, level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def possible_meralgia_paresthetica(history: History) -> list[Finding]:
    """Burning or pain at the outer thigh; names the risk factors present."""
    episodes = _latest_matches(history, meralgia_pattern)
    if not episodes:
        return []
    extra: dict[str, object] = {"risk_factors": meralgia_risk_factors(history, episodes)}
    return [_condition_finding(RuleCode.POSSIBLE_MERALGIA_PARESTHETICA, episodes, history, extra)]


@rule(RuleCode.POSSIBLE_TARSAL_TUNNEL, level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def possible_tarsal_tunnel(history: History) -> list[Finding]:
    """Burning together with numbness or tingling in the sole of the foot."""
    episodes = _latest_matches(
        history,
        lambda e: (
            "foot_sole" in e.locations
            and "burning" in e.sensations
            and is_paresthesia(e.sensations)
        ),
    )
    if not episodes:
        return []
    return [_condition_finding(RuleCode.POSSIBLE_TARSAL_TUNNEL, episodes, history, {})]


@rule(RuleCode.POSSIBLE_NERVE_COMPRESSION, level=Level.SEE_DOCTOR, once_per=OncePer.USER)
def possible_nerve_compression(history: History) -> list[Finding]:
    """Numbness or tingling at the lower back and in a leg in the same episode."""
    episodes = _latest_matches(
        history,
        lambda e: (
            e.is_paresthesia and "lower_back" in e.locations and bool(LEG_LOCATIONS & e.locations)
        ),
    )
    if not episodes:
        return []
    legs = sorted({loc for e in episodes for loc in e.locations} & LEG_LOCATIONS)
    return [
        _condition_finding(
            RuleCode.POSSIBLE_NERVE_COMPRESSION, episodes, history, {"leg_locations": legs}
        )
    ]

"""Rules about a single episode: once per episode."""

from __future__ import annotations

from alerts.rules.codes import RuleCode
from alerts.rules.history import Finding, History
from alerts.rules.registry import Level, OncePer, rule
from symptoms.definitions import (
    emergency_symptoms_in,
    has_cauda_equina_signs,
    is_prolonged,
    red_flags_in,
)

# The order a message names them in.
BLADDER_THEN_BOWEL = ("difficulty_urinating", "bowel_control_change")


@rule(RuleCode.EMERGENCY_SYMPTOMS, level=Level.URGENT, once_per=OncePer.EPISODE)
def emergency_symptoms(history: History) -> list[Finding]:
    """Any episode (paresthesia or not) listing nausea, difficulty breathing, severe leg
    pain or loss of consciousness."""
    findings = []
    for episode in history.episodes:
        present = emergency_symptoms_in(episode.accompanying)
        if present:
            findings.append(
                Finding.for_episode(
                    RuleCode.EMERGENCY_SYMPTOMS, episode, history, {"symptoms": present}
                )
            )
    return findings


@rule(RuleCode.PROLONGED_TINGLING, level=Level.SEE_DOCTOR, once_per=OncePer.EPISODE)
def prolonged_tingling(history: History) -> list[Finding]:
    """A numbness or tingling episode lasting MORE than 60 minutes; an ongoing one is
    measured up to ``now``, so it fires once the clock passes the hour."""
    return [
        Finding.for_episode(RuleCode.PROLONGED_TINGLING, episode, history)
        for episode in history.paresthesia()
        if is_prolonged(episode.duration(history.now))
    ]


@rule(RuleCode.TINGLING_WITH_RED_FLAGS, level=Level.SEE_DOCTOR, once_per=OncePer.EPISODE)
def tingling_with_red_flags(history: History) -> list[Finding]:
    """A numbness or tingling episode that also hurts (sensation ``pain``) or lists one of
    the article's warning signs (limited motion, immobility, difficulty urinating, rash,
    dizziness, loss of balance)."""
    findings = []
    for episode in history.paresthesia():
        flags = red_flags_in(sensations=episode.sensations, accompanying=episode.accompanying)
        if flags:
            findings.append(
                Finding.for_episode(
                    RuleCode.TINGLING_WITH_RED_FLAGS, episode, history, {"flags": flags}
                )
            )
    return findings


@rule(RuleCode.POSSIBLE_CAUDA_EQUINA, level=Level.URGENT, once_per=OncePer.EPISODE)
def possible_cauda_equina(history: History) -> list[Finding]:
    """Numbness or tingling in the saddle area; or difficulty urinating or a change in bowel
    control together with the lower back or both sides (any sensation). The condition is
    ``symptoms.definitions.has_cauda_equina_signs``, which the guidance at logging shares."""
    findings = []
    for episode in history.episodes:
        if not has_cauda_equina_signs(
            sensations=episode.sensations,
            locations=episode.locations,
            side=episode.side,
            accompanying=episode.accompanying,
        ):
            continue
        params: dict[str, object] = {
            "saddle": "saddle_area" in episode.locations and episode.is_paresthesia,
            "symptoms": [c for c in BLADDER_THEN_BOWEL if c in episode.accompanying],
            "lower_back": "lower_back" in episode.locations,
            "both_sides": episode.side == "both",
        }
        findings.append(
            Finding.for_episode(RuleCode.POSSIBLE_CAUDA_EQUINA, episode, history, params)
        )
    return findings

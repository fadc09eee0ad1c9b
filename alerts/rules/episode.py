"""Rules about a single episode: once per episode."""

from __future__ import annotations

from datetime import timedelta

from alerts.rules.history import Finding, History
from alerts.rules.registry import Level, OncePer, rule

# The article: seek medical help at once for these.
EMERGENCY_SYMPTOMS = frozenset(
    {"nausea", "breathing_difficulty", "severe_leg_pain", "loss_of_consciousness"}
)
# The article's warning signs that come with tingling (besides lasting over an hour).
RED_FLAG_SYMPTOMS = frozenset(
    {
        "limited_range_of_motion",
        "immobility",
        "difficulty_urinating",
        "rash",
        "dizziness",
        "loss_of_balance",
    }
)
# Tingling "lasting more than an hour": exactly 60 minutes does not count.
PROLONGED = timedelta(minutes=60)


@rule("emergency_symptoms", level=Level.URGENT, once_per=OncePer.EPISODE)
def emergency_symptoms(history: History) -> list[Finding]:
    """Any episode (paresthesia or not) listing nausea, difficulty breathing, severe leg
    pain or loss of consciousness."""
    findings = []
    for episode in history.episodes:
        present = EMERGENCY_SYMPTOMS.intersection(episode.accompanying)
        if present:
            findings.append(
                Finding.for_episode(
                    "emergency_symptoms", episode, history, {"symptoms": sorted(present)}
                )
            )
    return findings


@rule("prolonged_tingling", level=Level.SEE_DOCTOR, once_per=OncePer.EPISODE)
def prolonged_tingling(history: History) -> list[Finding]:
    """A numbness or tingling episode lasting MORE than 60 minutes; an ongoing one is
    measured up to ``now``, so it fires once the clock passes the hour."""
    return [
        Finding.for_episode("prolonged_tingling", episode, history)
        for episode in history.paresthesia()
        if episode.duration(history.now) > PROLONGED
    ]


@rule("tingling_with_red_flags", level=Level.SEE_DOCTOR, once_per=OncePer.EPISODE)
def tingling_with_red_flags(history: History) -> list[Finding]:
    """A numbness or tingling episode that also hurts (sensation ``pain``) or lists one of
    the article's warning signs (limited motion, immobility, difficulty urinating, rash,
    dizziness, loss of balance)."""
    findings = []
    for episode in history.paresthesia():
        flags = sorted(RED_FLAG_SYMPTOMS.intersection(episode.accompanying))
        if "pain" in episode.sensations:
            flags.insert(0, "pain")
        if flags:
            findings.append(
                Finding.for_episode("tingling_with_red_flags", episode, history, {"flags": flags})
            )
    return findings

"""The pattern rules of alert-rules.md as pure functions over a ``History`` snapshot.

``evaluate(history)`` runs every registered rule; ``new_alerts(...)`` decides which of
the findings earn an alert. Importing this package registers every rule module.
"""

from alerts.rules import conditions, episode, persistent, recurring
from alerts.rules.history import EpisodeFact, Finding, History, WeightFact, WorkoutFact
from alerts.rules.identity import NewAlert, PriorAlert, new_alerts, split_identity
from alerts.rules.registry import REPEAT_AFTER, RULES, Level, OncePer, Rule, rule

__all__ = [
    "REPEAT_AFTER",
    "RULES",
    "EpisodeFact",
    "Finding",
    "History",
    "Level",
    "NewAlert",
    "OncePer",
    "PriorAlert",
    "Rule",
    "WeightFact",
    "WorkoutFact",
    "conditions",
    "episode",
    "evaluate",
    "new_alerts",
    "persistent",
    "recurring",
    "rule",
    "rule_codes",
    "split_identity",
]

# The order of the rules table in alert-rules.md: most serious first.
ORDER = (
    "emergency_symptoms",
    "prolonged_tingling",
    "tingling_with_red_flags",
    "recurring_with_stepper",
    "recurring_with_activity",
    "persistent_or_worsening",
    "possible_meralgia_paresthetica",
    "possible_tarsal_tunnel",
    "possible_nerve_compression",
)


def rule_codes() -> list[str]:
    """Every registered rule code, in table order, then any added later."""
    return [c for c in ORDER if c in RULES] + [c for c in RULES if c not in ORDER]


def evaluate(history: History) -> list[Finding]:
    """Every finding of every registered rule, rules in table order."""
    return [finding for code in rule_codes() for finding in RULES[code].check(history)]

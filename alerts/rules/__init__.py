"""The pattern rules of alert-rules.md as pure functions over a ``History`` snapshot.

``evaluate(history)`` runs every registered rule; ``new_alerts(...)`` decides which of
the findings earn an alert. Importing this package registers every rule module.

Where the rules table leaves room, these rules read it so:

- "within N days": the first and last start at most N days apart (the third stepper
  episode exactly 30 days after the first counts, 31 days does not); for distinct days,
  at most 28 calendar days (user's zone) apart, and at least 14.
- "the last 3 (all within 60 days)": the user's three latest numbness or tingling
  episodes, all started in the 60 days before now. An ongoing episode is measured up to
  now. An unknown (null) severity breaks a rise in severity (nothing is known to have
  worsened) but not a rise in duration; no other rule reads severity.
- ``emergency_symptoms`` and ``possible_meralgia_paresthetica`` apply to any episode,
  numbness or tingling or not; the other rules need numbness or tingling where the
  table says "paresthesia" (tarsal tunnel: burning with numbness or tingling).
- Weight gain before an episode: the latest weight on or before its day against the
  lowest earlier weight of the 90 days before (3 kg or 5 %, either).
- "user, 30 days" rules report the latest run of matching episodes; a new alert needs
  30 days since the previous one of that rule (and activity) and at least one episode
  that was not evidence of an earlier one.
"""

from alerts.rules import conditions, episode, persistent, recurring
from alerts.rules.codes import RuleCode
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
    "RuleCode",
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


def rule_codes() -> list[str]:
    """Every registered rule code, in the table's order (``RuleCode``)."""
    return [code for code in RuleCode if code in RULES]


def evaluate(history: History) -> list[Finding]:
    """Every finding of every registered rule, rules in table order."""
    return [finding for code in rule_codes() for finding in RULES[code].check(history)]

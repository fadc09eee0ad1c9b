"""Which findings become new alerts: the "once per" column of the rules table, made pure.

- once per episode: identity ``episode:<id>``; raised when no alert of that rule has it.
- once per user (and activity), 30 days: identity ``<scope>#<n>`` (scope ``""`` or the
  activity), ``n`` one more than the highest earlier ``n`` of that rule and scope (the
  count of earlier alerts, unless one was deleted with its episode). Held back while the
  previous alert of that rule and scope is less than 30 days old, acknowledged or not,
  and when every evidence episode was already evidence of an earlier one (the same old
  pattern does not re-alert every 30 days).

The database's unique constraint on (user, rule, identity) settles any race between two
evaluations that decide the same thing at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from alerts.rules.history import Finding
from alerts.rules.registry import REPEAT_AFTER, RULES, Rule


@dataclass(frozen=True)
class PriorAlert:
    """An alert already stored, with the ids of its evidence episodes."""

    rule: str
    identity: str
    created_at: datetime
    episode_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class NewAlert:
    rule: Rule
    identity: str
    finding: Finding = field(compare=False)


def split_identity(identity: str) -> tuple[str, int]:
    """``"running#2"`` -> ``("running", 2)``; an identity without a number counts as 0."""
    scope, _sep, number = identity.rpartition("#")
    return (scope, int(number)) if number.isdigit() else (identity, 0)


@dataclass
class _Series:
    latest: datetime
    highest: int
    evidence: set[int]


def _series(priors: Iterable[PriorAlert]) -> dict[tuple[str, str], _Series]:
    series: dict[tuple[str, str], _Series] = {}
    for prior in priors:
        known = RULES.get(prior.rule)
        if known is None or known.per_episode:
            continue
        scope, number = split_identity(prior.identity)
        current = series.get((prior.rule, scope))
        if current is None:
            series[(prior.rule, scope)] = _Series(prior.created_at, number, set(prior.episode_ids))
        else:
            current.latest = max(current.latest, prior.created_at)
            current.highest = max(current.highest, number)
            current.evidence |= prior.episode_ids
    return series


def new_alerts(
    findings: Iterable[Finding], *, priors: Iterable[PriorAlert], now: datetime
) -> list[NewAlert]:
    """The findings that earn a new alert, each with its identity, in finding order."""
    priors = list(priors)
    raised = {(p.rule, p.identity) for p in priors}
    series = _series(priors)
    decided: list[NewAlert] = []
    for finding in findings:
        rule = RULES[finding.rule]
        if rule.per_episode:
            identity = finding.scope
            if (rule.code, identity) in raised:
                continue
        else:
            earlier = series.get((rule.code, finding.scope))
            if earlier is None:
                number = 0
            elif now - earlier.latest < REPEAT_AFTER or earlier.evidence.issuperset(
                finding.episode_ids
            ):
                continue
            else:
                number = earlier.highest + 1
            identity = f"{finding.scope}#{number}"
        raised.add((rule.code, identity))
        decided.append(NewAlert(rule=rule, identity=identity, finding=finding))
    return decided

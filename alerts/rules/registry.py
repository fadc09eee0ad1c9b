"""The rule registry: a stable code, a level and a "once per" kind for each check.

Adding a rule is adding its code to ``RuleCode``, its wording to ``alerts.messages``, and
a function decorated with ``@rule(...)`` in a module that ``alerts.rules`` imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from alerts.rules.codes import RuleCode
from alerts.rules.history import Finding, History

Check = Callable[[History], list[Finding]]


class Level(StrEnum):
    """Most serious first (the values of ``alerts.models.Level``)."""

    URGENT = "urgent"
    SEE_DOCTOR = "see_doctor"
    WATCH = "watch"


class OncePer(StrEnum):
    """The identity of an alert: one per episode, or one per user (and activity) per window."""

    EPISODE = "episode"
    USER = "user"
    USER_AND_ACTIVITY = "user_and_activity"


# "user, 30 days": no second alert of a rule (and activity) within this long of the last one.
REPEAT_AFTER = timedelta(days=30)


@dataclass(frozen=True)
class Rule:
    code: RuleCode
    level: Level
    once_per: OncePer
    check: Check

    @property
    def per_episode(self) -> bool:
        return self.once_per is OncePer.EPISODE


RULES: dict[str, Rule] = {}  # keyed by RuleCode (a str), looked up by stored codes


def rule(code: RuleCode, *, level: Level, once_per: OncePer) -> Callable[[Check], Check]:
    """Register ``check`` under ``code``; a code registered twice is a programming error."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule {code!r} is registered twice")
        RULES[code] = Rule(code=code, level=level, once_per=once_per, check=check)
        return check

    return register

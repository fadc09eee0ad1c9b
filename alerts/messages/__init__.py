"""Every word an alert says, in the active language, for every page, email and report.

``alert_title``, ``alert_message`` and ``alert_advice`` take an ``Alert`` (its ``rule``
and ``context``, the finding's parameters) and render in the language that is active;
callers wrap them in ``translation.override(profile.language)``. The message says what
was seen (counts, durations, dates in the person's zone, the activity), what it may
point to as the article puts it (never a diagnosis), and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from alerts.messages.phrases import activity_name, format_date, format_duration, join
from alerts.messages.wording import ADVICE, BODIES, TITLES

__all__ = [
    "activity_name",
    "alert_advice",
    "alert_message",
    "alert_title",
    "format_date",
    "format_duration",
    "join",
]


class AlertLike(Protocol):
    rule: str
    context: Any


def _context(alert: AlertLike) -> Mapping[str, Any]:
    return alert.context if isinstance(alert.context, Mapping) else {}


def alert_title(alert: AlertLike) -> str:
    """A short headline in the active language."""
    render = TITLES.get(alert.rule)
    return render(_context(alert)) if render else alert.rule.replace("_", " ")


def alert_advice(alert: AlertLike) -> str:
    """What to do, in the active language; urgent alerts name the emergency number."""
    render = ADVICE.get(alert.rule)
    return render() if render else ""


def alert_message(alert: AlertLike) -> str:
    """What was seen, what it may point to, and what to do, in the active language."""
    render = BODIES.get(alert.rule)
    try:
        parts = render(_context(alert)) if render else []
    except (KeyError, TypeError, ValueError):
        # A context written by an older version of a rule: say what to do all the same.
        parts = []
    return " ".join([*parts, alert_advice(alert)]).strip()

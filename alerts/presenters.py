"""An alert as a person reads it, in one shape for every place that shows one.

The alert pages, the dashboard, the emails and the doctor's PDF all take their words
from ``alert_wording``: the title, what was seen, and the advice on its own (the
stored message ends with the advice; showing both would say it twice).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy

from alerts.messages import alert_advice, alert_message, alert_title
from alerts.models import LEVEL_RANK, Alert, Level
from alerts.selectors import alert_list_open_with_evidence
from symptoms.models import Episode
from symptoms.selectors import episode_list
from tracker.models import Workout
from tracker.selectors import workout_list

# The health article the rules follow (its Indonesian title as published); pages name it.
ARTICLE_TITLE = gettext_lazy("Leg Numbness After Exercise")


@dataclass(frozen=True)
class AlertWording:
    """An alert's words in the active language."""

    title: str
    message: str  # what was seen and what it may point to, without the advice
    advice: str
    level: str
    level_label: str

    @property
    def names_emergency_number(self) -> bool:
        return settings.EMERGENCY_NUMBER in self.advice


def alert_wording(alert: Alert) -> AlertWording:
    advice = alert_advice(alert)
    message = alert_message(alert)
    if advice and message.endswith(advice):
        message = message.removesuffix(advice).rstrip()
    return AlertWording(
        title=alert_title(alert),
        message=message,
        advice=advice,
        level=alert.level,
        level_label=str(Level(alert.level).label),
    )


def by_level(alerts: Iterable[Alert]) -> list[Alert]:
    """Most serious level first (``LEVEL_RANK``), keeping the given order within a level."""
    rank: dict[str, int] = {str(level): n for level, n in LEVEL_RANK.items()}
    return sorted(alerts, key=lambda a: rank.get(a.level, len(rank)))


@dataclass
class AlertCard:
    """An alert as the page shows it: words in the active language, evidence as objects."""

    alert: Alert
    title: str
    message: str
    advice: str
    episodes: list[Episode] = field(default_factory=list)
    workouts: list[Workout] = field(default_factory=list)


def _card(alert: Alert, *, episodes: list[Episode], workouts: list[Workout]) -> AlertCard:
    wording = alert_wording(alert)
    return AlertCard(
        alert=alert,
        title=wording.title,
        message=wording.message,
        advice=wording.advice,
        episodes=episodes,
        workouts=workouts,
    )


def alert_cards(*, user: Any, alerts: Iterable[Alert]) -> list[AlertCard]:
    """Cards for ``alerts`` (prefetched evidence ids), with their evidence in 2 queries."""
    alerts = list(alerts)
    episode_ids = {e.id for a in alerts for e in a.episodes.all()}
    workout_ids = {w.id for a in alerts for w in a.workouts.all()}
    episodes = (
        {e.id: e for e in episode_list(user=user).filter(id__in=episode_ids)} if episode_ids else {}
    )
    workouts = (
        {w.id: w for w in workout_list(user=user).filter(id__in=workout_ids)} if workout_ids else {}
    )
    return [
        _card(
            alert,
            episodes=[episodes[e.id] for e in alert.episodes.all() if e.id in episodes],
            workouts=[workouts[w.id] for w in alert.workouts.all() if w.id in workouts],
        )
        for alert in alerts
    ]


def open_alert_cards(*, user: Any) -> list[AlertCard]:
    """Unacknowledged alerts, most serious level first, newest first within a level, with
    their evidence (``alert_list_open_with_evidence``: 3 queries)."""
    return [
        _card(
            alert,
            episodes=alert.evidence_episodes,  # type: ignore[attr-defined]
            workouts=alert.evidence_workouts,  # type: ignore[attr-defined]
        )
        for alert in alert_list_open_with_evidence(user=user)
    ]

"""The report's rows and figures: plain frozen data the template shows."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports import selectors
from reports.charts import Chart
from tracker.models import BodyWeight


def label_of(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def labels_of(choices: Any, codes: Iterable[str]) -> str:
    return ", ".join(label_of(choices, code) for code in codes)


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class ActivityRow:
    label: str
    count: int
    minutes: int


@dataclass(frozen=True)
class AlertRow:
    created_at: datetime
    level: str
    level_label: str
    title: str
    message: str


@dataclass(frozen=True)
class EpisodeRow:
    started_at: datetime
    ended_at: datetime | None
    duration_minutes: int | None
    locations: str
    side: str
    sensations: str
    severity: int | None
    accompanying: str
    relief_actions: str
    workout: str
    notes: str

    @property
    def when(self) -> str:
        """Date, time and duration (or "ongoing") in the active language; ``started_at`` is
        already in the report's zone."""
        duration = (
            _("ongoing") if self.duration_minutes is None else f"{self.duration_minutes} {_('min')}"
        )
        return f"{date_format(self.started_at, 'DATETIME_FORMAT')}, {duration}"

    @property
    def what(self) -> str:
        """Sensations; severity (0-10); "with" accompanying symptoms; "relief:" actions, in
        the active language: the table's third column, and each line of a long list."""
        severity = "\N{EN DASH}" if self.severity is None else f"{self.severity}/10"
        parts = [self.sensations, severity]
        if self.accompanying:
            parts.append(f"{_('with')} {self.accompanying}")
        if self.relief_actions:
            parts.append(f"{_('relief')}: {self.relief_actions}")
        return "; ".join(parts)


@dataclass(frozen=True)
class WorkoutRow:
    started_at: datetime
    activity: str
    duration_minutes: int
    intensity: int | None
    tight_clothing: bool
    episodes: int
    notes: str


@dataclass(frozen=True)
class MonthRow:
    month: date
    count: int
    minutes: int
    activities: str
    episodes: int


@dataclass(frozen=True)
class EpisodeMonthRow:
    """Older episodes of a long history, one calendar month summed up."""

    month: date
    count: int
    minutes: int
    longest_minutes: int | None
    max_severity: int | None
    locations: str
    sensations: str
    accompanying: str
    after_workout: int


@dataclass(frozen=True)
class WarningSign:
    label: str
    reported: bool
    days: list[date]


@dataclass
class Report:
    username: str
    age: int | None
    sex: str
    zone: str
    period: selectors.Period
    generated_at: datetime
    workouts_by_activity: list[ActivityRow]
    workout_count: int
    episode_count: int
    ongoing_count: int
    total_minutes: int
    longest_minutes: int | None
    longest_on: date | None
    top_locations: list[Count]
    top_sensations: list[Count]
    alerts: list[AlertRow]
    relief_actions: list[Count]
    episodes: list[EpisodeRow]
    episode_months: list[EpisodeMonthRow]
    workouts: list[WorkoutRow]
    workout_months: list[MonthRow]
    weights: list[BodyWeight]
    warning_signs: list[WarningSign]
    timeline: Chart
    weight_chart: Chart
    # Per activity in the period: rate with its interval and onset (insights.presenters).
    insights: list[Any] = field(default_factory=list)
    # "Try one fix" experiments started before the period's end (insights.presenters
    # ExperimentRow: title, state and lines; rates only once the planned sessions are done).
    experiments: list[Any] = field(default_factory=list)
    # The MNSI questionnaire answered in the period: the scores over time and the latest
    # score in words, with what a score can and cannot say; empty when not answered.
    mnsi_lines: list[str] = field(default_factory=list)
    # Page 1's "after what": episodes per activity of the workout they followed, and how
    # many followed none; "when": the first and the last episode's day.
    after_activities: list[Count] = field(default_factory=list)
    not_after_workout: int = 0
    first_episode_on: date | None = None
    last_episode_on: date | None = None
    # Many episodes listed one by one: one line of text each rather than a table row.
    episodes_as_lines: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def summarised_episode_count(self) -> int:
        """Older episodes shown only in the per-month summary."""
        return sum(month.count for month in self.episode_months)

    @property
    def row_count(self) -> int:
        return len(self.episodes) + len(self.workouts) + len(self.weights)

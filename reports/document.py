"""The doctor's report as plain data: what page 1 says, the tables, the charts.

``report_build`` reads (through ``reports.selectors``) and renders nothing; the HTML
template ``reports/report_document.html`` shared by the PDF and the share page shows it.
Call it inside ``translation.override(profile.language)``: labels, alert titles and
chart texts come out in the active language.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.messages import alert_message, alert_title
from alerts.models import Alert, Level
from reports import selectors
from reports.charts import Chart, body_weight_chart, timeline_chart
from symptoms.models import Episode
from symptoms.vocabulary import PARESTHESIA, Accompanying, Location, ReliefAction, Sensation, Side
from tracker.models import Activity, BodyWeight, Sex, Workout

PROLONGED = timedelta(minutes=60)
TOP = 3
# Past this many workouts the report lists them per month (every one stays in the CSV,
# JSON and FHIR exports): a doctor reads a year of training better as months, and
# five years of daily training would otherwise fill forty pages.
WORKOUT_ROWS_MAX = 200
TIMELINE_DAILY_DAYS = 120
TIMELINE_WEEKLY_DAYS = 730


def _label(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _labels(choices: Any, codes: Iterable[str]) -> str:
    return ", ".join(_label(choices, code) for code in codes)


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
    workouts: list[WorkoutRow]
    workout_months: list[MonthRow]
    weights: list[BodyWeight]
    warning_signs: list[WarningSign]
    timeline: Chart
    weight_chart: Chart
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return len(self.episodes) + len(self.workouts) + len(self.weights)


def _warning_signs(
    *, episodes: list[Episode], alerts: list[Alert], zone: Any, now: datetime
) -> list[WarningSign]:
    """The article's warning signs, each marked with the days it was reported."""

    def days(test: Callable[[Episode], bool]) -> list[date]:
        return sorted({ep.started_at.astimezone(zone).date() for ep in episodes if test(ep)})

    def lists(*codes: str) -> Callable[[Episode], bool]:
        return lambda ep: bool(set(codes) & set(ep.accompanying))

    signs = [
        (
            _("Tingling or numbness lasting more than an hour"),
            days(
                lambda ep: bool(PARESTHESIA & set(ep.sensations)) and ep.duration(now) > PROLONGED
            ),
        ),
        (
            _("Limited range of motion or unable to move the leg"),
            days(lists(Accompanying.LIMITED_RANGE_OF_MOTION, Accompanying.IMMOBILITY)),
        ),
        (
            _("Pain"),
            days(
                lambda ep: Sensation.PAIN in ep.sensations
                or Accompanying.SEVERE_LEG_PAIN in ep.accompanying
            ),
        ),
        (_("Difficulty urinating"), days(lists(Accompanying.DIFFICULTY_URINATING))),
        (_("Rash in the area"), days(lists(Accompanying.RASH))),
        (_("Nausea"), days(lists(Accompanying.NAUSEA))),
        (
            _("Dizziness or loss of balance"),
            days(lists(Accompanying.DIZZINESS, Accompanying.LOSS_OF_BALANCE)),
        ),
        (_("Difficulty breathing"), days(lists(Accompanying.BREATHING_DIFFICULTY))),
        (_("Loss of consciousness"), days(lists(Accompanying.LOSS_OF_CONSCIOUSNESS))),
    ]
    worsening = sorted(
        {
            alert.created_at.astimezone(zone).date()
            for alert in alerts
            if alert.rule == "persistent_or_worsening"
        }
    )
    signs.append((_("Symptoms that persist or get worse"), worsening))
    return [WarningSign(label=label, reported=bool(found), days=found) for label, found in signs]


def _by_month(*, workouts: list[Workout], episodes: list[Episode], zone: Any) -> list[MonthRow]:
    """Workouts per calendar month (user's zone): count, minutes, count per activity."""
    months: dict[date, list[Workout]] = {}
    for workout in workouts:
        day = workout.started_at.astimezone(zone).date()
        months.setdefault(day.replace(day=1), []).append(workout)
    episode_months: Counter[date] = Counter(
        ep.started_at.astimezone(zone).date().replace(day=1) for ep in episodes
    )
    rows = []
    for month, items in sorted(months.items()):
        per_activity = Counter(w.activity for w in items)
        rows.append(
            MonthRow(
                month=month,
                count=len(items),
                minutes=sum(w.duration_minutes for w in items),
                activities=", ".join(
                    f"{_label(Activity, code)} {count}"
                    for code, count in per_activity.most_common()
                ),
                episodes=episode_months[month],
            )
        )
    return rows


def _bucket(day: date, *, days: int) -> date:
    """Days for a short period, Mondays up to two years, first days of months beyond."""
    if days <= TIMELINE_DAILY_DAYS:
        return day
    if days <= TIMELINE_WEEKLY_DAYS:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _timeline(
    *, period: selectors.Period, workouts: list[Workout], episodes: list[Episode], now: datetime
) -> Chart:
    """Each workout and episode on its day, or minutes summed per week or month over long
    periods (thousands of markers would slow the PDF without telling a reader more)."""
    zone, days = period.zone, period.days
    workout_minutes: Counter[date] = Counter()
    episode_minutes: Counter[date] = Counter()
    if days <= TIMELINE_DAILY_DAYS:
        workout_points = [
            (w.started_at.astimezone(zone).date(), w.duration_minutes) for w in workouts
        ]
        episode_points = [
            (ep.started_at.astimezone(zone).date(), int(ep.duration(now).total_seconds() // 60))
            for ep in episodes
        ]
    else:
        for w in workouts:
            workout_minutes[_bucket(w.started_at.astimezone(zone).date(), days=days)] += (
                w.duration_minutes
            )
        for ep in episodes:
            episode_minutes[_bucket(ep.started_at.astimezone(zone).date(), days=days)] += int(
                ep.duration(now).total_seconds() // 60
            )
        workout_points = sorted(workout_minutes.items())
        episode_points = sorted(episode_minutes.items())
    chart = timeline_chart(
        start=period.start,
        end=period.end,
        workouts=workout_points,
        episodes=episode_points,
        workout_count=len(workouts),
        episode_count=len(episodes),
    )
    if days > TIMELINE_DAILY_DAYS:
        unit = _("week") if days <= TIMELINE_WEEKLY_DAYS else _("month")
        note = _("Minutes are summed per %(unit)s.") % {"unit": unit}
        chart = Chart(svg=chart.svg, summary=f"{chart.summary} {note}")
    return chart


def _top(counter: Counter[str], choices: Any, limit: int = TOP) -> list[Count]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Count(label=_label(choices, code), count=count) for code, count in ranked]


def _workout_text(workout: Workout | None, *, linked: bool, zone: Any) -> str:
    if workout is None:
        return ""
    text = _("%(activity)s %(minutes)d min, %(start)s") % {
        "activity": _label(Activity, workout.activity),
        "minutes": workout.duration_minutes,
        "start": workout.started_at.astimezone(zone).strftime("%m-%d %H:%M"),
    }
    return text if linked else text + " " + _("(within 2 h)")


def report_build(
    *,
    user: Any,
    period: selectors.Period,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Everything the report shows for ``period``; ``progress`` hears 0..60 as it reads."""
    now = now or timezone.now()
    zone = period.zone
    profile = getattr(user, "profile", None)
    episodes = list(selectors.episode_list_in(user=user, period=period))
    workouts = list(selectors.workout_list_in(user=user, period=period))
    weights = list(selectors.body_weight_list_in(user=user, period=period))
    alerts = list(selectors.alert_list_in(user=user, period=period))
    if progress:
        progress(20)
    associations = selectors.episode_associations(user=user, episodes=episodes)

    episodes_per_workout: Counter[int] = Counter(w.id for w in associations.values())
    activity_counts: Counter[str] = Counter()
    activity_minutes: Counter[str] = Counter()
    for workout in workouts:
        activity_counts[workout.activity] += 1
        activity_minutes[workout.activity] += workout.duration_minutes
    ended = [ep for ep in episodes if ep.ended_at is not None]
    longest = max(ended, key=lambda ep: (ep.duration_minutes, ep.started_at), default=None)
    relief: Counter[str] = Counter(a for ep in episodes for a in ep.relief_actions)

    episode_rows = [
        EpisodeRow(
            started_at=ep.started_at.astimezone(zone),
            ended_at=ep.ended_at.astimezone(zone) if ep.ended_at else None,
            duration_minutes=ep.duration_minutes,
            locations=_labels(Location, ep.locations),
            side=_label(Side, ep.side),
            sensations=_labels(Sensation, ep.sensations),
            severity=ep.severity,
            accompanying=_labels(Accompanying, ep.accompanying),
            relief_actions=_labels(ReliefAction, ep.relief_actions),
            workout=_workout_text(
                associations.get(ep.id), linked=ep.workout_id is not None, zone=zone
            ),
            notes=ep.notes,
        )
        for ep in episodes
    ]
    if progress:
        progress(40)
    workout_rows = [
        WorkoutRow(
            started_at=w.started_at.astimezone(zone),
            activity=_label(Activity, w.activity),
            duration_minutes=w.duration_minutes,
            intensity=w.intensity,
            tight_clothing=w.tight_clothing,
            episodes=episodes_per_workout[w.id],
            notes=w.notes,
        )
        for w in workouts
    ]
    workout_months: list[MonthRow] = []
    if len(workout_rows) > WORKOUT_ROWS_MAX:
        workout_months = _by_month(workouts=workouts, episodes=episodes, zone=zone)
        workout_rows = []
    alert_rows = [
        AlertRow(
            created_at=alert.created_at.astimezone(zone),
            level=alert.level,
            level_label=_label(Level, alert.level),
            title=alert_title(alert),
            message=alert_message(alert),
        )
        for alert in alerts
    ]
    age = None
    if profile is not None and profile.birth_year:
        age = period.end.year - profile.birth_year
    report = Report(
        username=user.get_username(),
        age=age,
        sex=_label(Sex, profile.sex) if profile is not None and profile.sex else "",
        zone=str(zone),
        period=period,
        generated_at=now.astimezone(zone),
        workouts_by_activity=[
            ActivityRow(label=_label(Activity, code), count=count, minutes=activity_minutes[code])
            for code, count in sorted(activity_counts.items(), key=lambda item: -item[1])
        ],
        workout_count=len(workouts),
        episode_count=len(episodes),
        ongoing_count=len(episodes) - len(ended),
        total_minutes=sum(ep.duration_minutes or 0 for ep in ended),
        longest_minutes=longest.duration_minutes if longest else None,
        longest_on=longest.started_at.astimezone(zone).date() if longest else None,
        top_locations=_top(selectors.location_counts(episodes=episodes), Location),
        top_sensations=_top(selectors.sensation_counts(episodes=episodes), Sensation, limit=4),
        alerts=alert_rows,
        relief_actions=_top(relief, ReliefAction, limit=4),
        episodes=episode_rows,
        workouts=workout_rows,
        workout_months=workout_months,
        weights=weights,
        warning_signs=_warning_signs(episodes=episodes, alerts=alerts, zone=zone, now=now),
        timeline=_timeline(period=period, workouts=workouts, episodes=episodes, now=now),
        weight_chart=body_weight_chart(points=selectors.body_weight_points(body_weights=weights)),
    )
    if progress:
        progress(60)
    return report

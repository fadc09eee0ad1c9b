"""The parts of the report computed from rows: warning signs, months, the timeline."""

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from alerts.models import Alert
from reports import selectors
from reports.charts import Chart, timeline_chart
from reports.document.rows import Count, MonthRow, WarningSign, label_of
from symptoms.models import Episode
from symptoms.vocabulary import PARESTHESIA, Accompanying, Sensation
from tracker.models import Activity, Workout

PROLONGED = timedelta(minutes=60)
TOP = 3
# Past this many workouts the report lists them per month (every one stays in the CSV,
# JSON and FHIR exports): a doctor reads a year of training better as months, and
# five years of daily training would otherwise fill forty pages.
WORKOUT_ROWS_MAX = 200
TIMELINE_DAILY_DAYS = 120
TIMELINE_WEEKLY_DAYS = 730


def warning_signs_for(
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


def workouts_by_month(
    *, workouts: list[Workout], episodes: list[Episode], zone: Any
) -> list[MonthRow]:
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
                    f"{label_of(Activity, code)} {count}"
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


def timeline_for(
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


def top_counts(counter: Counter[str], choices: Any, limit: int = TOP) -> list[Count]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Count(label=label_of(choices, code), count=count) for code, count in ranked]


def workout_text(workout: Workout | None, *, linked: bool, zone: Any) -> str:
    if workout is None:
        return ""
    text = _("%(activity)s %(minutes)d min, %(start)s") % {
        "activity": label_of(Activity, workout.activity),
        "minutes": workout.duration_minutes,
        "start": workout.started_at.astimezone(zone).strftime("%m-%d %H:%M"),
    }
    return text if linked else text + " " + _("(within 2 h)")

"""The parts of the report computed from rows: warning signs, months, the timeline."""

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alerts.models import Alert
from alerts.rules.codes import RuleCode
from reports import selectors
from reports.charts import Chart, timeline_chart
from reports.document.rows import (
    Count,
    EpisodeMonthRow,
    MonthRow,
    WarningSign,
    label_of,
)
from symptoms.definitions import is_paresthesia, is_prolonged
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, Sensation
from tracker.models import Activity, Workout

TOP = 3
# Past this many workouts the report lists them per month (every one stays in the CSV,
# JSON and FHIR exports): a doctor reads a year of training better as months, and
# five years of daily training would otherwise fill forty pages.
WORKOUT_ROWS_MAX = 200
# Past this many episodes the report lists one by one only those of the period's last
# twelve months (and at most this many, the most recent), and sums up the older ones per
# month. WeasyPrint lays out about 150 table rows a second here: five years of episodes
# (5,000 rows, 185 pages) took close to a minute, and no doctor reads 185 pages. The
# CSV, JSON and FHIR exports keep every episode.
EPISODE_ROWS_MAX = 1000
EPISODE_DETAIL_DAYS = 365
# Past this many episodes listed one by one, each is one line of text rather than a table
# row of four cells: WeasyPrint lays a table out cell by cell, line by line (1,000 episodes
# took 36 pages and 10 M Python calls as rows, 24 pages and 3 M as lines). Daily logging
# over 90 days (about 250 episodes) keeps the table.
EPISODE_TABLE_MAX = 300
MONTH_TOP = 3  # locations named per summed-up month
TIMELINE_DAILY_DAYS = 120
TIMELINE_WEEKLY_DAYS = 730
# Past this many markers a short period's timeline sums minutes per day: thousands of
# SVG markers (a dense month of logging) cost WeasyPrint seconds and overlap anyway.
TIMELINE_MARKERS_MAX = 400


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
            days(lambda ep: is_paresthesia(ep.sensations) and is_prolonged(ep.duration(now))),
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
        (_("Change in bowel control"), days(lists(Accompanying.BOWEL_CONTROL_CHANGE))),
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
            if alert.rule == RuleCode.PERSISTENT_OR_WORSENING
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


def episodes_split(
    *, episodes: list[Episode], period: selectors.Period
) -> tuple[list[Episode], list[Episode]]:
    """(older, listed): all listed up to ``EPISODE_ROWS_MAX`` episodes; beyond, only the
    last ``EPISODE_DETAIL_DAYS`` of the period, at most the ``EPISODE_ROWS_MAX`` most
    recent, are listed and the older ones are summed up per month.

    ``episodes`` come in start order.
    """
    if len(episodes) <= EPISODE_ROWS_MAX:
        return [], episodes
    first_listed_day = period.end - timedelta(days=EPISODE_DETAIL_DAYS - 1)
    cut = len(episodes) - EPISODE_ROWS_MAX
    while cut < len(episodes) and episodes[cut].started_at.astimezone(period.zone).date() < (
        first_listed_day
    ):
        cut += 1
    return episodes[:cut], episodes[cut:]


def episodes_by_month(
    *, episodes: list[Episode], associations: dict[int, Workout], zone: Any
) -> list[EpisodeMonthRow]:
    """Episodes per calendar month (user's zone): how many, how long, where, what, and
    how many followed a workout (linked, or within 2 h after one)."""
    months: dict[date, list[Episode]] = {}
    for ep in episodes:
        months.setdefault(ep.started_at.astimezone(zone).date().replace(day=1), []).append(ep)
    rows = []
    for month, items in sorted(months.items()):
        durations = [ep.duration_minutes for ep in items if ep.duration_minutes is not None]
        severities = [ep.severity for ep in items if ep.severity is not None]
        accompanying = Counter(code for ep in items for code in ep.accompanying)
        rows.append(
            EpisodeMonthRow(
                month=month,
                count=len(items),
                minutes=sum(durations),
                longest_minutes=max(durations, default=None),
                max_severity=max(severities, default=None),
                locations=_counted(
                    selectors.location_counts(episodes=items), Location, limit=MONTH_TOP
                ),
                sensations=_counted(selectors.sensation_counts(episodes=items), Sensation),
                accompanying=_counted(accompanying, Accompanying),
                after_workout=sum(1 for ep in items if ep.id in associations),
            )
        )
    return rows


def _counted(counter: Counter[str], choices: Any, limit: int | None = None) -> str:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    text = ", ".join(f"{label_of(choices, code)} {count}" for code, count in ranked[:limit])
    return text + ", …" if limit is not None and len(ranked) > limit else text


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
    """Each workout and episode on its day, or minutes summed per day when there are very
    many, and per week or month over long periods (thousands of markers would slow the
    PDF without telling a reader more)."""
    zone, days = period.zone, period.days
    workout_minutes: Counter[date] = Counter()
    episode_minutes: Counter[date] = Counter()
    summed = days > TIMELINE_DAILY_DAYS or len(workouts) + len(episodes) > TIMELINE_MARKERS_MAX
    if not summed:
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
    # Start a little before the first marker: a history of the last weeks is not crammed
    # against the right edge of a 90-day axis (the caption states the range drawn).
    days_with_data = [day for day, _minutes in (*workout_points, *episode_points)]
    start = period.start
    if days_with_data:
        start = max(period.start, min(days_with_data) - timedelta(days=7))
    chart = timeline_chart(
        start=start,
        end=period.end,
        workouts=workout_points,
        episodes=episode_points,
        workout_count=len(workouts),
        episode_count=len(episodes),
    )
    if summed:
        if days <= TIMELINE_DAILY_DAYS:
            unit = _("day")
        else:
            unit = _("week") if days <= TIMELINE_WEEKLY_DAYS else _("month")
        note = _("Minutes are summed per %(unit)s.") % {"unit": unit}
        chart = chart._replace(summary=f"{chart.summary} {note}")
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
        "start": date_format(workout.started_at.astimezone(zone), "DATETIME_FORMAT"),
    }
    return text if linked else text + " " + _("(within 2 h)")

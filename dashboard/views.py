"""The home dashboard: open alerts first, then the week at a glance, the latest entries, charts."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alerts.presenters import open_alert_cards
from insights.presenters import rate_rows
from insights.selectors import insight_rates_get, outcome_of, workout_list_with_outcome
from insights.stats import Outcome
from reports.charts import activity_label
from reports.selectors import ChartRows, WeeklyCounts, chart_rows, dashboard_charts, weekly_counts
from symptoms.selectors import WeekSummary, episode_list, week_summary_of

CHART_WEEKS = (12, 52)
LATEST = 5
# The insight card's top lines: the activities with the most sessions; the page has all.
INSIGHT_CARD_ROWS = 3
# Episodes against workouts, minutes over time, where, after what.
DASHBOARD_CHARTS = ("weekly", "minutes", "locations", "activities")
# Charts along a time axis: on a phone they keep a readable width and open at the latest weeks.
TIME_CHARTS = frozenset({"weekly", "minutes"})


def week_at_a_glance(*, rows: ChartRows, now: datetime) -> WeekSummary:
    """This week from Monday 00:00 in the person's zone, the charts' last week: the numbers
    the digest sends (``symptoms.selectors.week_summary``), from the rows already read."""
    return week_summary_of(
        monday=rows.mondays[-1],
        zone=rows.period.zone,
        now=now,
        workouts=[(w.started_at, w.duration_minutes) for w in rows.workouts],
        episodes=[(e.started_at, e.ended_at) for e in rows.episodes],
    )


@dataclass(frozen=True)
class WeekRow:
    """One row of the weekly chart's table: the chart's numbers for a reader without it."""

    monday: date
    episodes: int
    workouts: int
    by_activity: list[tuple[str, int]]


def weekly_table(*, counts: WeeklyCounts) -> list[WeekRow]:
    """The weekly chart's numbers (``reports.selectors.weekly_counts``), newest week first."""
    mondays, episodes, workouts = counts
    rows = []
    for i, monday in enumerate(mondays):
        by_activity = sorted(
            ((activity_label(code), counts[i]) for code, counts in workouts.items() if counts[i]),
            key=lambda item: (-item[1], item[0]),
        )
        rows.append(
            WeekRow(
                monday=monday,
                episodes=episodes[i],
                workouts=sum(count for _label, count in by_activity),
                by_activity=by_activity,
            )
        )
    return rows[::-1]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    weeks = 52 if request.GET.get("weeks") == "52" else 12
    # Read once: the charts, the weekly table and this week's numbers show the same rows.
    rows = chart_rows(user=request.user, weeks=weeks, now=now)
    charts = dashboard_charts(user=request.user, rows=rows)
    latest_workouts = list(workout_list_with_outcome(user=request.user)[:LATEST])
    context = {
        "alert_cards": open_alert_cards(user=request.user),
        "week": week_at_a_glance(rows=rows, now=now),
        "latest_workouts": latest_workouts,
        "no_symptoms_ids": {w.pk for w in latest_workouts if outcome_of(w) is Outcome.NO_ANSWER},
        "insight_rows": rate_rows(insight_rates_get(user=request.user, limit=INSIGHT_CARD_ROWS)),
        "latest_episodes": episode_list(user=request.user)[:LATEST],
        "charts_ordered": [
            {"chart": charts[key], "over_time": key in TIME_CHARTS, "weekly": key == "weekly"}
            for key in DASHBOARD_CHARTS
            if key in charts
        ],
        "weekly_rows": weekly_table(counts=weekly_counts(rows=rows)),
        "weeks": weeks,
        "week_choices": CHART_WEEKS,
    }
    return render(request, "dashboard/home.html", context)
